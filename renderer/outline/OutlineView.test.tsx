import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION, Board, ROOT_META, connect, createNote, createNotes, createUndoManager, deleteRecords, editText, type NoteRecord,
} from '../../shared/board';
import { createSelection } from '../board/selection';
import { change, click, mount, peers, press, sample, sync, typeInto, type Mounted } from './testSupport';

let mounted: Mounted | null = null;
const open = async (...args: Parameters<typeof mount>) => (mounted = await mount(...args));
afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
});

const attrs = (el: HTMLElement) => ({
  id: el.dataset['id'],
  level: el.getAttribute('aria-level'),
  setsize: el.getAttribute('aria-setsize'),
  posinset: el.getAttribute('aria-posinset'),
  expanded: el.getAttribute('aria-expanded'),
});
const ids = (view: Mounted) => view.items().map((el) => el.dataset['id']);
const childIds = (board: Board, parent: string | null) => board.children(parent).filter((r) => r.type !== 'connector').map((r) => r.id);
const editor = (view: Mounted) => view.container.querySelector('textarea') as HTMLTextAreaElement;

describe('outline tree structure', () => {
  it('shows frames → clusters → notes with levels, set sizes, positions and expansion', async () => {
    const s = sample();
    const view = await open(s.board);
    const tree = view.tree();
    expect(tree.getAttribute('aria-multiselectable')).toBe('true');
    expect(tree.getAttribute('aria-labelledby')).toBeTruthy();
    expect(view.items().map(attrs)).toEqual([
      { id: s.frame, level: '1', setsize: '2', posinset: '1', expanded: 'true' },
      { id: s.cluster, level: '2', setsize: '2', posinset: '1', expanded: 'true' },
      { id: s.n1, level: '3', setsize: '2', posinset: '1', expanded: null },
      { id: s.n2, level: '3', setsize: '2', posinset: '2', expanded: null },
      { id: s.n3, level: '2', setsize: '2', posinset: '2', expanded: null },
      { id: s.n4, level: '1', setsize: '2', posinset: '2', expanded: null },
    ]);
    // exactly one item in the tab order
    expect(view.items().filter((el) => el.tabIndex === 0).map((el) => el.dataset['id'])).toEqual([s.frame]);
    expect(view.items().every((el) => el.getAttribute('aria-selected') === 'false')).toBe(true);
  });

  it('names say what each item is, who wrote it and how many connections it has', async () => {
    const s = sample();
    connect(s.board, s.n1, s.n4);
    connect(s.board, s.n3, s.n1, '원인');
    const view = await open(s.board);
    expect(view.item(s.n1).getAttribute('aria-label')).toBe('메모: 주차 공간 부족, 작성자 익명 까치 12, 연결 2개');
    expect(view.item(s.frame).getAttribute('aria-label')).toBe('프레임: 1단계: 문제 찾기, 항목 2개');
    expect(view.item(s.cluster).getAttribute('aria-label')).toBe('묶음: 주차, 메모 2개');
    expect(view.item(s.n4).getAttribute('aria-label')).toBe('메모: 버스가 자주 안 와요, 작성자 익명 두루미 7, 연결 1개');
  });

  it('speaks English when the app does', async () => {
    const s = sample();
    const view = await open(s.board, {}, 'en');
    expect(view.item(s.n1).getAttribute('aria-label')).toBe('Note: 주차 공간 부족, by 익명 까치 12');
    expect(view.container.querySelector('h2')?.textContent).toBe('Outline');
  });

  it('an empty board shows how to start instead of an empty tree', async () => {
    const board = Board.create(new Y.Doc(), { boardId: 'empty' });
    const view = await open(board);
    expect(view.container.querySelector('[role="tree"]')).toBeNull();
    expect(view.container.textContent).toContain('아직 보드가 비어 있습니다');
    // the toolbar adds the first note
    const add = [...view.container.querySelectorAll('button')].find((b) => b.textContent === '메모 추가') as HTMLButtonElement;
    await click(add);
    expect(board.notes()).toHaveLength(1);
    await typeInto(editor(view), '첫 메모');
    await press('Enter');
    expect(board.notes()[0]?.text).toBe('첫 메모');
    expect(view.focused()?.dataset['id']).toBe(board.notes()[0]?.id);
  });
});

