// Board persistence (docs/architecture.md, "Storage"): one board's Y.Doc <-> the boardUpdates and boardSnapshots
// tables. Works on Yjs updates only, never on record shapes.
//
// - Load: all stored rows of the board are merged and applied in ONE transaction with origin LOAD;
//   when a row is damaged they are applied one by one instead, and a row that fails to apply is
//   skipped and reported ('storage.corruptRows'), the rest opens.
// - Write: every doc update (any origin: local, remote, migration…) except the ones this class
//   applies itself is batched by UpdateBatcher and stored as one merged row at most every 500 ms.
//   Pending updates are written synchronously on pagehide / beforeunload / hidden / freeze, and on
//   flush() and close(). A failed write keeps its data, is reported once, and is retried.
// - Compaction: past `compactAboveRows` rows (or `compactOnLoadAboveRows` at open) the rows are
//   replaced by one row of Y.encodeStateAsUpdate(doc) in one Dexie transaction. Only rows up to the
//   highest key this instance knows are deleted, so rows written meanwhile survive; rows another
//   tab wrote in that range are applied to the doc first, so nothing stored is lost.
// - Snapshots: full encoded state, so version history works with Yjs GC on (docs/architecture.md, "Storage").
//   Restoring one makes the live doc equal to it as a new LOCAL change (shared/board/restore.ts).
import * as Y from 'yjs';
import type { MadangDatabase } from '../../db/database';
import { isNewerThanApp, LOAD, LOCAL, readSavedBoard, restoreBoardState } from '../../../shared/board';
import { UpdateBatcher, systemClock, type Clock } from './batcher';
import type { BoardSnapshotRow, BoardUpdateRow, SnapshotKind } from './schema';
import type { PersistenceMessageKey } from '../../../shared/i18n/persistence';

/**
 * How persistence reports a problem: a translated message key (messages.ts), the values of its
 * placeholders, and the underlying error. Show it with t(key, params).
 */
export type PersistenceErrorHandler = (key: PersistenceMessageKey, params?: Record<string, string | number>, cause?: unknown) => void;

export interface BoardLoadReport {
  /** Rows read from storage (corrupt ones included). */
  rows: number;
  /** Bytes of those rows. */
  bytes: number;
  /** Time from the start of the read to the doc holding the stored state (readMs + applyMs, plus any wait for `applyAfter`). */
  ms: number;
  /** Part of `ms` spent reading IndexedDB, and applying the rows to the doc (Yjs). */
  readMs: number;
  applyMs: number;
  skippedCorruptRows: number;
  /** True when storage could not be read at all: the doc holds nothing stored. */
  failed: boolean;
}

export interface SnapshotInfo {
  id: number;
  boardId: string;
  createdAt: number;
  label: string;
  kind: SnapshotKind;
}

export interface BoardPersistenceOptions {
  onError?: PersistenceErrorHandler;
  /** Called when writes succeed again after a reported failure. */
  onRecovered?: () => void;
  clock?: Clock;
  /** Longest wait before a batch of updates is written (default 500 ms). */
  batchMs?: number;
  /** Compact once the board has more rows than this (default 100). */
  compactAboveRows?: number;
  /** Compact shortly after opening when more rows than this were loaded (default 20). */
  compactOnLoadAboveRows?: number;
  /** Delay of that compaction, so it does not compete with the first render (default 1000 ms). */
  compactOnLoadDelayMs?: number;
  /** Where pagehide/beforeunload/visibilitychange are listened to (default: window and document). */
  lifecycle?: { window?: EventTarget | null; document?: (EventTarget & { visibilityState?: string }) | null };
  /**
   * Called once the stored rows are read; they are applied when what it returns settles. Applying
   * a large board holds the main thread for hundreds of milliseconds: its picture is drawn first.
   */
  applyAfter?: () => Promise<unknown>;
  /** Root Y.Maps a snapshot restore makes equal (default: the board's records and meta). */
  restoreRoots?: readonly string[];
}

/** Thrown by restoreSnapshot; `key` is a translated message key. */
export class RestoreError extends Error {
  constructor(readonly key: PersistenceMessageKey, cause?: unknown) {
    super(key, { cause });
    this.name = 'RestoreError';
  }
}

/**
 * Loads the stored board into `doc` (call before connecting sync) and keeps storing its updates
 * until close(). Never throws: unreadable storage is reported and `loadReport.failed` is set.
 */
