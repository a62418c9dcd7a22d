// Versions of each room's board on the facilitator's disk (<dataDir>/history/<roomId>/), so the
// facilitator can take the whole room back to an earlier board, whatever a participant did and
// whatever the participants' devices hold. One file per version: a one-line JSON header (what the
// list shows) and the board's full Yjs state; written through a temp file and rename, so a crash
// leaves a whole version or none, and read back after a restart.
//
// When: every PERIODIC_MS while the board changes, when the facilitator asks, before a
// participant's change that removes many records (Hub.snapshot, called by the permission check),
// and just before a restore. Retention per room: at most MAX_VERSIONS versions, MAX_BYTES in all,
// none older than MAX_AGE_MS; the oldest go first, and the newest is always kept.
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { ROOT_RECORDS } from '../../../shared/board';
import { HostVersionSchema, type HostVersion, type HostVersionReason } from '../../../shared/room/api';
import type { Logger } from '../log';
import type { StorageHealth } from '../storageHealth';

export const HISTORY_LIMITS = {
  /** A version every 5 minutes while the board changes. */
  periodicMs: 5 * 60_000,
  /** How often the hub looks whether one is due. */
  checkMs: 30_000,
  /** Versions before removals: at most one per 30 s (a participant deleting again and again). */
  beforeRemovalMinMs: 30_000,
  maxVersions: 60,
  maxBytes: 256 * 1024 * 1024,
  maxAgeMs: 7 * 24 * 60 * 60_000,
};
export type HistoryLimits = typeof HISTORY_LIMITS;

/** The transaction origin of a restore, so the hub's observers can tell it from a participant's change. */
export const HISTORY_ORIGIN = 'host-history';

const EXTENSION = '.version';
const HEADER_MAX_BYTES = 1024;
/** A folder holding more files than this is not read further (retention keeps far fewer). */
const MAX_FILES_READ = 1_000;

export type HistoryFs = Pick<typeof fsPromises, 'readFile' | 'writeFile' | 'rename' | 'mkdir' | 'rm' | 'readdir'>;

export type HostHistoryOptions = {
  fs?: HistoryFs;
  health?: StorageHealth;
  now?: () => number;
  limits?: Partial<HistoryLimits>;
};

interface RoomState {
  doc: Y.Doc;
  /** Newest first. */
  versions: HostVersion[];
  /** The board changed since the last version. */
  dirty: boolean;
  lastBeforeRemoval: number;
  off: () => void;
}