describe('keyboard navigation', () => {
  it('arrows, Home and End move focus; Left and Right fold, unfold and climb', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.frame);
    await press('ArrowDown');
    expect(view.focused()?.dataset['id']).toBe(s.cluster);
    await press('ArrowRight'); // expanded: go to first child
    expect(view.focused()?.dataset['id']).toBe(s.n1);
    await press('ArrowLeft'); // a note: go to parent
    expect(view.focused()?.dataset['id']).toBe(s.cluster);
    await press('ArrowLeft'); // expanded cluster: collapse
    expect(view.item(s.cluster).getAttribute('aria-expanded')).toBe('false');
    expect(ids(view)).toEqual([s.frame, s.cluster, s.n3, s.n4]);
    await press('ArrowRight'); // collapsed: expand, stay
    expect(view.item(s.cluster).getAttribute('aria-expanded')).toBe('true');
    expect(view.focused()?.dataset['id']).toBe(s.cluster);
    await press('End');
    expect(view.focused()?.dataset['id']).toBe(s.n4);
    await press('Home');
    expect(view.focused()?.dataset['id']).toBe(s.frame);
    await press('ArrowUp'); // already first
    expect(view.focused()?.dataset['id']).toBe(s.frame);
    // roving tabindex follows focus
    expect(view.items().filter((el) => el.tabIndex === 0)).toEqual([view.item(s.frame)]);
  });

  it('moving focus is shared with the canvas through the selection store', async () => {
    const s = sample();
    const selection = createSelection();
    const view = await open(s.board, { selection });
    await view.focusOn(s.frame);
    await press('ArrowDown');
    expect(selection.get().focused).toBe(s.cluster);
  });
});

describe('selection shared with the canvas', () => {
  it('Space toggles, Shift+arrows extend, Escape clears', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n1);
    await press(' ');
    expect([...view.selection.get().selected]).toEqual([s.n1]);
    expect(view.item(s.n1).getAttribute('aria-selected')).toBe('true');
    await press('ArrowDown', { shiftKey: true });
    await press('ArrowDown', { shiftKey: true });
    expect([...view.selection.get().selected].sort()).toEqual([s.n1, s.n2, s.n3].sort());
    expect(view.selection.get().focused).toBe(s.n3);
    await press(' ');
    expect(view.selection.get().selected.has(s.n3)).toBe(false);
    await press('Escape');
    expect(view.selection.get().selected.size).toBe(0);
  });

  it('a selection made on the canvas shows here, unfolds its item and makes it the current one', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.cluster);
    await press('ArrowLeft'); // collapse the cluster
    expect(view.container.querySelector(`[data-id="${s.n2}"]`)).toBeNull();
    await change(() => view.selection.set([s.n2], s.n2)); // the canvas selects n2
    expect(view.item(s.n2).getAttribute('aria-selected')).toBe('true');
    expect(view.item(s.n2).tabIndex).toBe(0);
    expect(view.item(s.cluster).getAttribute('aria-expanded')).toBe('true');
  });

  it('clicks select like on the canvas: plain, Ctrl (toggle), Shift (range)', async () => {
    const s = sample();
    const view = await open(s.board);
    await click(view.item(s.n1));
    expect([...view.selection.get().selected]).toEqual([s.n1]);
    await click(view.item(s.n3), { shiftKey: true });
    expect([...view.selection.get().selected]).toEqual([s.n1, s.n2, s.n3]);
    await click(view.item(s.n2), { ctrlKey: true });
    expect([...view.selection.get().selected]).toEqual([s.n1, s.n3]);
  });
});

