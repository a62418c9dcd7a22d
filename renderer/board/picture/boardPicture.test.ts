import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import * as Y from 'yjs';
import type { MadangDatabase } from '../../db/database';
import { BOARD_SCHEMA_VERSION, Board, createNote, createNotes, editText, setLocked } from '../../../shared/board';
import { deleteStoredBoard, openBoardPersistence } from '../persistence/boardPersistence';
import { ManualClock, deferred, freshDatabases } from '../persistence/testing';
import { BoardPictureWriter, readBoardPicture, takePicture } from './boardPicture';

const freshDb = freshDatabases('picture-test');

/** A board opened as the app opens it, with its picture writer; idle callbacks run at once. */
async function openBoard(db: MadangDatabase, boardId = 'b1') {
  const clock = new ManualClock();
  const doc = new Y.Doc();
  const persistence = await openBoardPersistence(db, boardId, doc, { clock, lifecycle: { window: null, document: null } });
  const board = Board.create(doc, { boardId, title: '성수동 골목' });
  board.author = '진행자';
  const writer = new BoardPictureWriter(db, persistence, () => takePicture(board), { clock, whenIdle: (run) => run() });
  /** Stores what is pending, lets the quiet time pass, and waits for the picture it writes. */
  const settle = async () => {
    await persistence.flush();
    clock.advance(1500);
    await writer.idle();
  };
  return { doc, board, persistence, writer, clock, settle };
}

describe('the board picture', () => {
  it('is written once the stored rows settle, and read back with every record while they stay the same', async () => {
    const db = freshDb();
    const { board, settle } = await openBoard(db);
    createNotes(board, [
      { text: '주차 문제', x: 0, y: 0, author: '진행자' },
      { text: '밤길이 어둡다', x: 200, y: 0, author: '진행자' },
    ]);
    await settle();

    const picture = await readBoardPicture(db, 'b1');
    expect(picture?.records).toEqual(board.all());
    expect(picture?.records.map((r) => ('text' in r ? r.text : null)).filter(Boolean)).toEqual(['주차 문제', '밤길이 어둡다']);
  });

  it('is not taken while an edit waits to be stored, and a row stored after it makes it out of date', async () => {
    const db = freshDb();
    const { board, persistence, writer, settle } = await openBoard(db);
    const id = createNote(board, { text: '처음', x: 0, y: 0, author: '진행자' })!;
    await settle();
    expect((await readBoardPicture(db, 'b1'))?.records).toHaveLength(1);

    editText(board, id, '고친 글');
    // The edit is in the doc but not stored: a picture now would show more than the rows hold.
    expect(persistence.storedRowKeys()).toBeNull();
    await writer.writeNow();
    await persistence.flush();
    // Stored now, but the picture was taken before: it no longer matches the rows.
    expect(await readBoardPicture(db, 'b1')).toBeNull();

    await settle();
    const picture = await readBoardPicture(db, 'b1');
    expect(picture?.records.find((r) => r.id === id)).toMatchObject({ text: '고친 글' });
  });

  it('is out of date when another tab stored a row of the same board', async () => {
    const db = freshDb();
    const { board, settle } = await openBoard(db);
    createNote(board, { text: '이 탭', x: 0, y: 0, author: '진행자' });
    await settle();
    expect(await readBoardPicture(db, 'b1')).not.toBeNull();

    const other = new Y.Doc();
    createNote(Board.create(other, { boardId: 'b1', title: '다른 탭' }), { text: '다른 탭', x: 0, y: 0, author: '진행자' });
    await db.boardUpdates.add({ boardId: 'b1', update: Y.encodeStateAsUpdate(other) });
    expect(await readBoardPicture(db, 'b1')).toBeNull();
  });

  it('follows a compaction: the one new row gets a new picture', async () => {
    const db = freshDb();
    const { board, persistence, settle } = await openBoard(db);
    const id = createNote(board, { text: '0', x: 0, y: 0, author: '진행자' })!;
    for (let i = 1; i <= 5; i++) {
      editText(board, id, String(i));
      await persistence.flush();
    }
    await settle();
    await persistence.compact();
    expect(await readBoardPicture(db, 'b1')).toBeNull();
    await settle();
    expect(await db.boardUpdates.count()).toBe(1);
    expect((await readBoardPicture(db, 'b1'))?.records.find((r) => r.id === id)).toMatchObject({ text: '5' });
  });

  it('keeps which records are locked, and is written one last time on close', async () => {
    const db = freshDb();
    const { board, persistence, writer } = await openBoard(db);
    const [a, b] = createNotes(board, [
      { text: '잠금', x: 0, y: 0, author: '진행자' },
      { text: '열림', x: 200, y: 0, author: '진행자' },
    ]) ?? [];
    setLocked(board, [a!], true);
    await persistence.flush();
    await writer.close();

    const picture = await readBoardPicture(db, 'b1');
    expect(picture?.locked).toEqual([a]);
    expect(picture?.records.map((r) => r.id)).toContain(b);
  });

  it('is not drawn when another version of the app wrote it, or when storage cannot be read', async () => {
    const db = freshDb();
    const { board, settle } = await openBoard(db);
    createNote(board, { text: '메모', x: 0, y: 0, author: '진행자' });
    await settle();
    await db.boardPictures.update('b1', { schemaVersion: BOARD_SCHEMA_VERSION + 1 });
    expect(await readBoardPicture(db, 'b1')).toBeNull();

    db.close();
    await expect(readBoardPicture(db, 'b1')).resolves.toBeNull();
  });

  it('goes with the board when its storage is deleted', async () => {
    const db = freshDb();
    const { board, settle } = await openBoard(db);
    createNote(board, { text: '메모', x: 0, y: 0, author: '진행자' });
    await settle();
    await deleteStoredBoard(db, 'b1');
    expect(await db.boardPictures.get('b1')).toBeUndefined();
  });
});

