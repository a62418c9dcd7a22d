// Faults of a device's own storage, short and deterministic (fake-indexeddb, a manual clock):
// a peer killed in the middle of a write, a full disk, a crash in the middle of compaction.
// What a user would notice: after each, the stored board opens, with everything that was stored.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MadangDatabase } from '../../db/database';
import { Board, createNote, editText, moveRecords } from '../../../shared/board';
import { persistenceMessagesEn, persistenceMessagesKo } from '../../../shared/i18n/persistence';
import { openBoardPersistence, type BoardPersistenceOptions } from './boardPersistence';
import { ManualClock } from './testing';

let dbCount = 0;
const open: MadangDatabase[] = [];
/** A second connection to the same database is what a restarted app gets. */
function connect(name: string): MadangDatabase {
  const db = new MadangDatabase(name);
  open.push(db);
  return db;
}
const freshName = () => `faults-test-${++dbCount}`;

afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) db.close();
});

async function openBoard(db: MadangDatabase, options: BoardPersistenceOptions = {}) {
  const clock = new ManualClock();
  const errors: string[] = [];
  const recovered: number[] = [];
  const doc = new Y.Doc();
  const persistence = await openBoardPersistence(db, 'b1', doc, {
    clock,
    onError: (key) => errors.push(key),
    onRecovered: () => recovered.push(1),
    lifecycle: { window: null, document: null },
    ...options,
  });
  const board = Board.create(doc, { boardId: 'b1', title: '고장 시험' });
  board.author = '참가자';
  return { doc, board, persistence, clock, errors, recovered };
}

const texts = (board: Board) => board.notes().map((n) => n.text).sort();

describe('storage faults', () => {
  it('a peer killed in the middle of a write reopens with every edit stored before it, and nothing half-written', async () => {
    const name = freshName();
    const db = connect(name);
    const first = await openBoard(db);
    createNote(first.board, { text: '저장된 메모', x: 0, y: 0, author: 'a' });
    createNote(first.board, { text: '이것도 저장됨', x: 200, y: 0, author: 'a' });
    expect(await first.persistence.flush()).toBe(true);
    // The next write's IndexedDB transaction has added its row when the process dies: the
    // transaction never commits (what a browser does with a killed page's open transaction).
    let addedBeforeDeath = 0;
    vi.spyOn(db.boardUpdates, 'add').mockImplementationOnce((row) =>
      db.transaction('rw', db.boardUpdates, async (tx) => {
        // The spy is spent: this is the real add.
        await db.boardUpdates.add(row);
        addedBeforeDeath = await db.boardUpdates.count();
        tx.abort();
      }) as never,
    );
    createNote(first.board, { text: '쓰는 중에 꺼짐', x: 400, y: 0, author: 'a' });
    await first.persistence.flush();
    // Killed: this instance does nothing more (no retry, no close).
    expect(addedBeforeDeath).toBe((await db.boardUpdates.count()) + 1);

    const second = await openBoard(connect(name));
    expect(second.persistence.loadReport).toMatchObject({ failed: false, skippedCorruptRows: 0 });
    expect(texts(second.board)).toEqual(['이것도 저장됨', '저장된 메모']);
    // And it keeps working: a new edit is stored and there on the next start.
    createNote(second.board, { text: '다시 켠 뒤', x: 0, y: 200, author: 'a' });
    expect(await second.persistence.flush()).toBe(true);
    const third = await openBoard(connect(name));
    expect(texts(third.board)).toEqual(['다시 켠 뒤', '이것도 저장됨', '저장된 메모']);
  });

  it('a full disk: a translated warning, the board keeps working in memory, and everything is stored once space frees', async () => {
    const name = freshName();
    const db = connect(name);
    const first = await openBoard(db);
    await first.persistence.flush();
    const quota = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const add = vi.spyOn(db.boardUpdates, 'add').mockImplementation(quota as never);

    const id = createNote(first.board, { text: '공간 부족', x: 0, y: 0, author: 'a' })!;
    expect(await first.persistence.flush()).toBe(false);
    expect(first.errors).toEqual(['storage.quotaExceeded']);
    // The warning people read, in both languages, and it says the work is still there.
    expect(persistenceMessagesKo['storage.quotaExceeded']).toMatch(/저장 공간/);
    expect(persistenceMessagesEn['storage.quotaExceeded']).toMatch(/out of storage space.*still on screen/);
    // Editing goes on in memory; retries keep failing quietly (reported once, not per retry).
    editText(first.board, id, '공간 부족 — 계속 편집');
    moveRecords(first.board, [{ id, x: 50, y: 60 }]);
    createNote(first.board, { text: '메모리에만 있음', x: 300, y: 0, author: 'a' });
    for (let i = 0; i < 5; i++) {
      first.clock.advance(5_000);
      await first.persistence.flush();
    }
    expect(first.errors).toEqual(['storage.quotaExceeded']);
    expect(first.persistence.failing).toBe(true);
    expect(texts(first.board)).toEqual(['공간 부족 — 계속 편집', '메모리에만 있음']);

    add.mockRestore(); // space freed
    first.clock.advance(60_000);
    await first.persistence.idle();
    expect(first.persistence.failing).toBe(false);
    expect(first.recovered).toHaveLength(1);
    const second = await openBoard(connect(name));
    expect(texts(second.board)).toEqual(['공간 부족 — 계속 편집', '메모리에만 있음']);
    expect(second.board.notes().find((n) => n.id === id)?.geometry).toMatchObject({ x: 50, y: 60 });
  });

  it('a crash in the middle of compaction leaves the stored board loadable, with the same state', async () => {
    const name = freshName();
    const db = connect(name);
    const first = await openBoard(db, { compactAboveRows: Infinity });
    const id = createNote(first.board, { text: '', x: 0, y: 0, author: 'a' })!;
    for (let i = 0; i < 30; i++) {
      editText(first.board, id, `판 ${i}`);
      await first.persistence.flush();
    }
    const rowsBefore = await db.boardUpdates.count();
    expect(rowsBefore).toBeGreaterThanOrEqual(30);
    // The compacted row is added, then the process dies before the old rows are deleted: the
    // transaction never commits.
    vi.spyOn(db.boardUpdates, 'bulkDelete').mockImplementationOnce(() => {
      throw new DOMException('The connection was closed.', 'AbortError');
    });
    await first.persistence.compact();
    expect(first.errors).toEqual(['storage.compactFailed']);

    const second = await openBoard(connect(name), { compactOnLoadAboveRows: Infinity });
    expect(second.persistence.loadReport).toMatchObject({ failed: false, skippedCorruptRows: 0, rows: rowsBefore });
    expect(Y.encodeStateVector(second.doc)).toEqual(Y.encodeStateVector(first.doc));
    expect(texts(second.board)).toEqual(['판 29']);
    // The next compaction, uninterrupted, succeeds and the board still opens the same.
    await second.persistence.compact();
    expect(await connect(name).boardUpdates.count()).toBe(1);
    const third = await openBoard(connect(name));
    expect(texts(third.board)).toEqual(['판 29']);
  });
});
