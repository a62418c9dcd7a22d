import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { MadangDatabase } from '../../db/database';
import {
  Board, LOCAL, REMOTE, BOARD_SCHEMA_VERSION, createNote, createNotes, createUndoManager, deleteRecords, editText, moveRecords, renameBoard,
} from '../../../shared/board';
import { openBoardPersistence, deleteStoredBoard, storedBoardStats, RestoreError, type BoardPersistenceOptions } from './boardPersistence';
import { ManualClock, freshDatabases } from './testing';

const freshDb = freshDatabases('persistence-test');

type Reported = { key: string; params?: Record<string, string | number>; cause?: unknown };

/** Opens a board as the app does: persistence first, then Board.create. No window events. */
async function openBoard(db: MadangDatabase, boardId = 'b1', options: BoardPersistenceOptions = {}) {
  const clock = new ManualClock();
  const errors: Reported[] = [];
  const doc = new Y.Doc();
  const persistence = await openBoardPersistence(db, boardId, doc, {
    clock,
    onError: (key, params, cause) => errors.push({ key, params, cause }),
    lifecycle: { window: null, document: null },
    ...options,
  });
  const board = Board.create(doc, { boardId, title: '테스트 보드' });
  board.author = '참가자 1';
  return { doc, board, persistence, clock, errors };
}

const rowsOf = (db: MadangDatabase, boardId = 'b1') => db.boardUpdates.where('boardId').equals(boardId).count();

function recordsJson(doc: Y.Doc) {
  return { records: doc.getMap('records').toJSON(), meta: doc.getMap('meta').toJSON() };
}

/** Same content and same history: equal state vectors and equal records. */
function expectSameState(a: Y.Doc, b: Y.Doc) {
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
  expect(recordsJson(a)).toEqual(recordsJson(b));
}

describe('board persistence: writing', () => {
  it('stores 100 rapid edits as one row', async () => {
    const db = freshDb();
    const { board, persistence, clock } = await openBoard(db);
    await persistence.flush(); // the board's creation
    const before = await rowsOf(db);
    const id = createNote(board, { text: '', x: 0, y: 0, author: 'a' })!;
    for (let i = 1; i <= 100; i++) editText(board, id, '가나다라마바사'.repeat(3).slice(0, i % 20));
    expect(await rowsOf(db)).toBe(before);
    clock.advance(500);
    await persistence.idle();
    expect(await rowsOf(db)).toBe(before + 1);
  });

  it('flushes what is pending on close, without waiting for the timer', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    createNote(first.board, { text: '마지막 메모', x: 10, y: 20, author: 'a' });
    expect(first.persistence.pendingUpdates).toBeGreaterThan(0);
    expect(await first.persistence.close()).toBe(true);
    const second = await openBoard(db);
    expectSameState(second.doc, first.doc);
    expect(second.board.notes().map((n) => n.text)).toEqual(['마지막 메모']);
  });

  it('writes pending updates synchronously on pagehide, beforeunload and when hidden', async () => {
    for (const [target, type] of [['window', 'pagehide'], ['window', 'beforeunload'], ['document', 'visibilitychange'], ['document', 'freeze']] as const) {
      const db = freshDb();
      const win = new EventTarget();
      const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
      const first = await openBoard(db, 'b1', { lifecycle: { window: win, document: doc } });
      await first.persistence.flush();
      createNote(first.board, { text: type, x: 0, y: 0, author: 'a' });
      const rows = await rowsOf(db);
      (target === 'window' ? win : doc).dispatchEvent(new Event(type));
      expect(first.persistence.pendingUpdates).toBe(0); // handed to IndexedDB inside the event
      expect(await rowsOf(db)).toBe(rows + 1); // a later read sees it: the write was queued first
      const second = await openBoard(db);
      expect(second.board.notes().map((n) => n.text)).toEqual([type]);
    }
  });

  it('stores remote and migration updates too, but never writes back what it loaded', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(first.doc));
    createNote(Board.open(peer), { text: '원격 메모', x: 0, y: 0, author: 'b' });
    Y.applyUpdate(first.doc, Y.encodeStateAsUpdate(peer), REMOTE);
    await first.persistence.close();
    const rows = await rowsOf(db);

    const second = await openBoard(db);
    expect(second.board.notes().map((n) => n.text)).toEqual(['원격 메모']);
    await second.persistence.close();
    expect(await rowsOf(db)).toBe(rows);
  });

  it('reopening restores exactly the last state, across many rows', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    const ids = createNotes(first.board, Array.from({ length: 30 }, (_, i) => ({ text: `메모 ${i}`, x: i * 10, y: 0, author: 'a' })))!;
    for (let round = 0; round < 12; round++) {
      moveRecords(first.board, [{ id: ids[round]!, x: round, y: round * 2 }]);
      editText(first.board, ids[round + 1]!, `고침 ${round}`);
      if (round % 3 === 0) deleteRecords(first.board, [ids[29 - round]!]);
      first.clock.advance(500);
      await first.persistence.idle();
    }
    renameBoard(first.board, '새 이름');
    await first.persistence.close();
    expect(await rowsOf(db)).toBeGreaterThan(10);

    const second = await openBoard(db);
    expectSameState(second.doc, first.doc);
    expect(second.persistence.loadReport).toMatchObject({ rows: await rowsOf(db), skippedCorruptRows: 0, failed: false });
    expect(second.persistence.loadReport.bytes).toBeGreaterThan(0);
  });

  it('keeps the pending batch when a write fails (quota), reports it, and stores it on the retry', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    await first.persistence.flush();
    const add = vi.spyOn(db.boardUpdates, 'add').mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    createNote(first.board, { text: '저장 실패 후에도', x: 0, y: 0, author: 'a' });
    expect(await first.persistence.flush()).toBe(false);
    expect(first.errors.map((e) => e.key)).toEqual(['storage.quotaExceeded']);
    expect(first.persistence.failing).toBe(true);
    expect(first.persistence.pendingUpdates).toBe(1);
    first.clock.advance(1_000); // the retry
    await first.persistence.idle();
    expect(first.persistence.failing).toBe(false);
    add.mockRestore();
    await first.persistence.close();
    const second = await openBoard(db);
    expect(second.board.notes().map((n) => n.text)).toEqual(['저장 실패 후에도']);
  });

  it('reports any other write failure as storage.writeFailed with its detail', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    vi.spyOn(db.boardUpdates, 'add').mockRejectedValueOnce(new Error('disk went away'));
    expect(await first.persistence.flush()).toBe(false);
    expect(first.errors[0]).toMatchObject({ key: 'storage.writeFailed', params: { detail: 'disk went away' } });
    expect(await first.persistence.flush()).toBe(true);
  });
});

