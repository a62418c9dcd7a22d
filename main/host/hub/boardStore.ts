// The hub's copy of each room's board on the facilitator's disk (<dataDir>/boards/<roomId>.yjs),
// so a host restart loses nothing even if every participant has gone home. Written whole,
// debounced, through a temp file and rename: a crash leaves the old or the new file, never half.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Logger } from '../log';

const WRITE_DELAY_MS = 300;
const MAX_WRITE_DELAY_MS = 2_000;

export class BoardStore {
  private readonly dir: string;
  private readonly pending = new Map<string, { doc: Y.Doc; timer: ReturnType<typeof setTimeout>; since: number }>();
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly log: Logger) {
    this.dir = join(dataDir, 'boards');
  }

  private file(roomId: string): string {
    return join(this.dir, `${roomId}.yjs`);
  }

  /** Loads the stored board into `doc` (origin 'store'); a damaged file is moved aside. */
  async load(roomId: string, doc: Y.Doc): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file(roomId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.error('hub.loadFailed', { roomId, error });
      return;
    }
    try {
      Y.applyUpdate(doc, bytes, 'store');
      this.log.info('hub.loaded', { roomId, bytes: bytes.byteLength });
    } catch (error) {
      const aside = `${this.file(roomId)}.damaged-${Date.now()}`;
      await rename(this.file(roomId), aside).catch(() => undefined);
      this.log.error('hub.damagedBoard', { roomId, movedTo: aside, error });
    }
  }

  /** Writes `doc` soon; repeated calls within the delay coalesce (but wait at most 2 s). */
  schedule(roomId: string, doc: Y.Doc): void {
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
    await rm(this.file(roomId), { force: true });
  }

  private writeNow(roomId: string): Promise<void> {
    const entry = this.pending.get(roomId);
    if (!entry) return this.writing;
    clearTimeout(entry.timer);
    this.pending.delete(roomId);
    const state = Y.encodeStateAsUpdate(entry.doc);
    const target = this.file(roomId);
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(this.dir, { recursive: true });
        const temp = `${target}.tmp`;
        await writeFile(temp, state);
        await rename(temp, target);
      } catch (error) {
        this.log.error('hub.saveFailed', { roomId, error });
      }
    });
    return this.writing;
  }
}
