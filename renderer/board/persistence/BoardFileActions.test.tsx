import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import * as Y from 'yjs';
import { initI18n } from '../../i18n';
import { Board, createNote, encodeBoardFile, type BoardFile } from '../../../shared/board';
import { BoardFileActions, boardFileName } from './BoardFileActions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement;

beforeAll(async () => {
  await initI18n('ko');
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  host?.remove();
  vi.restoreAllMocks();
});

function makeBoard(title = '성수동 골목 워크숍') {
  const board = Board.create(new Y.Doc(), { boardId: 'b1', title });
  createNote(board, { text: '어두운 골목', x: 0, y: 0, author: 'a' });
  return board;
}

async function mount(board: Board, onImported = vi.fn()) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root!.render(<BoardFileActions board={board} onImported={onImported} />));
  return onImported;
}

async function until<T>(find: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const found = find();
    if (found) return found;
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  throw new Error('not shown');
}

async function choose(bytes: Uint8Array | string, name = 'board.madang') {
  const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
  const file = new File([bytes as BlobPart], name);
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => input.dispatchEvent(new Event('change', { bubbles: true })));
}

describe('BoardFileActions', () => {
  it('exports <title>.madang through a temporary download link', async () => {
    const board = makeBoard();
    await mount(board);
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:madang-test');
    let downloaded = '';
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download;
      expect(this.href).toBe('blob:madang-test');
      expect(this.isConnected).toBe(true);
    });
    await act(async () => [...host.querySelectorAll('button')].find((b) => b.textContent === '보드 내보내기')!.click());
    expect(downloaded).toBe('성수동 골목 워크숍.madang');
    expect(created).toHaveBeenCalledOnce();
    expect(document.querySelector('a[download]')).toBeNull();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('성수동 골목 워크숍.madang');
  });

  it('the import button opens a .madang file chooser', async () => {
    await mount(makeBoard());
    const input = host.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).toBe('.madang');
    const click = vi.spyOn(input, 'click').mockImplementation(() => {});
    await act(async () => [...host.querySelectorAll('button')].find((b) => b.textContent === '보드 가져오기')!.click());
    expect(click).toHaveBeenCalledOnce();
  });

  it('hands a good file to onImported after reading and checking it', async () => {
    const board = makeBoard();
    const onImported = await mount(makeBoard('다른 보드'));
    await choose(encodeBoardFile(board));
    await until(() => onImported.mock.calls.length === 1);
    const file = onImported.mock.calls[0]![0] as BoardFile;
    expect(file).toMatchObject({ boardId: 'b1', title: '성수동 골목 워크숍', noteCount: 1 });
    await until(() => host.querySelector('[role="status"]')?.textContent?.includes('새 세션으로 가져왔습니다'));
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('refuses damaged and foreign files with a translated message, calling nothing', async () => {
    const onImported = await mount(makeBoard());
    const good = encodeBoardFile(makeBoard());
    const text = new TextDecoder().decode(good);
    const damaged = new TextEncoder().encode(text.slice(0, Math.floor(text.length * 0.6)));
    await choose(damaged);
    expect((await until(() => host.querySelector('[role="alert"]'))).textContent).toBe('파일이 손상되어 열 수 없습니다. 아무것도 바뀌지 않았습니다.');
    await choose('%PDF-1.7 not a board', 'report.madang');
    await until(() => host.querySelector('[role="alert"]')?.textContent?.startsWith('마당 보드 파일(.madang)이 아닙니다.'));
    expect(onImported).not.toHaveBeenCalled();
  });

  it('shows the error of a failing import callback', async () => {
    await mount(makeBoard(), vi.fn().mockRejectedValue(new Error('no space')));
    await choose(encodeBoardFile(makeBoard()));
    expect((await until(() => host.querySelector('[role="alert"]'))).textContent).toBe('보드를 가져오지 못했습니다. (no space)');
  });
});

describe('boardFileName', () => {
  it('keeps Korean titles and removes what file systems refuse', () => {
    expect(boardFileName('성수동 워크숍')).toBe('성수동 워크숍.madang');
    expect(boardFileName('a/b\\c:d*e?"f"<g>|h')).toBe('a_b_c_d_e_f_g_h.madang');
    expect(boardFileName('  ..숨김..  ')).toBe('숨김.madang');
    expect(boardFileName('')).toBe('board.madang');
    expect(boardFileName('CON')).toBe('board.madang');
    expect(boardFileName('줄\n바꿈\t탭')).toBe('줄_바꿈_탭.madang');
    expect(boardFileName('가'.repeat(300))).toBe(`${'가'.repeat(120)}.madang`);
  });
});