describe('board persistence: compaction', () => {
  /** A stored board of `batches` rows, compaction switched off while writing. */
  async function boardWithRows(db: MadangDatabase, batches: number) {
    const first = await openBoard(db, 'b1', { compactAboveRows: Infinity });
    const id = createNote(first.board, { text: '', x: 0, y: 0, author: 'a' })!;
    await first.persistence.flush();
    for (let i = 0; i < batches - 1; i++) {
      editText(first.board, id, `판 ${i}`);
      moveRecords(first.board, [{ id, x: i, y: -i }]);
      await first.persistence.flush();
    }
    await first.persistence.close();
    return first;
  }

  it('replaces the rows with one row that holds exactly the same state', async () => {
    const db = freshDb();
    const first = await boardWithRows(db, 40);
    expect(await rowsOf(db)).toBe(40);
    const second = await openBoard(db, 'b1', { compactOnLoadAboveRows: Infinity });
    await second.persistence.compact();
    expect(await rowsOf(db)).toBe(1);
    await second.persistence.close();
    const third = await openBoard(db);
    expectSameState(third.doc, first.doc);
  });

  it('leaves rows written during compaction (its own and another writer’s)', async () => {
    const db = freshDb();
    await boardWithRows(db, 30);
    const second = await openBoard(db, 'b1', { compactOnLoadAboveRows: Infinity });
    const other = new Y.Doc();
    other.getMap('records').set('from-another-tab', new Y.Map([['type', 'note']]));
    // The compaction starts first; a row from elsewhere and one of our own are written meanwhile.
    const compaction = second.persistence.compact();
    const foreignWrite = db.boardUpdates.add({ boardId: 'b1', update: Y.encodeStateAsUpdate(other) });
    createNote(second.board, { text: '압축 중에 쓴 메모', x: 0, y: 0, author: 'a' });
    const ownWrite = second.persistence.flush();
    await Promise.all([compaction, foreignWrite, ownWrite]);
    expect(await rowsOf(db)).toBe(3);
    await second.persistence.close();

    const third = await openBoard(db);
    expect(third.doc.getMap('records').has('from-another-tab')).toBe(true);
    expect(third.board.notes().some((n) => n.text === '압축 중에 쓴 메모')).toBe(true);
    expect(third.doc.getMap('records').toJSON()).toEqual({ ...second.doc.getMap('records').toJSON(), 'from-another-tab': { type: 'note' } });
  });

  it('does not lose rows of another tab that fall inside the compacted range', async () => {
    const db = freshDb();
    const a = await openBoard(db, 'b1', { compactOnLoadAboveRows: Infinity });
    await a.persistence.flush();
    // A second tab of the same board, not synced with the first, writes a row…
    const b = await openBoard(db, 'b1', { compactOnLoadAboveRows: Infinity });
    createNote(b.board, { text: '다른 탭', x: 0, y: 0, author: 'b' });
    await b.persistence.close();
    // …then the first tab writes (a higher key) and compacts everything up to its own key.
    createNote(a.board, { text: '이 탭', x: 0, y: 0, author: 'a' });
    await a.persistence.flush();
    await a.persistence.compact();
    expect(await rowsOf(db)).toBe(1);
    expect(a.board.notes().map((n) => n.text).sort()).toEqual(['다른 탭', '이 탭']);
    await a.persistence.close();
    const reopened = await openBoard(db);
    expect(reopened.board.notes().map((n) => n.text).sort()).toEqual(['다른 탭', '이 탭']);
  });

  it('compacts by itself past the row limit while editing', async () => {
    const db = freshDb();
    const { board, persistence, doc } = await openBoard(db, 'b1', { compactAboveRows: 5 });
    const id = createNote(board, { text: '', x: 0, y: 0, author: 'a' })!;
    for (let i = 0; i < 20; i++) {
      editText(board, id, `${i}`);
      await persistence.flush();
      await persistence.idle();
      expect(await rowsOf(db)).toBeLessThanOrEqual(6);
    }
    await persistence.close();
    const reopened = await openBoard(db);
    expectSameState(reopened.doc, doc);
  });

  it('compacts shortly after loading many rows, not before the board is shown', async () => {
    const db = freshDb();
    const first = await boardWithRows(db, 25);
    const second = await openBoard(db, 'b1', { compactOnLoadAboveRows: 20, compactOnLoadDelayMs: 1_000 });
    expect(second.persistence.loadReport.rows).toBe(25);
    expect(await rowsOf(db)).toBe(25);
    second.clock.advance(1_000);
    await second.persistence.idle();
    expect(await rowsOf(db)).toBe(1);
    expectSameState(second.doc, first.doc);
  });
});

