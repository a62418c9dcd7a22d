// Everything one open board needs, put together in one place: the Y.Doc, its stored history
// (loaded before anything else touches the doc), the typed Board, undo and the selection shared
// by canvas and outline. Sync attaches to `doc` afterwards (screens/BoardScreen).
import type { SessionRole } from '../../shared/session/session';
import * as Y from 'yjs';
import type { UndoManager } from 'yjs';
import { Board, createUndoManager, importBoardFile, type BoardFile } from '../../shared/board';
import { createSession } from '../../shared/session/session';
import { createSelection, type Selection } from '../board/selection';
import { openBoardPersistence, type BoardPersistence } from '../board/persistence/boardPersistence';
import { BoardPictureWriter, takePicture } from '../board/picture/boardPicture';
import type { MadangDatabase } from '../db/database';

export interface BoardSession {
  doc: Y.Doc;
  board: Board;
  undo: UndoManager;
  selection: Selection;
  persistence: BoardPersistence;
  close(): Promise<void>;
}

export async function openBoardSession(
  db: MadangDatabase,
  init: { boardId: string; title: string; author: string; role: SessionRole },
  onError: (messageKey: string, values?: Record<string, unknown>) => void,
  /** Writes succeed again after a reported failure (a full disk freed): the warning can go. */
  onRecovered?: () => void,
  /** The stored board is applied only after this settles (its picture is on screen first). */
  applyAfter?: () => Promise<unknown>,
): Promise<BoardSession> {
  const doc = new Y.Doc();
  const persistence = await openBoardPersistence(db, init.boardId, doc, { onError, ...(onRecovered ? { onRecovered } : {}), ...(applyAfter ? { applyAfter } : {}) });
  // A participant's board gets its metadata from the room (only the facilitator may write it).
  const board = init.role === 'facilitator' ? Board.create(doc, { boardId: init.boardId, title: init.title }) : Board.open(doc);
  board.author = init.author;
  const undo = createUndoManager(board);
  const selection = createSelection();
  const picture = new BoardPictureWriter(db, persistence, () => takePicture(board));
  const forgetDeleted = board.observe((change) => {
    if (change.removed.length) selection.retain((id) => board.get(id) !== undefined);
  });
  return {
    doc,
    board,
    undo,
    selection,
    persistence,
    close: async () => {
      forgetDeleted();
      undo.destroy();
      await persistence.flush();
      await picture.close();
      await persistence.close();
      doc.destroy();
    },
  };
}

/** A `.madang` file becomes a new session of this facilitator, stored before it is opened. */
export async function importBoardAsSession(db: MadangDatabase, file: BoardFile, onError: (messageKey: string) => void): Promise<string | null> {
  const session = createSession(file.title || file.boardId, Date.now());
  if (!session) return null;
  const doc = new Y.Doc();
  const persistence = await openBoardPersistence(db, session.id, doc, { onError });
  importBoardFile(doc, file);
  await persistence.close();
  doc.destroy();
  await db.sessions.add(session);
  return session.id;
}