export async function openBoardPersistence(
  db: MadangDatabase,
  boardId: string,
  doc: Y.Doc,
  options: BoardPersistenceOptions = {},
): Promise<BoardPersistence> {
  const persistence = new BoardPersistence(db, boardId, doc, options);
  await persistence.load();
  return persistence;
}

export class BoardPersistence {
  loadReport: BoardLoadReport = { rows: 0, bytes: 0, ms: 0, readMs: 0, applyMs: 0, skippedCorruptRows: 0, failed: false };
  private readonly batcher: UpdateBatcher;
  private readonly clock: Clock;
  /** Keys of this board's rows that this instance wrote or loaded, i.e. whose content is in the doc. */
  private readonly known = new Set<number>();
  /** Rows that could not be read: never applied, never deleted (a developer may still recover them). */
  private readonly corrupt = new Set<number>();
  private maxKnownKey = 0;
  /** True while this class applies stored updates itself: those must not be written back. */
  private applying = false;
  private closed = false;
  private compacting: Promise<void> | null = null;
  private compactTimer: unknown = null;
  /** A fetched board applied without recording it, until the whole doc is queued for storage. */
  private unrecorded = false;
  private readonly storedListeners = new Set<() => void>();
  /** Writes started synchronously at unload; close() waits for them. */
  private readonly unloadWrites = new Set<Promise<void>>();
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly db: MadangDatabase,
    readonly boardId: string,
    readonly doc: Y.Doc,
    private readonly options: BoardPersistenceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.batcher = new UpdateBatcher({
      write: (update) => this.writeRow(update),
      onWriteError: (error) => this.report(writeErrorKey(error), error),
      onRecovered: () => options.onRecovered?.(),
      clock: this.clock,
      intervalMs: options.batchMs ?? 500,
    });
    // Anything already in the doc before we listen would otherwise never be stored.
    if (doc.store.clients.size > 0) this.batcher.add(Y.encodeStateAsUpdate(doc));
    doc.on('update', this.onUpdate);
    const onDestroy = () => void this.close();
    doc.on('destroy', onDestroy);
    this.detach.push(() => doc.off('update', this.onUpdate), () => doc.off('destroy', onDestroy));
    this.listenToLifecycle();
  }

  private readonly onUpdate = (update: Uint8Array): void => {
    if (!this.applying) this.batcher.add(update);
  };

  /** Updates not yet handed to IndexedDB. */
  get pendingUpdates(): number {
    return this.batcher.pendingCount;
  }

  /** True while writes fail and their data waits in memory for a retry. */
  get failing(): boolean {
    return this.batcher.failing;
  }

  /** Rows of this board in storage, as far as this instance knows. */
  get storedRows(): number {
    return this.known.size + this.corrupt.size;
  }

  /**
   * The keys of the stored rows whose merge is exactly this doc right now, sorted; null while
   * that is not known to hold (updates waiting or being written, a compaction under way, a fetched
   * board not yet queued, or after close). A plain copy of the board taken together with these
   * keys stays true for as long as the board's stored rows have exactly these keys.
   */
  storedRowKeys(): number[] | null {
    if (this.closed || this.unrecorded || this.compacting || !this.batcher.idle || this.unloadWrites.size > 0) return null;
    return [...this.known, ...this.corrupt].sort((a, b) => a - b);
  }

  /** Calls `listener` whenever the stored rows changed (a row written, a compaction). Returns the detach. */
  onStored(listener: () => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** Reads and applies the stored rows. Called once by openBoardPersistence. */
  async load(): Promise<BoardLoadReport> {
    const started = performance.now();
    let rows: BoardUpdateRow[];
    try {
      rows = await this.db.boardUpdates.where('boardId').equals(this.boardId).toArray();
    } catch (error) {
      const ms = performance.now() - started;
      this.loadReport = { rows: 0, bytes: 0, ms, readMs: ms, applyMs: 0, skippedCorruptRows: 0, failed: true };
      this.report('storage.loadFailed', error);
      return this.loadReport;
    }
    const read = performance.now();
    await this.options.applyAfter?.().catch(() => {});
    const applying = performance.now();
    let bytes = 0;
    const good: Array<{ key: number; update: Uint8Array }> = [];
    for (const row of rows) {
      const key = row.key!;
      this.maxKnownKey = Math.max(this.maxKnownKey, key);
      const update: unknown = row.update;
      if (update instanceof Uint8Array) {
        bytes += update.byteLength;
        good.push({ key, update });
      } else {
        this.corrupt.add(key);
      }
    }
    if (!this.applyMerged(good)) this.applyOneByOne(good);
    const skipped = this.corrupt.size;
    const done = performance.now();
    this.loadReport = { rows: rows.length, bytes, ms: done - started, readMs: read - started, applyMs: done - applying, skippedCorruptRows: skipped, failed: false };
    if (skipped > 0) this.report('storage.corruptRows', undefined, { count: skipped });
    const threshold = this.options.compactOnLoadAboveRows ?? 20;
    if (this.known.size > threshold) {
      this.compactTimer = this.clock.setTimeout(() => {
        this.compactTimer = null;
        void this.compact();
      }, this.options.compactOnLoadDelayMs ?? 1000);
    }
    return this.loadReport;
  }

  /**
   * Applies the room's board as a joiner fetched it, without recording the update as it happens:
   * with no 'update' listener of ours Yjs skips encoding it a second time (a quarter of applying
   * a large board). The whole doc is stored a moment later, once the board is on screen.
   */
  applyUnrecorded(update: Uint8Array, origin: unknown): void {
    this.applyStored(() => Y.applyUpdate(this.doc, update, origin), origin);
    this.unrecorded = true;
    const timer = this.clock.setTimeout(() => {
      if (this.closed) return;
      this.batcher.add(Y.encodeStateAsUpdate(this.doc));
      this.unrecorded = false;
    }, this.options.compactOnLoadDelayMs ?? 1000);
    this.detach.push(() => this.clock.clearTimeout(timer));
  }

  /** Writes every pending update now. Resolves true when all of it is stored. */
  async flush(): Promise<boolean> {
    const ok = await this.batcher.flush();
    await Promise.all(this.unloadWrites);
    return ok;
  }

  /** Resolves when no write or compaction is under way (after a flush of what is pending). */
  async idle(): Promise<void> {
    await this.flush();
    while (this.compacting) await this.compacting;
  }

  /** Flushes and stops listening. The doc stays usable; later changes are not stored. */
  async close(): Promise<boolean> {
    if (this.closed) return true;
    this.closed = true;
    if (this.compactTimer !== null) this.clock.clearTimeout(this.compactTimer);
    this.compactTimer = null;
    for (const off of this.detach.splice(0)) off();
    const ok = await this.batcher.close();
    await Promise.all(this.unloadWrites);
    while (this.compacting) await this.compacting;
    return ok;
  }

  /**
   * Replaces this board's rows (up to the highest key this instance knows) with one row of the
   * doc's full state, in one transaction. Rows with higher keys (written meanwhile) stay.
   */
  compact(): Promise<void> {
    this.compacting ??= this.compactNow().finally(() => (this.compacting = null));
    return this.compacting;
  }

  async takeSnapshot(label = '', kind: SnapshotKind = 'manual'): Promise<SnapshotInfo> {
    const row: BoardSnapshotRow = { boardId: this.boardId, createdAt: Date.now(), label: label.trim(), kind, state: Y.encodeStateAsUpdate(this.doc) };
    try {
      const id = (await this.db.boardSnapshots.add(row)) as number;
      return { id, boardId: row.boardId, createdAt: row.createdAt, label: row.label, kind: row.kind };
    } catch (error) {
      this.report('storage.snapshotFailed', error, { detail: detail(error) });
      throw error;
    }
  }

  /**
   * This board's versions, newest first. Reads only the keys of the [boardId+createdAt+kind+label]
   * index, never the states. Only Dexie calls: safe inside liveQuery.
   */
  async listSnapshots(): Promise<SnapshotInfo[]> {
    const list: SnapshotInfo[] = [];
    await this.db.boardSnapshots
      .where('[boardId+createdAt+kind+label]')
      // [id] sorts before every [id, …] key, and [id, []] after every [id, number, …] (arrays sort last).
      .between([this.boardId], [this.boardId, []])
      .reverse()
      .eachKey((key, cursor) => {
        const [boardId, createdAt, kind, label] = key as [string, number, SnapshotKind, string];
        list.push({ id: cursor.primaryKey as number, boardId, createdAt, kind, label });
      });
    // Within one millisecond the index orders by kind; creation order (id) is what people expect.
    return list.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  }

  /**
   * Makes the board equal to a stored version as ONE new LOCAL change (peers receive it, undo
   * reverts it), after saving the current state as a 'before-restore' version.
   * Throws RestoreError (key: history.*) and leaves the board unchanged when it cannot.
   */
  async restoreSnapshot(id: number): Promise<void> {
    const row = await this.db.boardSnapshots.get(id);
    if (!row || row.boardId !== this.boardId) throw new RestoreError('history.notFound');
    if (isNewerThanApp(this.doc)) throw new RestoreError('history.readOnly');
    const saved = readSavedBoard(row.state);
    if (!saved.ok) throw new RestoreError(saved.reason === 'damaged' ? 'history.damaged' : 'history.newer', saved.cause);
    try {
      try {
        await this.takeSnapshot(row.label, 'before-restore');
      } catch (error) {
        throw new RestoreError('storage.snapshotFailed', error);
      }
      restoreBoardState(this.doc, saved.doc, LOCAL, this.options.restoreRoots);
    } finally {
      saved.doc.destroy();
    }
  }

  /**
   * Fast path: merge every row into one update and apply it once (about twice as fast as applying
   * rows one by one in Chromium). Yjs parses every row while merging, so a damaged row makes the
   * merge throw before the doc is touched; then the rows are applied one by one instead.
   */
  private applyMerged(rows: ReadonlyArray<{ key: number; update: Uint8Array }>): boolean {
    let merged: Uint8Array;
    try {
      merged = rows.length === 1 ? rows[0]!.update : Y.mergeUpdates(rows.map((r) => r.update));
    } catch {
      return false;
    }
    try {
      this.applyStored(() => Y.applyUpdate(this.doc, merged, LOAD));
    } catch {
      return false; // applied again row by row: Yjs ignores what is already in the doc
    }
    for (const row of rows) this.known.add(row.key);
    return true;
  }

  /** Each row on its own, so one bad row does not take the others with it (all in one transaction). */
  private applyOneByOne(rows: ReadonlyArray<{ key: number; update: Uint8Array }>): void {
    this.applyStored(() => {
      for (const { key, update } of rows) {
        // Yjs decodes all structs of an update before integrating any, so a damaged row adds
        // nothing (at most its intact structs when only its trailing delete set is damaged).
        try {
          Y.applyUpdate(this.doc, update, LOAD);
          this.known.add(key);
        } catch {
          this.corrupt.add(key);
        }
      }
    });
  }

  private applyStored(fn: () => void, origin: unknown = LOAD): void {
    // Without our listener Yjs does not encode an 'update' event for this transaction at all
    // (unless someone else listens): on open that saves encoding the whole stored state again.
    const listening = !this.closed;
    if (listening) this.doc.off('update', this.onUpdate);
    this.applying = true;
    try {
      this.doc.transact(fn, origin);
    } finally {
      this.applying = false;
      if (listening && !this.closed) this.doc.on('update', this.onUpdate);
    }
  }

  private async writeRow(update: Uint8Array): Promise<void> {
    const key = (await this.db.boardUpdates.add({ boardId: this.boardId, update })) as number;
    this.remember(key);
    this.maybeCompact();
  }

  private remember(key: number): void {
    this.known.add(key);
    this.maxKnownKey = Math.max(this.maxKnownKey, key);
    for (const listener of this.storedListeners) listener();
  }

  private maybeCompact(): void {
    if (!this.closed && this.known.size > (this.options.compactAboveRows ?? 100)) void this.compact();
  }

  private async compactNow(): Promise<void> {
    const upTo = this.maxKnownKey;
    if (upTo === 0) return;
    try {
      await this.db.transaction('rw', this.db.boardUpdates, async () => {
        const all = (await this.db.boardUpdates.where('boardId').equals(this.boardId).primaryKeys()) as number[];
        const keys = all.filter((k) => k <= upTo && !this.corrupt.has(k));
        // Rows in range that this instance never saw (another tab of the same board) go into the doc first.
        const foreign = keys.filter((k) => !this.known.has(k));
        if (foreign.length > 0) {
          const rows = await this.db.boardUpdates.bulkGet(foreign);
          this.applyStored(() => {
            for (const row of rows) {
              try {
                if (row) Y.applyUpdate(this.doc, row.update, LOAD);
              } catch {
                this.corrupt.add(row!.key!);
              }
            }
          });
        }
        const newKey = (await this.db.boardUpdates.add({ boardId: this.boardId, update: Y.encodeStateAsUpdate(this.doc) })) as number;
        const obsolete = keys.filter((k) => !this.corrupt.has(k));
        await this.db.boardUpdates.bulkDelete(obsolete);
        for (const k of obsolete) this.known.delete(k);
        this.remember(newKey);
      });
    } catch (error) {
      // Nothing is lost: the transaction rolled back and every row is still there.
      this.report('storage.compactFailed', error, { detail: detail(error) });
    }
  }

  /** Hands pending updates to IndexedDB right now, synchronously (the page may be gone next task). */
  private flushNow = (): void => {
    if (this.closed) return;
    const update = this.batcher.takePending();
    if (!update) return;
    let idb: IDBDatabase;
    try {
      idb = this.db.backendDB();
      if (!idb) throw new Error('database not open');
    } catch {
      // Not open yet: the ordinary path will write it.
      this.batcher.restore(update);
      return;
    }
    const written = new Promise<void>((resolve) => {
      try {
        const tx = idb.transaction('boardUpdates', 'readwrite');
        const request = tx.objectStore('boardUpdates').add({ boardId: this.boardId, update } satisfies BoardUpdateRow);
        tx.oncomplete = () => {
          this.remember(request.result as number);
          resolve();
        };
        tx.onerror = tx.onabort = () => {
          this.batcher.restore(update);
          resolve();
        };
        tx.commit?.();
      } catch {
        this.batcher.restore(update);
        resolve();
      }
    });
    this.unloadWrites.add(written);
    void written.then(() => this.unloadWrites.delete(written));
  };

  private listenToLifecycle(): void {
    const win = this.options.lifecycle ? this.options.lifecycle.window : typeof window === 'undefined' ? null : window;
    const doc = this.options.lifecycle ? this.options.lifecycle.document : typeof document === 'undefined' ? null : document;
    const onVisibility = () => {
      if (doc?.visibilityState === 'hidden') this.flushNow();
    };
    win?.addEventListener('pagehide', this.flushNow);
    win?.addEventListener('beforeunload', this.flushNow);
    doc?.addEventListener('visibilitychange', onVisibility);
    doc?.addEventListener('freeze', this.flushNow);
    this.detach.push(() => {
      win?.removeEventListener('pagehide', this.flushNow);
      win?.removeEventListener('beforeunload', this.flushNow);
      doc?.removeEventListener('visibilitychange', onVisibility);
      doc?.removeEventListener('freeze', this.flushNow);
    });
  }

  private report(key: PersistenceMessageKey, cause?: unknown, params?: Record<string, string | number>): void {
    const values = key === 'storage.writeFailed' || key === 'storage.loadFailed' ? { detail: detail(cause), ...params } : params;
    this.options.onError?.(key, values, cause);
  }
}

/** Removes everything stored for a board (its rows, versions and picture), e.g. when its session is deleted. */
export async function deleteStoredBoard(db: MadangDatabase, boardId: string): Promise<void> {
  await db.transaction('rw', [db.boardUpdates, db.boardSnapshots, db.boardPictures], async () => {
    await db.boardUpdates.where('boardId').equals(boardId).delete();
    await db.boardSnapshots.where('boardId').equals(boardId).delete();
    await db.boardPictures.delete(boardId);
  });
}

/** Rows and bytes stored for a board (for measurements and diagnostics). */
export async function storedBoardStats(db: MadangDatabase, boardId: string): Promise<{ rows: number; bytes: number }> {
  let rows = 0;
  let bytes = 0;
  await db.boardUpdates.where('boardId').equals(boardId).each((row) => {
    rows++;
    bytes += row.update instanceof Uint8Array ? row.update.byteLength : 0;
  });
  return { rows, bytes };
}

function writeErrorKey(error: unknown): PersistenceMessageKey {
  const names = [error, (error as { inner?: unknown } | null)?.inner].map((e) => (e as { name?: unknown } | null)?.name);
  return names.includes('QuotaExceededError') ? 'storage.quotaExceeded' : 'storage.writeFailed';
}

function detail(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
