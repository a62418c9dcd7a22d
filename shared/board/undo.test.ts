import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { MIGRATION, REMOTE, metaMap, recordsMap } from './schema';
import { createNote, createNotes, editText, moveRecords } from './commands';
import { createUndoManager } from './undo';
import { runMigrations } from './migrations';
import type { NoteRecord } from './types';

const fresh = () => Board.create(new Y.Doc(), { boardId: 'b', title: '' });
const pos = (board: Board, id: string) => {
  const g = (board.get(id) as NoteRecord).geometry;
  return [g.x, g.y];
};

describe('undo', () => {
  it('undoes and redoes a created note', () => {
    const board = fresh();
    const undo = createUndoManager(board);
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: '메모' }) as string;
    undo.undo();
    expect(board.get(n)).toBeUndefined();
    undo.redo();
    expect(board.get(n)).toMatchObject({ text: '메모' });
  });

  it('a whole drag of several notes is one step', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 200, y: 0, author: 'p' }))) as [string, string, string];
    const undo = createUndoManager(board);
    moveRecords(board, [{ id: a, x: 10, y: 500 }, { id: b, x: 210, y: 500 }, { id: c, x: 410, y: 500 }]);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect([pos(board, a), pos(board, b), pos(board, c)]).toEqual([[0, 0], [200, 0], [400, 0]]);
    expect(undo.canUndo()).toBe(false);
  });

  it('two commands in quick succession are two steps', () => {
    const board = fresh();
    const undo = createUndoManager(board);
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: 'a' }) as string;
    editText(board, n, 'ab');
    undo.undo();
    expect(board.get(n)).toMatchObject({ text: 'a' });
  });

  it("never undoes someone else's change", () => {
    const mine = fresh();
    const theirs = Board.open(new Y.Doc());
    Y.applyUpdate(theirs.doc, Y.encodeStateAsUpdate(mine.doc), REMOTE);
    const undo = createUndoManager(mine);
    const n = createNote(mine, { x: 0, y: 0, author: 'me', text: '내 메모' }) as string;
    Y.applyUpdate(theirs.doc, Y.encodeStateAsUpdate(mine.doc, Y.encodeStateVector(theirs.doc)), REMOTE);
    const sv = Y.encodeStateVector(theirs.doc);
    const other = createNote(theirs, { x: 500, y: 0, author: 'them', text: '남의 메모' }) as string;
    Y.applyUpdate(mine.doc, Y.encodeStateAsUpdate(theirs.doc, sv), REMOTE);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(mine.get(n)).toBeUndefined();
    expect(mine.get(other)).toMatchObject({ text: '남의 메모' });
    expect(undo.canUndo()).toBe(false);
  });

  it('never undoes a migration', () => {
    const board = fresh();
    const n = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    const undo = createUndoManager(board);
    board.doc.transact(() => {
      metaMap(board.doc).delete('schemaVersion');
      recordsMap(board.doc).get(n)?.delete('color');
    }, REMOTE);
    expect(runMigrations(board.doc).ran).toEqual(['board.v1.noteColorAndZ']);
    expect(undo.canUndo()).toBe(false);
    expect(MIGRATION).toBe('migration');
  });

  it('does nothing once the board is read-only', () => {
    const board = fresh();
    const undo = createUndoManager(board);
    const n = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    metaMap(board.doc).set('schemaVersion', 99);
    expect(undo.undo()).toBeNull();
    expect(board.get(n)).toBeDefined();
  });
});