export class HostHistory {
  private readonly rooms = new Map<string, RoomState>();
  private readonly fs: HistoryFs;
  private readonly now: () => number;
  readonly limits: HistoryLimits;
  private readonly timer: ReturnType<typeof setInterval>;
  /** Ids of versions being written (not listed yet), so two saves in one millisecond get two ids. */
  private readonly writingIds = new Set<string>();
  /** One write or removal at a time per host, in order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
    private readonly options: HostHistoryOptions = {},
  ) {
    this.fs = options.fs ?? fsPromises;
    this.now = options.now ?? Date.now;
    this.limits = { ...HISTORY_LIMITS, ...options.limits };
    this.timer = setInterval(() => void this.savePeriodic(), this.limits.checkMs);
    this.timer.unref?.();
  }

  private dir(roomId: string): string {
    return join(this.dataDir, 'history', roomId);
  }

  /** Starts keeping versions of a room's board; reads the versions already on disk. */
  async track(roomId: string, doc: Y.Doc): Promise<void> {
    if (this.rooms.has(roomId)) return;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // The stored copy loading is not a change anyone made.
      if (origin !== 'store') state.dirty = true;
    };
    const state: RoomState = { doc, versions: [], dirty: false, lastBeforeRemoval: 0, off: () => doc.off('update', onUpdate) };
    doc.on('update', onUpdate);
    this.rooms.set(roomId, state);
    state.versions = await this.readIndex(roomId);
  }

  /** Stops keeping versions; with `deleteFiles`, the room's versions go too (room closed). */
  async untrack(roomId: string, deleteFiles: boolean): Promise<void> {
    const state = this.rooms.get(roomId);
    state?.off();
    this.rooms.delete(roomId);
    if (deleteFiles) await this.enqueue(() => this.fs.rm(this.dir(roomId), { recursive: true, force: true }));
  }

  /** The room's versions, newest first. */
  list(roomId: string): HostVersion[] {
    return [...(this.rooms.get(roomId)?.versions ?? [])];
  }

  newest(roomId: string): HostVersion | undefined {
    return this.rooms.get(roomId)?.versions[0];
  }

  /**
   * Saves the board as a version. The board is read synchronously, during the call: a caller about
   * to apply a change saves the state before it without awaiting. Automatic reasons save only
   * what changed since the last version (and 'before-removal' at most once per
   * beforeRemovalMinMs): then the newest version, which already holds this board, is returned.
   * Null when the room is not tracked or the write failed.
   */
  async save(roomId: string, reason: HostVersionReason, extra: { restoredFrom?: number } = {}): Promise<HostVersion | null> {
    const state = this.rooms.get(roomId);
    if (!state) return null;
    const now = this.now();
    const newest = state.versions[0];
    if (reason === 'periodic' || reason === 'before-removal') {
      if (!state.dirty && newest) return newest;
      if (reason === 'before-removal' && newest && now - state.lastBeforeRemoval < this.limits.beforeRemovalMinMs) return newest;
    }
    if (reason === 'before-removal') state.lastBeforeRemoval = now;
    const body = Y.encodeStateAsUpdate(state.doc);
    const records = state.doc.getMap<unknown>(ROOT_RECORDS);
    let notes = 0;
    for (const record of records.values()) if (record instanceof Y.Map && record.get('type') === 'note') notes++;
    let id = `${now}-${reason}`;
    for (let n = 2; state.versions.some((v) => v.id === id) || this.writingIds.has(id); n++) id = `${now}-${reason}-${n}`;
    this.writingIds.add(id);
    const version: HostVersion = { id, createdAt: now, reason, records: records.size, notes, bytes: body.byteLength, ...extra };
    const wasDirty = state.dirty;
    state.dirty = false;
    try {
      await this.enqueue(() => this.write(roomId, version, body));
      this.options.health?.wrote(`history:${roomId}`, null);
    } catch (error) {
      state.dirty = wasDirty || state.dirty;
      this.log.error('history.saveFailed', { roomId, reason, error });
      this.options.health?.wrote(`history:${roomId}`, error);
      return null;
    } finally {
      this.writingIds.delete(id);
    }
    // The room may have closed meanwhile.
    if (this.rooms.get(roomId) !== state) return version;
    state.versions.unshift(version);
    this.log.info('history.saved', { roomId, id, reason, records: version.records, bytes: version.bytes });
    await this.prune(roomId, state);
    return version;
  }

  /** The saved board of one version (a full Yjs update), or null when there is no such version. */
  async read(roomId: string, id: string): Promise<{ version: HostVersion; state: Uint8Array } | null> {
    const version = this.rooms.get(roomId)?.versions.find((v) => v.id === id);
    if (!version) return null;
    let bytes: Buffer;
    try {
      bytes = await this.fs.readFile(this.file(roomId, id));
    } catch (error) {
      this.log.error('history.readFailed', { roomId, id, error });
      return null;
    }
    const end = bytes.indexOf(0x0a);
    return { version, state: new Uint8Array(bytes.subarray(end + 1)) };
  }

  /** Saves every room whose board changed, when its newest version is older than periodicMs. */
  async savePeriodic(): Promise<void> {
    const now = this.now();
    for (const [roomId, state] of this.rooms) {
      const newest = state.versions[0];
      if (state.dirty && (!newest || now - newest.createdAt >= this.limits.periodicMs)) await this.save(roomId, 'periodic');
    }
  }

  /** Waits for the writes under way. */
  async flush(): Promise<void> {
    await this.queue.catch(() => undefined);
  }

  close(): void {
    clearInterval(this.timer);
    for (const state of this.rooms.values()) state.off();
    this.rooms.clear();
  }

  private file(roomId: string, id: string): string {
    return join(this.dir(roomId), `${id}${EXTENSION}`);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.catch(() => undefined).then(task);
    this.queue = run;
    return run;
  }

  private async write(roomId: string, version: HostVersion, body: Uint8Array): Promise<void> {
    await this.fs.mkdir(this.dir(roomId), { recursive: true });
    const target = this.file(roomId, version.id);
    const temp = `${target}.tmp`;
    await this.fs.writeFile(temp, Buffer.concat([Buffer.from(`${JSON.stringify(version)}\n`), body]));
    await this.fs.rename(temp, target);
  }

  /** Oldest first out: past the count, the byte budget or the age; the newest always stays. */
  private async prune(roomId: string, state: RoomState): Promise<void> {
    const now = this.now();
    let bytes = 0;
    const keep: HostVersion[] = [];
    const drop: HostVersion[] = [];
    state.versions.forEach((version, index) => {
      bytes += version.bytes;
      const over = keep.length >= this.limits.maxVersions || bytes > this.limits.maxBytes || now - version.createdAt > this.limits.maxAgeMs;
      (index > 0 && over ? drop : keep).push(version);
    });
    if (drop.length === 0) return;
    state.versions = keep;
    for (const version of drop) {
      await this.enqueue(() => this.fs.rm(this.file(roomId, version.id), { force: true })).catch((error: unknown) =>
        this.log.warn('history.pruneFailed', { roomId, id: version.id, error }),
      );
    }
  }

  /** The versions on disk, from each file's header; files that are not versions are left alone. */
  private async readIndex(roomId: string): Promise<HostVersion[]> {
    let names: string[];
    try {
      names = (await this.fs.readdir(this.dir(roomId))).filter((name) => name.endsWith(EXTENSION)).slice(0, MAX_FILES_READ);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.error('history.listFailed', { roomId, error });
      return [];
    }
    const versions: HostVersion[] = [];
    for (const name of names) {
      const version = await this.readHeader(join(this.dir(roomId), name));
      if (version && `${version.id}${EXTENSION}` === name) versions.push(version);
      else this.log.warn('history.badFile', { roomId, name });
    }
    return versions.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1));
  }

  private async readHeader(path: string): Promise<HostVersion | null> {
    try {
      const handle = await fsPromises.open(path, 'r');
      try {
        const buffer = Buffer.alloc(HEADER_MAX_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, HEADER_MAX_BYTES, 0);
        const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
        if (end < 0) return null;
        const parsed = HostVersionSchema.safeParse(JSON.parse(buffer.subarray(0, end).toString('utf8')));
        return parsed.success ? parsed.data : null;
      } finally {
        await handle.close();
      }
    } catch {
      return null;
    }
  }
}
