import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { BOARD_SCHEMA_VERSION, REMOTE } from './schema';
import { connect, createFrame, createNote, createNotes, editText, groupNotes } from './commands';
import { BOARD_FILE_MAX_BYTES, decodeBoardFile, encodeBoardFile, importBoardFile } from './file';
import { crc32, fromBase64, toBase64 } from './bytes';

function sampleBoard(): Board {
  const board = Board.create(new Y.Doc(), { boardId: 'board-1', title: '성수동 골목 워크숍' });
  const frame = createFrame(board, { x: 0, y: 0, w: 1200, h: 800, title: '1단계' }) as string;
  const [a, b] = createNotes(board, [
    { x: 40, y: 80, author: '참가자 1', text: '밤길이 어두워요 🌙', frameId: frame, color: 'blue' },
    { x: 240, y: 80, author: '참가자 2', text: '가로등을 늘려요', frameId: frame },
  ]) as [string, string];
  groupNotes(board, [a, b], '안전');
  connect(board, a, b, '해결');
  createNote(board, { x: 2000, y: 0, author: '진행자', text: '주차 문제' });
  return board;
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const jsonOf = (bytes: Uint8Array) => JSON.parse(text(bytes)) as Record<string, unknown>;

/** What the app does with a chosen file: decode, and only if that succeeds, import. */
function tryImport(target: Y.Doc, bytes: Uint8Array): string {
  const decoded = decodeBoardFile(bytes);
  if (!decoded.ok) return decoded.error;
  const imported = importBoardFile(target, decoded.file);
  return imported.ok ? 'ok' : imported.error;
}

describe('board file', () => {
  it('round-trips a board onto another machine', () => {
    const board = sampleBoard();
    const bytes = encodeBoardFile(board);
    const header = jsonOf(bytes);
    expect(header).toMatchObject({ format: 'madang-board', formatVersion: 1, schemaVersion: BOARD_SCHEMA_VERSION, boardId: 'board-1', title: '성수동 골목 워크숍', noteCount: 3 });
    expect(typeof header['exportedAt']).toBe('number');
    const decoded = decodeBoardFile(bytes);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.file).toMatchObject({ boardId: 'board-1', title: '성수동 골목 워크숍', noteCount: 3 });
    const result = importBoardFile(new Y.Doc(), decoded.file);
    if (!result.ok) throw new Error(result.error);
    expect(result.board.all()).toEqual(board.all());
    expect(result.board.title()).toBe('성수동 골목 워크숍');
    expect(result.board.readOnly).toBe(false);
  });

  it('importing into a copy of the same board merges both sides’ edits', () => {
    const board = sampleBoard();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(board.doc), REMOTE);
    const otherBoard = Board.open(other);
    const note = board.notes()[0]?.id as string;
    editText(board, note, '밤길이 정말 어두워요 🌙');
    const added = createNote(otherBoard, { x: 0, y: 900, author: '참가자 9', text: '다른 컴퓨터에서' }) as string;
    expect(tryImport(other, encodeBoardFile(board))).toBe('ok');
    expect(otherBoard.get(note)).toMatchObject({ text: '밤길이 정말 어두워요 🌙' });
    expect(otherBoard.get(added)).toBeDefined();
  });

  const refusals: Array<[string, (good: Uint8Array) => Uint8Array, string]> = [
    ['truncated', (good) => good.slice(0, Math.floor(good.length / 2)), 'file.damaged'],
    ['random bytes', () => {
      let seed = 42;
      return Uint8Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    }, 'file.notMadang'],
    ['empty', () => new Uint8Array(0), 'file.notMadang'],
    ['valid JSON, another format', () => bytesOf({ format: 'tldraw', records: [] }), 'file.notMadang'],
    ['valid JSON, not an object', () => bytesOf('[1,2,3]'), 'file.notMadang'],
    ['a header field missing', (good) => {
      const json = jsonOf(good);
      delete json['boardId'];
      return bytesOf(json);
    }, 'file.damaged'],
    ['tampered base64 (one character)', (good) => {
      const json = jsonOf(good);
      const state = json['state'] as string;
      const i = Math.floor(state.length / 2);
      json['state'] = state.slice(0, i) + (state[i] === 'A' ? 'B' : 'A') + state.slice(i + 1);
      return bytesOf(json);
    }, 'file.damaged'],
    ['not base64 at all', (good) => bytesOf({ ...jsonOf(good), state: '!!!not base64!!!' }), 'file.damaged'],
    ['checksum matches but the Yjs state is cut short', (good) => {
      const json = jsonOf(good);
      const state = fromBase64(json['state'] as string) as Uint8Array;
      const cut = state.slice(0, Math.floor(state.length * 0.6));
      return bytesOf({ ...json, state: toBase64(cut), stateCrc32: crc32(cut) });
    }, 'file.damaged'],
    ['note count does not match the state', (good) => bytesOf({ ...jsonOf(good), noteCount: 99 }), 'file.damaged'],
    ['state of another board', (good) => {
      const json = jsonOf(good);
      return bytesOf({ ...jsonOf(encodeBoardFile(Board.create(new Y.Doc(), { boardId: 'other' }))), boardId: json['boardId'] });
    }, 'file.damaged'],
    ['newer formatVersion', (good) => bytesOf({ ...jsonOf(good), formatVersion: 2, state: 'whatever' }), 'file.newerVersion'],
    ['newer board schema', (good) => bytesOf({ ...jsonOf(good), schemaVersion: BOARD_SCHEMA_VERSION + 1 }), 'file.newerVersion'],
    ['over the size limit', () => new Uint8Array(BOARD_FILE_MAX_BYTES + 1), 'file.tooLarge'],
  ];

  it.each(refusals)('refuses %s and leaves the target board unchanged', (_name, make, error) => {
    const good = encodeBoardFile(sampleBoard());
    const target = Board.create(new Y.Doc(), { boardId: 'board-1', title: '내 보드' });
    createNote(target, { x: 0, y: 0, author: 'p', text: '원래 메모' });
    const before = Y.encodeStateAsUpdate(target.doc);
    expect(tryImport(target.doc, make(good))).toBe(error);
    expect(Y.encodeStateAsUpdate(target.doc)).toEqual(before);
  });

  it('refuses to merge a file into a different board', () => {
    const target = Board.create(new Y.Doc(), { boardId: 'someone-else' });
    const before = Y.encodeStateAsUpdate(target.doc);
    expect(tryImport(target.doc, encodeBoardFile(sampleBoard()))).toBe('file.otherBoard');
    expect(Y.encodeStateAsUpdate(target.doc)).toEqual(before);
  });
});

describe('bytes', () => {
  it('base64 round-trips every length and rejects malformed input', () => {
    for (let n = 0; n < 10; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      expect(fromBase64(toBase64(data))).toEqual(data);
    }
    expect(toBase64(new TextEncoder().encode('Many hands'))).toBe('TWFueSBoYW5kcw==');
    expect(fromBase64('abc')).toBeNull();
    expect(fromBase64('ab=c')).toBeNull();
    expect(fromBase64('a===')).toBeNull();
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