describe('keyboard editing changes the board', () => {
  it('N adds a note right after the current one, in the same cluster, and opens it for typing', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n1);
    await press('n');
    const added = childIds(s.board, s.cluster);
    expect(added).toHaveLength(3);
    const id = added[1] as string;
    expect(added).toEqual([s.n1, id, s.n2]);
    expect(s.board.get(id)).toMatchObject({ type: 'note', clusterId: s.cluster, frameId: s.frame, author: '익명 까치 12' });
    expect(document.activeElement).toBe(editor(view));
    await typeInto(editor(view), '보행로가 좁아요');
    await press('Enter');
    expect((s.board.get(id) as NoteRecord).text).toBe('보행로가 좁아요');
    expect(view.focused()?.dataset['id']).toBe(id);
    expect(view.item(id).getAttribute('aria-label')).toBe('메모: 보행로가 좁아요, 작성자 익명 까치 12');
    // the cluster grew around its new note, so the canvas agrees with the outline
    const cluster = s.board.get(s.cluster);
    const note = s.board.get(id) as NoteRecord;
    expect(cluster?.type === 'cluster' && note.geometry.y + note.geometry.h <= cluster.geometry.y + cluster.geometry.h).toBe(true);
  });

  it('the field takes no more than a note keeps and shows the count near the limit', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n1);
    await press('n');
    const field = editor(view);
    expect(field.maxLength).toBe(10_000);
    expect(view.container.querySelector('.outline-editor-count')).toBeNull();
    await typeInto(field, '가'.repeat(9_500));
    expect(view.container.querySelector('.outline-editor-count')!.textContent).toBe('9,500 / 10,000자');
    expect(field.getAttribute('aria-describedby')).toContain(view.container.querySelector('.outline-editor-limit')!.id);
  });

  it('Insert and the Korean-layout N key (ㅜ, KeyN) add too; Escape on an untouched new note takes it back', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n4);
    await press('Insert');
    expect(s.board.notes()).toHaveLength(5);
    await press('Escape');
    expect(s.board.notes()).toHaveLength(4);
    expect(view.focused()?.dataset['id']).toBe(s.n4);
    await press('ㅜ', { code: 'KeyN' });
    expect(s.board.notes()).toHaveLength(5);
    expect(childIds(s.board, null).at(-1)).not.toBe(s.n4);
  });

  it('Enter during IME composition never commits; Enter after it does', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n3);
    await press('F2');
    const field = editor(view);
    expect(field.value).toBe('가로등이 없어요');
    await act(() => field.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true })));
    await typeInto(field, '가로등이 없어');
    await press('Enter', { isComposing: true, keyCode: 229 });
    expect(editor(view)).toBe(field); // still editing
    await act(() => field.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '요' })));
    await press('Enter', { keyCode: 229 }); // Safari: keydown after compositionend, still 229
    expect(editor(view)).toBe(field);
    await typeInto(field, '가로등이 없어서 어두워요');
    expect((s.board.get(s.n3) as NoteRecord).text).toBe('가로등이 없어요'); // nothing written while typing
    await press('Enter');
    expect(view.container.querySelector('textarea')).toBeNull();
    expect((s.board.get(s.n3) as NoteRecord).text).toBe('가로등이 없어서 어두워요');
  });

  it('Escape cancels an edit; a remote edit to the note being typed does not reset the field', async () => {
    const [a, b] = peers();
    const s = sample(a);
    sync(a.doc, b.doc);
    const view = await open(a);
    await view.focusOn(s.n3);
    await press('Enter');
    await typeInto(editor(view), '가로등');
    await change(() => {
      editText(b, s.n3, '가로등이 없어요!!');
      sync(a.doc, b.doc);
    });
    expect(editor(view).value).toBe('가로등');
    await press('Escape');
    expect((a.get(s.n3) as NoteRecord).text).toBe('가로등이 없어요!!');
    expect(view.focused()?.dataset['id']).toBe(s.n3);
  });

  it('leaving the field saves the text and leaves focus where the user went', async () => {
    const s = sample();
    const view = await open(s.board);
    const outside = document.createElement('button');
    document.body.append(outside);
    await view.focusOn(s.n3);
    await press('Enter');
    await typeInto(editor(view), '가로등이 고장났어요');
    await act(async () => outside.focus());
    expect((s.board.get(s.n3) as NoteRecord).text).toBe('가로등이 고장났어요');
    expect(view.container.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('F2 on a frame or cluster renames it', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.cluster);
    await press('F2');
    expect(editor(view).getAttribute('aria-label')).toBe('묶음 이름 편집');
    await typeInto(editor(view), '주차 문제');
    await press('Enter');
    expect(s.board.get(s.cluster)).toMatchObject({ label: '주차 문제' });
    await view.focusOn(s.frame);
    await press('Enter');
    await typeInto(editor(view), '1단계');
    await press('Enter');
    expect(s.board.get(s.frame)).toMatchObject({ title: '1단계' });
  });

  it('Delete removes the item and focus lands on its neighbour', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n1);
    await press('Delete');
    expect(s.board.get(s.n1)).toBeUndefined();
    expect(view.focused()?.dataset['id']).toBe(s.n2);
    await press('Delete'); // the last one in the cluster: focus goes to the previous sibling, else the parent
    expect(s.board.get(s.n2)).toBeUndefined();
    expect(view.focused()?.dataset['id']).toBe(s.cluster);
    expect(view.status()).toBe('1개 항목을 삭제했습니다.');
  });

  it('Ctrl+Z and Ctrl+Shift+Z undo and redo while focus is in the outline (the board’s one undo history)', async () => {
    const s = sample();
    const undo = createUndoManager(s.board);
    const view = await open(s.board, { undo });
    await view.focusOn(s.n1);
    await press('Delete');
    expect(s.board.get(s.n1)).toBeUndefined();
    await view.focusOn(s.n2);
    await press('z', { ctrlKey: true, code: 'KeyZ' });
    expect(s.board.get(s.n1)).toBeDefined();
    await press('Z', { ctrlKey: true, shiftKey: true, code: 'KeyZ' });
    expect(s.board.get(s.n1)).toBeUndefined();
    await press('z', { ctrlKey: true, code: 'KeyZ' });
    await press('y', { ctrlKey: true, code: 'KeyY' });
    expect(s.board.get(s.n1)).toBeUndefined();
    undo.destroy();
  });

  it('deleting the last item leaves focus on "Add note"', async () => {
    const board = Board.create(new Y.Doc(), { boardId: 'one' });
    const only = createNote(board, { text: '하나뿐', x: 0, y: 0, author: 'a' }) as string;
    const view = await open(board);
    await view.focusOn(only);
    await press('Delete');
    expect(board.notes()).toHaveLength(0);
    expect(document.activeElement?.textContent).toBe('메모 추가');
  });

  it('Delete removes every selected item when the current one is among them', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n2);
    await press(' ');
    await press('ArrowDown', { shiftKey: true });
    await press('Delete');
    expect(s.board.get(s.n2)).toBeUndefined();
    expect(s.board.get(s.n3)).toBeUndefined();
    expect(view.focused()?.dataset['id']).toBe(s.cluster); // the sibling before n3
    expect(view.selection.get().selected.size).toBe(0);
  });

  it('Alt+Up and Alt+Down reorder among siblings', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n2);
    await press('ArrowUp', { altKey: true });
    expect(childIds(s.board, s.cluster)).toEqual([s.n2, s.n1]);
    expect(ids(view).slice(2, 4)).toEqual([s.n2, s.n1]);
    expect(view.focused()?.dataset['id']).toBe(s.n2);
    expect(view.status()).toBe('2개 중 1번째로 옮겼습니다.');
    await press('ArrowUp', { altKey: true });
    expect(view.status()).toBe('더 옮길 자리가 없습니다.');
    await press('ArrowDown', { altKey: true });
    expect(childIds(s.board, s.cluster)).toEqual([s.n1, s.n2]);
  });

  it('Alt+Left moves out of a cluster, then out of the frame; Alt+Right moves into the sibling above', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n2);
    await press('ArrowLeft', { altKey: true });
    expect(s.board.parentOf(s.n2)).toBe(s.frame);
    expect(childIds(s.board, s.frame)).toEqual([s.cluster, s.n2, s.n3]); // right after its old cluster
    expect(view.status()).toBe('옮겼습니다: 프레임: 1단계: 문제 찾기');
    await press('ArrowLeft', { altKey: true });
    expect(s.board.parentOf(s.n2)).toBe(null);
    expect(childIds(s.board, null)).toEqual([s.frame, s.n2, s.n4]);
    await press('ArrowLeft', { altKey: true });
    expect(view.status()).toBe('더 바깥으로 옮길 수 없습니다.');
    await press('ArrowRight', { altKey: true }); // into the frame above, as its last item
    expect(childIds(s.board, s.frame)).toEqual([s.cluster, s.n3, s.n2]);
    await press('ArrowUp', { altKey: true });
    await press('ArrowRight', { altKey: true }); // the cluster is just above now
    expect(s.board.parentOf(s.n2)).toBe(s.cluster);
    expect(childIds(s.board, s.cluster)).toEqual([s.n1, s.n2]);
    expect(view.focused()?.dataset['id']).toBe(s.n2);
  });

  it('"Move to…" moves the current item into any frame or cluster, by keyboard', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n4);
    const move = [...view.container.querySelectorAll('button')].find((b) => b.textContent === '이동…') as HTMLButtonElement;
    await click(move);
    const dialog = view.container.querySelector('[data-testid="outline-move-dialog"]') as HTMLElement;
    expect(dialog).toBeTruthy();
    const options = [...dialog.querySelectorAll('.outline-options button')].map((b) => b.textContent);
    expect(options).toEqual(['프레임 밖 (맨 위) (지금 위치)', '프레임: 1단계: 문제 찾기', '묶음: 주차 (프레임: 1단계: 문제 찾기)']);
    // filter, then arrow down into the list and pick
    await typeInto(dialog.querySelector('input') as HTMLInputElement, '주차');
    await press('ArrowDown', {}, dialog.querySelector('input'));
    const pick = document.activeElement as HTMLButtonElement;
    expect(pick.textContent).toBe('묶음: 주차 (프레임: 1단계: 문제 찾기)');
    await click(pick);
    expect(s.board.parentOf(s.n4)).toBe(s.cluster);
    expect(childIds(s.board, s.cluster)).toEqual([s.n1, s.n2, s.n4]);
    expect(view.container.querySelector('[data-testid="outline-move-dialog"]')).toBeNull();
    expect(view.focused()?.dataset['id']).toBe(s.n4);
    expect(view.status()).toBe('옮겼습니다: 묶음: 주차');
  });

  it('"Connect to…" connects the current item and lists its connections to remove', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n3);
    const button = () => [...view.container.querySelectorAll('button')].find((b) => b.textContent === '연결…') as HTMLButtonElement;
    await click(button());
    let dialog = view.container.querySelector('[data-testid="outline-connect-dialog"]') as HTMLElement;
    const [label] = dialog.querySelectorAll('input');
    await typeInto(label as HTMLInputElement, '원인');
    const target = [...dialog.querySelectorAll('.outline-options button')].find((b) => b.textContent === '메모: 주차 공간 부족') as HTMLButtonElement;
    await click(target);
    const connectors = s.board.all().filter((r) => r.type === 'connector');
    expect(connectors).toMatchObject([{ from: s.n3, to: s.n1, label: '원인' }]);
    expect(view.item(s.n1).getAttribute('aria-label')).toContain('연결 1개');
    expect(view.focused()?.dataset['id']).toBe(s.n3);
    await click(button());
    dialog = view.container.querySelector('[data-testid="outline-connect-dialog"]') as HTMLElement;
    expect(dialog.querySelector('.outline-connections')?.textContent).toContain('→ 메모: 주차 공간 부족 (원인)');
    await click(dialog.querySelector('.outline-connections button') as HTMLButtonElement);
    expect(s.board.all().filter((r) => r.type === 'connector')).toHaveLength(0);
  });

  it('groups the selected notes into a new cluster and opens its label for typing', async () => {
    const s = sample();
    const view = await open(s.board);
    await view.focusOn(s.n3);
    await press(' ');
    await press('ArrowDown', { shiftKey: true });
    const group = [...view.container.querySelectorAll('button')].find((b) => b.textContent === '선택한 메모 묶기') as HTMLButtonElement;
    await click(group);
    const cluster = s.board.all().find((r) => r.type === 'cluster' && r.id !== s.cluster) as { id: string };
    expect(childIds(s.board, cluster.id)).toEqual([s.n3, s.n4]);
    await typeInto(editor(view), '교통');
    await press('Enter');
    expect(s.board.get(cluster.id)).toMatchObject({ label: '교통' });
  });

  it('a read-only board can be explored and selected but not changed, and says so', async () => {
    const s = sample();
    s.board.doc.getMap(ROOT_META).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const view = await open(s.board);
    expect(view.container.textContent).toContain('읽기 전용 보드입니다');
    const before = JSON.stringify(s.board.all());
    await view.focusOn(s.n1);
    await press('ArrowDown');
    expect(view.focused()?.dataset['id']).toBe(s.n2);
    await press(' ');
    expect(view.selection.get().selected.has(s.n2)).toBe(true);
    for (const [key, options] of [['n', {}], ['Delete', {}], ['Enter', {}], ['ArrowUp', { altKey: true }], ['ArrowLeft', { altKey: true }]] as const) {
      await press(key, options);
    }
    expect(view.container.querySelector('textarea')).toBeNull();
    expect(JSON.stringify(s.board.all())).toBe(before);
    expect(view.status()).toBe('읽기 전용 보드라서 바꿀 수 없습니다.');
    const disabled = [...view.container.querySelectorAll<HTMLButtonElement>('.outline-toolbar button')].filter((b) => b.disabled).map((b) => b.textContent);
    expect(disabled).toContain('메모 추가');
    expect(disabled).toContain('삭제');
  });
});

