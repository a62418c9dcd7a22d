// The hub's copy of each room's board on the facilitator's disk (<dataDir>/boards/<roomId>.yjs),
// so a host restart loses nothing even if every participant has gone home. Written whole,
// debounced, through a temp file and rename: a crash leaves the old or the new file, never half.
// A file the host cannot read (permissions, I/O error) is never written over: the room goes on in
// memory, the facilitator is told (storageHealth), and the file is read again now and then, so
// once it is readable its content merges back and saving resumes.
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { StorageHealth } from '../storageHealth';

const WRITE_DELAY_MS = 300;
const MAX_WRITE_DELAY_MS = 2_000;
/** How often an unreadable board file is tried again (on the next change after this long). */
const UNREADABLE_RETRY_MS = 10_000;

/** The file operations the store uses; tests inject faults through them. */
export type StoreFs = Pick<typeof fsPromises, 'readFile' | 'writeFile' | 'rename' | 'mkdir' | 'rm'>;

export type BoardStoreOptions = { fs?: StoreFs; health?: StorageHealth; now?: () => number };

export class BoardStore {
  private readonly dir: string;
  private readonly pending = new Map<string, { doc: Y.Doc; timer: ReturnType<typeof setTimeout>; since: number }>();
  private writing: Promise<void> = Promise.resolve();
  /** Rooms whose file exists but could not be read: never written, never removed; when last tried. */
  private readonly unreadable = new Map<string, number>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly fs: StoreFs;
  private readonly now: () => number;

  constructor(dataDir: string, private readonly log: Logger, private readonly options: BoardStoreOptions = {}) {
    this.dir = join(dataDir, 'boards');
    this.fs = options.fs ?? fsPromises;
    this.now = options.now ?? Date.now;
  }

  /** True while the room's file could not be read: its changes are kept in memory only. */
  isUnreadable(roomId: string): boolean {
    return this.unreadable.has(roomId);
  }

  private file(roomId: string): string {
    return join(this.dir, `${roomId}.yjs`);
  }

  /**
   * Loads the stored board into `doc` (origin 'store'). A damaged file is moved aside; a file that
   * cannot be read is left alone and never overwritten.
   */
  load(roomId: string, doc: Y.Doc): Promise<void> {
    const loading = this.read(roomId, doc).finally(() => {
      if (this.loading.get(roomId) === loading) this.loading.delete(roomId);
    });
    this.loading.set(roomId, loading);
    return loading;
  }

  private async read(roomId: string, doc: Y.Doc): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.file(roomId));
    } catch (error) {
      // No file (or no folder: a file stands where one should be): nothing stored to protect.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        if (this.unreadable.delete(roomId)) this.options.health?.boardFile(roomId, null);
        return;
      }
      if (!this.unreadable.has(roomId)) this.log.error('hub.loadFailed', { roomId, effect: 'not saved until readable', error });
      this.unreadable.set(roomId, this.now());
      this.options.health?.boardFile(roomId, 'unreadable');
      return;
    }
    if (this.unreadable.delete(roomId)) this.options.health?.boardFile(roomId, null);
    try {
      Y.applyUpdate(doc, bytes, 'store');
      this.log.info('hub.loaded', { roomId, bytes: bytes.byteLength });
    } catch (error) {
      const aside = `${this.file(roomId)}.damaged-${Date.now()}`;
      await this.fs.rename(this.file(roomId), aside).catch(() => undefined);
      this.log.error('hub.damagedBoard', { roomId, movedTo: aside, error });
      this.options.health?.boardFile(roomId, 'damaged');
    }
  }

  /** Writes `doc` soon; repeated calls within the delay coalesce (but wait at most 2 s). */
  schedule(roomId: string, doc: Y.Doc): void {
    const triedAt = this.unreadable.get(roomId);
    if (triedAt !== undefined) {
      // Not saved; read again now and then: a file readable again merges in and saving resumes.
      if (this.now() - triedAt >= UNREADABLE_RETRY_MS) {
        this.unreadable.set(roomId, this.now());
        // In the write queue, so flush() waits for the read (and the write it schedules).
        this.writing = this.writing
          .then(() => this.load(roomId, doc))
          .then(() => {
            if (!this.unreadable.has(roomId)) this.writeSoon(roomId, doc);
          });
      }
      return;
    }
    const now = Date.now();
    const existing = this.pending.get(roomId);
    if (existing) {
      clearTimeout(existing.timer);
      if (now - existing.since >= MAX_WRITE_DELAY_MS) return void this.writeNow(roomId);
    }
    const timer = setTimeout(() => void this.writeNow(roomId), WRITE_DELAY_MS);
    timer.unref?.();
    this.pending.set(roomId, { doc, timer, since: existing?.since ?? now });
  }

  /** Schedules and writes at once (a board readable again after a failed read). */
  private writeSoon(roomId: string, doc: Y.Doc): void {
    this.schedule(roomId, doc);
    void this.writeNow(roomId);
  }

  /** Writes every scheduled board now and waits for the disk. */
  async flush(): Promise<void> {
    for (const roomId of [...this.pending.keys()]) void this.writeNow(roomId);
    await this.writing;
  }

  async remove(roomId: string): Promise<void> {
    const entry = this.pending.get(roomId);
    if (entry) clearTimeout(entry.timer);
    this.pending.delete(roomId);
    await this.writing;
    // A file nobody could read may hold what nobody has seen: it stays.
    if (this.unreadable.delete(roomId)) return;
    await this.fs.rm(this.file(roomId), { force: true });
  }

  private writeNow(roomId: string): Promise<void> {
    const entry = this.pending.get(roomId);
    if (!entry) return this.writing;
    clearTimeout(entry.timer);
    this.pending.delete(roomId);
    const target = this.file(roomId);
    const loading = this.loading.get(roomId);
    this.writing = this.writing.then(async () => {
      // Never before the stored file was read: it may turn out unreadable.
      await loading;
      if (this.unreadable.has(roomId)) return;
      const state = Y.encodeStateAsUpdate(entry.doc);
      try {
        await this.fs.mkdir(this.dir, { recursive: true });
        const temp = `${target}.tmp`;
        await this.fs.writeFile(temp, state);
        await this.fs.rename(temp, target);
        this.options.health?.wrote(`board:${roomId}`, null);
      } catch (error) {
        this.log.error('hub.saveFailed', { roomId, error });
        this.options.health?.wrote(`board:${roomId}`, error);
      }
    });
    return this.writing;
  }
}