describe('board persistence: damaged storage', () => {
  it('skips and reports corrupt rows; the rest of the board opens', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    createNote(first.board, { text: '살아남은 메모', x: 0, y: 0, author: 'a' });
    await first.persistence.close();
    const good = Y.encodeStateAsUpdate(first.doc);
    await db.boardUpdates.bulkAdd([
      { boardId: 'b1', update: new Uint8Array([1, 2, 3, 255, 7, 9]) },
      { boardId: 'b1', update: good.slice(0, Math.floor(good.length / 2)) },
      { boardId: 'b1', update: 'not bytes' as unknown as Uint8Array },
    ]);

    const second = await openBoard(db);
    expect(second.persistence.loadReport).toMatchObject({ skippedCorruptRows: 3, failed: false });
    expect(second.errors).toEqual([{ key: 'storage.corruptRows', params: { count: 3 }, cause: undefined }]);
    expect(second.board.notes().map((n) => n.text)).toEqual(['살아남은 메모']);
    // Compaction keeps what it could not read (a developer may recover it) and never applies it.
    await second.persistence.compact();
    expect(await rowsOf(db)).toBe(4);
    createNote(second.board, { text: '그 뒤 메모', x: 0, y: 0, author: 'a' });
    await second.persistence.close();
    const third = await openBoard(db);
    expect(third.board.notes().map((n) => n.text).sort()).toEqual(['그 뒤 메모', '살아남은 메모']);
  });

  it('reports unreadable storage and still opens an empty, working board', async () => {
    const db = freshDb();
    vi.spyOn(db.boardUpdates, 'where').mockImplementationOnce(() => {
      throw new Error('IndexedDB is broken');
    });
    const { persistence, board, errors } = await openBoard(db);
    expect(persistence.loadReport.failed).toBe(true);
    expect(errors[0]).toMatchObject({ key: 'storage.loadFailed', params: { detail: 'IndexedDB is broken' } });
    createNote(board, { text: '그래도 저장', x: 0, y: 0, author: 'a' });
    await persistence.close();
    const reopened = await openBoard(db);
    expect(reopened.board.notes().map((n) => n.text)).toEqual(['그래도 저장']);
  });
});