describe('database version 4', () => {
  it('adds the pictures to a version 3 database, keeps its rows, and the board opens without a picture', async () => {
    const name = `picture-upgrade-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores({ sessions: 'id, updatedAt', settings: 'key' });
    old.version(2).stores({ boardUpdates: '++key, boardId', boardSnapshots: '++id, boardId, [boardId+createdAt+kind+label]' });
    old.version(3).stores({ outcomeRecords: '[sessionId+id+version], sessionId', rosterParticipants: '[sessionId+id], sessionId', portalOutbox: 'id, sessionId, status, nextAttemptAt' });
    const stored = new Y.Doc();
    createNote(Board.create(stored, { boardId: 'b1', title: '예전 보드' }), { text: '예전 메모', x: 0, y: 0, author: '진행자' });
    await old.table('boardUpdates').add({ boardId: 'b1', update: Y.encodeStateAsUpdate(stored) });
    old.close();

    const db = freshDb(name);
    expect(await readBoardPicture(db, 'b1')).toBeNull();
    expect(db.verno).toBe(4);
    const { board, settle } = await openBoard(db);
    expect(board.notes().map((n) => n.text)).toEqual(['예전 메모']);
    await settle();
    expect((await readBoardPicture(db, 'b1'))?.records.map((r) => r.id)).toEqual(board.all().map((r) => r.id));
  });
});

describe('board persistence: what is stored and when it is applied', () => {
  it('names the stored rows only while the doc is exactly what they hold', async () => {
    const db = freshDb();
    const { board, persistence } = await openBoard(db);
    expect(persistence.storedRowKeys()).toBeNull(); // the board's creation waits to be written
    await persistence.flush();
    const keys = await db.boardUpdates.where('boardId').equals('b1').primaryKeys();
    expect(persistence.storedRowKeys()).toEqual(keys);

    createNote(board, { text: '새 메모', x: 0, y: 0, author: '진행자' });
    expect(persistence.storedRowKeys()).toBeNull();
    await persistence.close();
    expect(persistence.storedRowKeys()).toBeNull(); // later changes are no longer stored
  });

  it('applies the stored board only once it is told to (the picture is on screen first)', async () => {
    const db = freshDb();
    const first = await openBoard(db);
    createNote(first.board, { text: '저장된 메모', x: 0, y: 0, author: '진행자' });
    await first.persistence.close();

    const gate = deferred();
    const read = deferred();
    const doc = new Y.Doc();
    const opening = openBoardPersistence(db, 'b1', doc, {
      lifecycle: { window: null, document: null },
      applyAfter: () => {
        read.resolve();
        return gate.promise;
      },
    });
    await read.promise;
    expect(doc.getMap('records').size).toBe(0);

    gate.resolve();
    const persistence = await opening;
    expect(Board.open(doc).notes().map((n) => n.text)).toEqual(['저장된 메모']);
    await persistence.close();
  });
});