describe('big boards', () => {
  it('renders only a window of 2,000 notes, yet every one is reachable and sized correctly', async () => {
    const board = Board.create(new Y.Doc(), { boardId: 'big' });
    createNotes(board, Array.from({ length: 2000 }, (_, i) => ({ text: `의견 ${i + 1}`, x: (i % 50) * 180, y: Math.floor(i / 50) * 140, author: '익명 참새 1' })));
    const renders: string[] = [];
    const view = await open(board, { onItemRender: (id) => renders.push(id) });
    expect(view.items().length).toBeLessThan(60);
    expect(view.tree().style.height).toBe(`${2000 * 45}px`);
    expect(view.items()[0]?.getAttribute('aria-setsize')).toBe('2000');
    await view.focusOn(view.items()[0]?.dataset['id'] as string);
    await press('End');
    expect(view.focused()?.getAttribute('aria-label')).toBe('메모: 의견 2000, 작성자 익명 참새 1');
    expect(view.focused()?.getAttribute('aria-posinset')).toBe('2000');
    expect(view.focused()?.style.top).toBe(`${1999 * 45}px`);
    // a structural change re-renders only rendered rows, not 2,000
    renders.length = 0;
    await change(() => void createNote(board, { text: '하나 더', x: 0, y: -300, author: '익명 참새 1' }));
    expect(renders.length).toBeLessThan(60);
    await press('Home');
    expect(view.focused()?.getAttribute('aria-label')).toBe('메모: 의견 1, 작성자 익명 참새 1');
  });
});