describe('board persistence: versions', () => {
  it('lists versions newest first and restores one as a local change that peers receive and undo reverts', async () => {
    const db = freshDb();
    const { doc, board, persistence } = await openBoard(db);
    // A second peer, connected the way sync does it.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(peer, update, REMOTE));
    peer.on('update', (update: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(doc, update, REMOTE));

    const kept = createNote(board, { text: '문제: 골목이 어둡다', x: 0, y: 0, author: 'a' })!;
    const removedLater = createNote(board, { text: '사라질 메모', x: 100, y: 0, author: 'a' })!;
    const v1 = await persistence.takeSnapshot('  문제 정의 끝  ', 'phase');
    expect(v1).toMatchObject({ label: '문제 정의 끝', kind: 'phase', boardId: 'b1' });
    const atV1 = recordsJson(doc);

    editText(board, kept, '문제: 골목이 어둡고 좁다');
    moveRecords(board, [{ id: kept, x: 500, y: 500 }]);
    deleteRecords(board, [removedLater]);
    createNote(board, { text: '나중에 생긴 메모', x: 0, y: 300, author: 'b' });
    renameBoard(board, '바뀐 제목');
    const beforeRestore = recordsJson(doc);
    await persistence.takeSnapshot('', 'manual');

    const undo = createUndoManager(board);
    const seen: Array<{ local: boolean; origin: unknown }> = [];
    board.observe((change) => seen.push({ local: change.local, origin: change.origin }));
    await persistence.restoreSnapshot(v1.id);

    expect(recordsJson(doc)).toEqual(atV1);
    expect(recordsJson(peer)).toEqual(atV1);
    expect(seen).toEqual([{ local: true, origin: LOCAL }]); // one local transaction
    const list = await persistence.listSnapshots();
    expect(list.map((v) => v.kind)).toEqual(['before-restore', 'manual', 'phase']);
    expect(list[0]!.label).toBe('문제 정의 끝');

    // The version that was current before the restore holds exactly that state.
    const saved = new Y.Doc();
    Y.applyUpdate(saved, (await db.boardSnapshots.get(list[0]!.id))!.state);
    expect(recordsJson(saved)).toEqual(beforeRestore);

    // Undo reverts the restore of the records (the title lives outside the undo scope).
    undo.undo();
    expect(doc.getMap('records').toJSON()).toEqual(beforeRestore.records);
    expect(peer.getMap('records').toJSON()).toEqual(beforeRestore.records);

    // The restore and the undo were stored like any edit.
    await persistence.close();
    const reopened = await openBoard(db);
    expect(reopened.doc.getMap('records').toJSON()).toEqual(beforeRestore.records);
  });

  it('restores a text by editing only what differs, so a peer’s concurrent typing elsewhere survives', async () => {
    const db = freshDb();
    const { board, persistence, doc } = await openBoard(db);
    const id = createNote(board, { text: '처음 문장. 끝', x: 0, y: 0, author: 'a' })!;
    const text = board.textOf(id)!;
    const v = await persistence.takeSnapshot('v');
    editText(board, id, '처음 문장. 고친 중간. 끝');
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    editText(Board.open(peer), id, '처음 문장. 고친 중간. 끝!'); // concurrent with the restore
    await persistence.restoreSnapshot(v.id);
    expect(text.toString()).toBe('처음 문장. 끝');
    expect(board.textOf(id)).toBe(text); // the same Y.Text, edited in place
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), REMOTE);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc), REMOTE);
    expect(text.toString()).toBe('처음 문장. 끝!');
    expect(recordsJson(peer)).toEqual(recordsJson(doc));
  });

  it('refuses damaged, newer, foreign and missing versions and leaves the board as it was', async () => {
    const db = freshDb();
    const { board, persistence, doc } = await openBoard(db);
    createNote(board, { text: '그대로', x: 0, y: 0, author: 'a' });
    const newer = new Y.Doc();
    newer.getMap('meta').set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const damaged = await db.boardSnapshots.add({ boardId: 'b1', createdAt: 1, label: '', kind: 'manual', state: new Uint8Array([9, 9, 9]) });
    const fromNewer = await db.boardSnapshots.add({ boardId: 'b1', createdAt: 2, label: '', kind: 'manual', state: Y.encodeStateAsUpdate(newer) });
    const otherBoard = await db.boardSnapshots.add({ boardId: 'b2', createdAt: 3, label: '', kind: 'manual', state: Y.encodeStateAsUpdate(new Y.Doc()) });
    const before = recordsJson(doc);
    const keyOf = (promise: Promise<void>) => promise.then(() => 'ok', (e: unknown) => (e instanceof RestoreError ? e.key : String(e)));
    expect(await keyOf(persistence.restoreSnapshot(damaged as number))).toBe('history.damaged');
    expect(await keyOf(persistence.restoreSnapshot(fromNewer as number))).toBe('history.newer');
    expect(await keyOf(persistence.restoreSnapshot(otherBoard as number))).toBe('history.notFound');
    expect(await keyOf(persistence.restoreSnapshot(99_999))).toBe('history.notFound');
    expect(recordsJson(doc)).toEqual(before);
    expect((await persistence.listSnapshots()).length).toBe(2); // no 'before-restore' left behind
  });

  it('lists versions of the same millisecond in creation order, newest first, and only this board’s', async () => {
    const db = freshDb();
    const { persistence } = await openBoard(db);
    const other = await openBoard(db, 'b2');
    vi.spyOn(Date, 'now').mockReturnValue(1_000);
    await persistence.takeSnapshot('가', 'phase');
    await persistence.takeSnapshot('나', 'manual');
    await other.persistence.takeSnapshot('다른 보드', 'manual');
    await persistence.takeSnapshot('다', 'before-restore');
    vi.restoreAllMocks();
    expect((await persistence.listSnapshots()).map((v) => [v.label, v.kind, v.createdAt])).toEqual([
      ['다', 'before-restore', 1_000],
      ['나', 'manual', 1_000],
      ['가', 'phase', 1_000],
    ]);
  });

  it('deleteStoredBoard removes rows and versions of that board only', async () => {
    const db = freshDb();
    const a = await openBoard(db, 'a');
    const b = await openBoard(db, 'b');
    await a.persistence.takeSnapshot('a');
    await b.persistence.takeSnapshot('b');
    await Promise.all([a.persistence.close(), b.persistence.close()]);
    await deleteStoredBoard(db, 'a');
    expect(await storedBoardStats(db, 'a')).toEqual({ rows: 0, bytes: 0 });
    expect((await storedBoardStats(db, 'b')).rows).toBe(1);
    expect(await db.boardSnapshots.where('boardId').equals('a').count()).toBe(0);
    expect(await db.boardSnapshots.where('boardId').equals('b').count()).toBe(1);
  });
});

