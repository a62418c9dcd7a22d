import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as Y from 'yjs';
import i18next from 'i18next';
import { MadangDatabase } from '../../db/database';
import { initI18n } from '../../i18n';
import { Board, createNote, deleteRecords } from '../../../shared/board';
import { openBoardPersistence, type BoardPersistence } from './boardPersistence';
import { HistoryPanel } from './HistoryPanel';
import { persistenceMessagesEn } from '../../../shared/i18n/persistence';
import { until } from '../../components/testSupport';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let db: MadangDatabase;
let root: Root | null = null;
let host: HTMLElement;
let persistence: BoardPersistence | null = null;

beforeAll(async () => {
  await initI18n('ko');
});

afterAll(async () => {
  await i18next.changeLanguage('ko');
});

afterEach(async () => {
  act(() => root?.unmount());
  root = null;
  host?.remove();
  await persistence?.close();
  db?.close();
  await db?.delete();
});

async function mount(canRestore = true) {
  db = new MadangDatabase(`history-panel-${Math.random()}`);
  const doc = new Y.Doc();
  persistence = await openBoardPersistence(db, 'b1', doc, { lifecycle: { window: null, document: null } });
  const board = Board.create(doc, { boardId: 'b1', title: '보드' });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root!.render(<HistoryPanel persistence={persistence!} board={board} canRestore={canRestore} />));
  return { board, persistence: persistence! };
}


const buttons = () => [...host.querySelectorAll('button')];
const byText = (text: string) => buttons().find((b) => b.textContent === text);

describe('HistoryPanel', () => {
  it('saves a named version and lists it newest first with its date', async () => {
    await mount();
    await until(() => host.textContent?.includes('아직 저장된 버전이 없습니다.'));
    const input = host.querySelector('input')!;
    expect(host.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('버전 이름 (선택)');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '문제 정의 끝');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byText('버전 저장')!.click());
    await until(() => host.querySelector('.history-item'));
    await act(async () => byText('버전 저장')!.click()); // a second, unnamed one
    await until(() => host.querySelectorAll('.history-item').length === 2);
    const names = [...host.querySelectorAll('.history-name')].map((n) => n.textContent);
    expect(names).toEqual(['이름 없는 버전', '문제 정의 끝']);
    expect(host.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(host.querySelector('[role="status"]')?.textContent).toBe('지금 상태를 버전으로 저장했습니다.');
    const restore = host.querySelectorAll('.history-item button')[1]!;
    expect(restore.getAttribute('aria-label')).toMatch(/^문제 정의 끝 \(.+\) 복원$/);
  });

  it('restores only after confirming in a dialog; cancel changes nothing', async () => {
    const { board, persistence } = await mount();
    const id = createNote(board, { text: '돌아올 메모', x: 0, y: 0, author: 'a' })!;
    await persistence.takeSnapshot('처음', 'manual');
    deleteRecords(board, [id]);
    const restore = await until(() => host.querySelector<HTMLButtonElement>('.history-item button'));

    await act(async () => restore.click());
    let dialog = host.querySelector('dialog')!;
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('이 버전으로 되돌릴까요?');
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)?.textContent).toContain('“처음”');
    expect(document.activeElement?.textContent).toBe('취소');
    await act(async () => byText('취소')!.click());
    expect(host.querySelector('dialog')).toBeNull();
    expect(document.activeElement).toBe(restore);
    expect(board.notes()).toEqual([]);

    await act(async () => restore.click());
    dialog = host.querySelector('dialog')!;
    await act(async () => [...dialog.querySelectorAll('button')].find((b) => b.textContent === '복원하기')!.click());
    await until(() => board.notes().length === 1);
    expect(board.notes()[0]!.text).toBe('돌아올 메모');
    await until(() => host.querySelector('[role="status"]')?.textContent?.includes('버전으로 복원했습니다'));
    await until(() => host.querySelectorAll('.history-item').length === 2); // + "before restore"
    expect(host.querySelector('.history-meta')?.textContent).toContain('복원 직전');
    // Named after the version restored, but not the same as it.
    expect([...host.querySelectorAll('.history-name')].map((n) => n.textContent)).toEqual(['“처음” 복원 직전', '처음']);
  });

  it('a participant in a room keeps versions of this device but gets no restore, which would change everyone’s board', async () => {
    const { persistence } = await mount(false);
    await persistence.takeSnapshot('내 버전', 'manual');
    await until(() => host.querySelector('.history-item'));
    expect(host.querySelectorAll('.history-item button')).toHaveLength(0);
    expect(host.textContent).toContain('방 전체의 보드를 되돌리는 것은 진행자만 할 수 있습니다.');
  });

  it('follows the language', async () => {
    await mount();
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    expect(host.querySelector('h2')?.textContent).toBe(persistenceMessagesEn['history.title']);
    expect(byText('Save version')).toBeDefined();
  });
});