describe('live with remote changes', () => {
  it('a remote text edit re-renders only that item', async () => {
    const [a, b] = peers();
    const s = sample(a);
    sync(a.doc, b.doc);
    const renders: string[] = [];
    const view = await open(a, { onItemRender: (id) => renders.push(id) });
    expect(new Set(renders).size).toBe(6);
    renders.length = 0;
    await change(() => {
      editText(b, s.n3, '가로등이 하나도 없어요');
      sync(a.doc, b.doc);
    });
    expect(renders).toEqual([s.n3]);
    expect(view.item(s.n3).getAttribute('aria-label')).toBe('메모: 가로등이 하나도 없어요, 작성자 익명 수달 3');
  });

  it('a remote addition re-renders only the rows whose position changed', async () => {
    const [a, b] = peers();
    const s = sample(a);
    sync(a.doc, b.doc);
    const renders: string[] = [];
    const view = await open(a, { onItemRender: (id) => renders.push(id) });
    renders.length = 0;
    let added = '';
    await change(() => {
      added = createNote(b, { text: '횡단보도가 멀어요', x: 1400, y: 300, author: '익명 고라니 5' }) as string;
      sync(a.doc, b.doc);
    });
    expect(ids(view)).toEqual([s.frame, s.cluster, s.n1, s.n2, s.n3, s.n4, added]);
    // the top-level siblings changed set size; nothing inside the frame re-rendered
    expect(new Set(renders)).toEqual(new Set([s.frame, s.n4, added]));
  });

  it('keeps keyboard focus in the tree when someone else deletes the focused note', async () => {
    const [a, b] = peers();
    const s = sample(a);
    sync(a.doc, b.doc);
    const view = await open(a);
    await view.focusOn(s.n1);
    await change(() => {
      deleteRecords(b, [s.n1]);
      sync(a.doc, b.doc);
    });
    expect(view.focused()?.dataset['id']).toBe(s.n2);
  });
});