describe('board persistence: a joiner’s first copy of the room’s board', () => {
  it('is applied unrecorded, stored whole a moment later, and edits after it are stored as usual', async () => {
    const db = freshDb();
    const room = new Y.Doc();
    const roomBoard = Board.create(room, { boardId: 'b1', title: '방' });
    createNotes(roomBoard, Array.from({ length: 50 }, (_, i) => ({ text: `의견 ${i}`, x: i * 10, y: 0, author: '진행자' })));

    const clock = new ManualClock();
    const doc = new Y.Doc();
    const persistence = await openBoardPersistence(db, 'b1', doc, { clock, lifecycle: { window: null, document: null } });
    persistence.applyUnrecorded(Y.encodeStateAsUpdate(room), 'room');
    expect(Board.open(doc).notes()).toHaveLength(50);
    // Not encoded again as it was applied: nothing waits to be written yet.
    expect(persistence.pendingUpdates).toBe(0);

    clock.advance(1000);
    expect(persistence.pendingUpdates).toBe(1);
    const board = Board.open(doc);
    board.author = '참가자';
    createNote(board, { text: '나중에 쓴 메모', x: 0, y: 300, author: '참가자' });
    await persistence.close();

    const reopened = new Y.Doc();
    await (await openBoardPersistence(db, 'b1', reopened, { lifecycle: { window: null, document: null } })).close();
    expect(Board.open(reopened).notes().map((n) => n.text)).toContain('나중에 쓴 메모');
    expect(Board.open(reopened).notes()).toHaveLength(51);
  });

  it('closed before the moment came: nothing of it is stored, and nothing fails', async () => {
    const db = freshDb();
    const room = new Y.Doc();
    createNotes(Board.create(room, { boardId: 'b1', title: '방' }), [{ text: '하나', x: 0, y: 0, author: '진행자' }]);
    const clock = new ManualClock();
    const persistence = await openBoardPersistence(db, 'b1', new Y.Doc(), { clock, lifecycle: { window: null, document: null } });
    persistence.applyUnrecorded(Y.encodeStateAsUpdate(room), 'room');
    expect(await persistence.close()).toBe(true);
    clock.advance(1000);
    expect(await rowsOf(db)).toBe(0);
  });
});
