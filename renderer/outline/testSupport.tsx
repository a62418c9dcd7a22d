// Test helpers for the outline (no testing library is installed): mount with react-dom/client +
// act, press keys on the focused element, and two boards synced like two peers in a room.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import i18next, { type i18n as I18n } from 'i18next';
import * as Y from 'yjs';
import { Board, REMOTE, createFrame, createNote, groupNotes } from '../../shared/board';
import { messages } from '../../shared/i18n';
import { createSelection, type Selection } from '../board/selection';
import { OutlineView, type OutlineViewProps } from './OutlineView';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export async function testI18n(language: 'ko' | 'en' = 'ko'): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'ko',
    keySeparator: false,
    interpolation: { escapeValue: false },
    resources: {
      ko: { translation: messages.ko },
      en: { translation: messages.en },
    },
  });
  return instance;
}

export interface Mounted {
  container: HTMLElement;
  selection: Selection;
  rerender(props?: Partial<OutlineViewProps>): Promise<void>;
  unmount(): Promise<void>;
  tree(): HTMLElement;
  items(): HTMLElement[];
  item(id: string): HTMLElement;
  /** Moves keyboard focus to an item, as Tab or a click would. */
  focusOn(id: string): Promise<void>;
  focused(): HTMLElement | null;
  status(): string;
  announcer(): string;
}

export async function mount(board: Board, props: Partial<OutlineViewProps> = {}, language: 'ko' | 'en' = 'ko'): Promise<Mounted> {
  const i18n = await testI18n(language);
  const container = document.createElement('div');
  document.body.append(container);
  const selection = props.selection ?? createSelection();
  let root: Root | null = null;
  let current: OutlineViewProps = { board, selection, author: '익명 까치 12', ...props };
  const render = () => root?.render(
    <I18nextProvider i18n={i18n}>
      <OutlineView {...current} />
    </I18nextProvider>,
  );
  await act(async () => {
    root = createRoot(container);
    render();
  });
  const query = (selector: string) => container.querySelector<HTMLElement>(selector);
  return {
    container,
    selection,
    rerender: async (next = {}) => {
      current = { ...current, ...next };
      await act(async () => render());
    },
    unmount: async () => {
      await act(async () => root?.unmount());
      container.remove();
    },
    tree: () => query('[role="tree"]') as HTMLElement,
    items: () => [...container.querySelectorAll<HTMLElement>('[role="treeitem"]')],
    item: (id) => query(`[role="treeitem"][data-id="${id}"]`) as HTMLElement,
    focusOn: async (id) => {
      await act(async () => query(`[role="treeitem"][data-id="${id}"]`)?.focus());
    },
    focused: () => (document.activeElement instanceof HTMLElement ? document.activeElement : null),
    status: () => query('[data-testid="outline-status"]')?.textContent?.trim() ?? '',
    announcer: () => query('[data-testid="outline-announcer"]')?.textContent?.trim() ?? '',
  };
}

export interface KeyOptions {
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  code?: string;
  isComposing?: boolean;
  keyCode?: number;
}

/** Dispatches keydown on the focused element (or `target`), inside act. */
export async function press(key: string, options: KeyOptions = {}, target?: Element | null): Promise<void> {
  const element = target ?? document.activeElement ?? document.body;
  await act(async () => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...options });
    if (options.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: options.keyCode });
    element.dispatchEvent(event);
  });
}

/** Types into a textarea as a browser would (value + input event), inside act. */
export async function typeInto(field: HTMLTextAreaElement | HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
    setter?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(element: Element, init: MouseEventInit = {}): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
  });
}

/** Runs a board change inside act (for changes made outside React: commands, remote sync). */
export async function change(fn: () => void): Promise<void> {
  await act(async () => fn());
}

/** Exchange what each side is missing, as the room connection does. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

export function peers(): [Board, Board] {
  const a = Board.create(new Y.Doc(), { boardId: 'shared', title: '골목 안전' });
  const docB = new Y.Doc();
  sync(a.doc, docB);
  return [a, Board.open(docB)];
}

export interface Sample {
  board: Board;
  frame: string;
  cluster: string;
  /** In the cluster, in order. */
  n1: string;
  n2: string;
  /** In the frame, after the cluster. */
  n3: string;
  /** At the top level, after the frame. */
  n4: string;
}

/**
 * 1단계: 문제 찾기 (frame)
 *   주차 (cluster): 주차 공간 부족, 불법 주차
 *   가로등이 없어요
 * 버스가 자주 안 와요
 */
export function sample(board: Board = Board.create(new Y.Doc(), { boardId: 'b1', title: '골목 안전' })): Sample {
  const frame = createFrame(board, { title: '1단계: 문제 찾기', x: 0, y: 0, w: 1200, h: 800, author: '진행자' }) as string;
  const n1 = createNote(board, { text: '주차 공간 부족', x: 40, y: 100, author: '익명 까치 12', frameId: frame }) as string;
  const n2 = createNote(board, { text: '불법 주차', x: 240, y: 100, author: '익명 수달 3', frameId: frame }) as string;
  const cluster = groupNotes(board, [n1, n2], '주차') as string;
  const n3 = createNote(board, { text: '가로등이 없어요', x: 40, y: 400, author: '익명 수달 3', frameId: frame }) as string;
  const n4 = createNote(board, { text: '버스가 자주 안 와요', x: 1400, y: 0, author: '익명 두루미 7' }) as string;
  return { board, frame, cluster, n1, n2, n3, n4 };
}
