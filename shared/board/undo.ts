// Undo covers only what this person did: LOCAL transactions on the records map. Remote edits,
// migrations and loads have other origins and are never undone. captureTimeout 0: one command is
// one step (a drag is a single moveRecords call), no time-based merging.
import * as Y from 'yjs';
import type { Board } from './board';
import { LOCAL, recordsMap } from './schema';

export class BoardUndoManager extends Y.UndoManager {
  private readonly board: Board;

  constructor(board: Board) {
    super(recordsMap(board.doc), { trackedOrigins: new Set([LOCAL]), captureTimeout: 0 });
    this.board = board;
  }

  // A board that turned read-only (a newer peer joined) must not be written, not even by undo.
  override undo(): ReturnType<Y.UndoManager['undo']> {
    return this.board.readOnly ? null : super.undo();
  }

  override redo(): ReturnType<Y.UndoManager['redo']> {
    return this.board.readOnly ? null : super.redo();
  }
}

export function createUndoManager(board: Board): BoardUndoManager {
  return new BoardUndoManager(board);
}