describe('announcements', () => {
  it('announces a remote addition politely, once, with who and what', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const [a, b] = peers();
    sample(a);
    sync(a.doc, b.doc);
    const view = await open(a);
    const region = view.container.querySelector('[data-testid="outline-announcer"]') as HTMLElement;
    expect(region.getAttribute('aria-live')).toBe('polite');
    await change(() => {
      createNote(b, { text: '주차 공간 부족', x: 0, y: 0, author: '익명 까치 12' });
      sync(a.doc, b.doc);
    });
    expect(view.announcer()).toBe(''); // gathered for a moment first
    await change(() => void vi.advanceTimersByTime(300));
    expect(view.announcer()).toBe('익명 까치 12 님이 메모를 추가했습니다: 주차 공간 부족');
  });

  it('batches a burst into one summary, at most one announcement every two seconds', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const [a, b] = peers();
    sample(a);
    sync(a.doc, b.doc);
    const view = await open(a);
    const spoken: string[] = [];
    const region = view.container.querySelector('[data-testid="outline-announcer"]') as HTMLElement;
    const observer = new MutationObserver(() => spoken.push(region.textContent?.trim() ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    await change(() => {
      createNote(b, { text: '하나', x: 0, y: 0, author: '익명 까치 12' });
      sync(a.doc, b.doc);
    });
    await change(() => void vi.advanceTimersByTime(300));
    // 12 notes from several people arrive one by one within a second
    for (let i = 0; i < 12; i++) {
      await change(() => {
        createNote(b, { text: `메모 ${i}`, x: i * 10, y: 0, author: i % 2 ? '익명 수달 3' : '익명 두루미 7' });
        sync(a.doc, b.doc);
        vi.advanceTimersByTime(80);
      });
    }
    await change(() => void vi.advanceTimersByTime(1000));
    await change(() => void vi.advanceTimersByTime(3000));
    observer.disconnect();
    const distinct = spoken.filter((text, i) => text && text !== spoken[i - 1]);
    expect(distinct).toEqual(['익명 까치 12 님이 메모를 추가했습니다: 하나', '메모 12개가 추가되었습니다.']);
  });

  it('never announces local changes as remote ones', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const s = sample();
    const view = await open(s.board);
    await change(() => void createNotes(s.board, [{ text: '내 메모', x: 0, y: 0, author: '익명 까치 12' }]));
    await view.focusOn(s.n4);
    await press('n');
    await change(() => void vi.advanceTimersByTime(5000));
    expect(view.announcer()).toBe('');
  });

  it('names what a peer removed', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const [a, b] = peers();
    const s = sample(a);
    sync(a.doc, b.doc);
    const view = await open(a);
    await change(() => {
      deleteRecords(b, [s.n4]);
      sync(a.doc, b.doc);
    });
    await change(() => void vi.advanceTimersByTime(300));
    expect(view.announcer()).toBe('메모가 삭제되었습니다: 버스가 자주 안 와요');
  });
});
