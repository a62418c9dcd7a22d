// The board's picture: a plain copy of its records as last stored, so reopening a large board
// draws it at once while the Y.Doc loads (applying a board's Yjs history is most of the time to
// open it: docs/architecture.md, "Storage"). The picture is only ever drawn, never edited, and
// only when it is known to be true: it names the stored rows it shows, and is used only while
// the board's rows are exactly those.
import type { MadangDatabase } from '../../db/database';
import type { BoardPersistence } from '../persistence/boardPersistence';
import type { BoardPictureRow } from '../persistence/schema';
import { systemClock, type Clock } from '../persistence/batcher';
import { BOARD_SCHEMA_VERSION, type Board, type BoardRecord } from '../../../shared/board';
import { isLocked } from '../../../shared/board/policy';
import { locksMap } from '../../../shared/board/schema';

export interface BoardPicture {
  records: BoardRecord[];
  /** Ids of records drawn with a padlock. */
  locked: string[];
}

/**
 * The board's picture when it shows exactly what is stored now; null when there is none, it is
 * out of date, another app version wrote it, or storage cannot be read (the board then opens as
 * it always did).
 */
export async function readBoardPicture(db: MadangDatabase, boardId: string): Promise<BoardPicture | null> {
  try {
    return await db.transaction('r', db.boardPictures, db.boardUpdates, async () => {
      const [row, keys] = await Promise.all([
        db.boardPictures.get(boardId),
        db.boardUpdates.where('boardId').equals(boardId).primaryKeys() as Promise<number[]>,
      ]);
      if (!row || row.schemaVersion !== BOARD_SCHEMA_VERSION || !Array.isArray(row.records) || !Array.isArray(row.locked)) return null;
      if (!sameKeys(row.rowKeys, keys)) return null;
      return { records: row.records, locked: row.locked };
    });
  } catch {
    return null;
  }
}

const earlyReads = new Map<string, Promise<BoardPicture | null>>();

/**
 * Starts reading a board's picture before the screen that shows it renders: when the app starts
 * on a board's address, the read then overlaps the rest of start-up.
 */
export function readBoardPictureEarly(db: MadangDatabase, boardId: string): void {
  earlyReads.set(boardId, readBoardPicture(db, boardId));
}

/** The read started early for this board, if there is one (once), else a new read. */
export function takeBoardPictureRead(db: MadangDatabase, boardId: string): Promise<BoardPicture | null> {
  const early = earlyReads.get(boardId);
  earlyReads.delete(boardId);
  return early ?? readBoardPicture(db, boardId);
}

/** The board's records and locks as plain data (Board caches the records, so this is cheap once drawn). */
export function takePicture(board: Board): BoardPicture {
  const records = board.all();
  const locked = locksMap(board.doc).size === 0 ? [] : records.filter((r) => isLocked(board.doc, r.id)).map((r) => r.id);
  return { records, locked };
}

export interface BoardPictureWriterOptions {
  /** Quiet time after the stored rows last changed before a new picture is taken (default 1500 ms). */
  quietMs?: number;
  clock?: Clock;
  /** Runs the write when the page is idle (default: requestIdleCallback where there is one). */
  whenIdle?: (run: () => void) => void;
}

/**
 * Keeps the board's picture up to date: once its stored rows have stopped changing for a moment
 * and the doc is exactly what is stored, the records are copied and written (at most once per
 * change of the rows). A failed write is not retried: without a picture the board still opens.
 */
export class BoardPictureWriter {
  private timer: unknown = null;
  private written = '';
  private writing: Promise<void> | null = null;
  private closed = false;
  private readonly clock: Clock;
  private readonly detach: () => void;

  constructor(
    private readonly db: MadangDatabase,
    private readonly persistence: BoardPersistence,
    private readonly take: () => BoardPicture,
    private readonly options: BoardPictureWriterOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.detach = persistence.onStored(() => this.schedule());
    this.schedule();
  }

  /** Writes the picture now if the doc is exactly what is stored and the picture is not already that. */
  writeNow(): Promise<void> {
    const keys = this.persistence.storedRowKeys();
    if (!keys) return Promise.resolve();
    const signature = keys.join(',');
    if (signature === this.written) return Promise.resolve();
    // Taken synchronously with the keys: nothing can change the doc in between.
    const row: BoardPictureRow = { boardId: this.persistence.boardId, schemaVersion: BOARD_SCHEMA_VERSION, rowKeys: keys, savedAt: Date.now(), ...this.take() };
    const write: Promise<void> = Promise.resolve()
      .then(() => this.db.boardPictures.put(row))
      .then(
        () => void (this.written = signature),
        // No picture: the board opens from its rows, as without this cache.
        () => {},
      )
      .finally(() => {
        if (this.writing === write) this.writing = null;
      });
    this.writing = write;
    return write;
  }

  /** Resolves when no picture is being written. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** Stops listening; a last picture is written when the doc is exactly what is stored. Call after the last flush. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.writing;
    await this.writeNow();
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      (this.options.whenIdle ?? whenIdle)(() => {
        if (!this.closed) void this.writeNow();
      });
    }, this.options.quietMs ?? 1500);
  }
}

function sameKeys(stored: unknown, keys: readonly number[]): boolean {
  if (!Array.isArray(stored) || stored.length !== keys.length) return false;
  const sorted = [...keys].sort((a, b) => a - b);
  return stored.every((key, i) => key === sorted[i]);
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else run();
}
