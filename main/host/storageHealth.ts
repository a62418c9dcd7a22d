// What the host knows about its own storage, for the facilitator's app (GET /api/storage): whether
// the data folder takes writes, and, per room, whether its board file could be read and whether
// the room would survive a restart. Log lines alone reach nobody during a workshop.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostStorageStatus, HostVersion } from '../../shared/room/api';

export type StorageProblem = 'readOnly' | 'full' | 'failing';
export type BoardFileState = 'unreadable' | 'damaged';

/** What a failed write means for the facilitator: a folder that refuses writes, one that is full, or anything else. */
export function storageProblemOf(error: unknown): StorageProblem {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'readOnly';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  return 'failing';
}

const PROBE_FILE = '.write-probe';

export class StorageHealth {
  /** The last write of each writer ('rooms', 'probe', 'board:<roomId>', 'history:<roomId>') that failed, and how. */
  private readonly failing = new Map<string, { problem: StorageProblem; since: number }>();
  private readonly boardFiles = new Map<string, { state: BoardFileState; since: number }>();

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records the outcome of one write: an error, or null for success (which clears the writer's problem). */
  wrote(writer: string, error: unknown): void {
    if (error === null || error === undefined) this.failing.delete(writer);
    else if (!this.failing.has(writer)) this.failing.set(writer, { problem: storageProblemOf(error), since: this.now() });
  }

  /** A closed room's problems go with it. */
  forgetRoom(roomId: string): void {
    this.failing.delete(`board:${roomId}`);
    this.failing.delete(`history:${roomId}`);
    this.boardFiles.delete(roomId);
  }

  boardFile(roomId: string, state: BoardFileState | null): void {
    if (state === null) this.boardFiles.delete(roomId);
    else this.boardFiles.set(roomId, { state, since: this.now() });
  }

  boardFileState(roomId: string): BoardFileState | null {
    return this.boardFiles.get(roomId)?.state ?? null;
  }

  /** Writes and removes a tiny file, so a read-only or full folder shows before anyone edits. */
  async probe(): Promise<void> {
    const file = join(this.dataDir, PROBE_FILE);
    try {
      await mkdir(this.dataDir, { recursive: true });
      await writeFile(file, 'madang');
      await rm(file, { force: true });
      this.wrote('probe', null);
    } catch (error) {
      this.wrote('probe', error);
    }
  }

  dataFolder(): 'ok' | StorageProblem {
    let newest: { problem: StorageProblem; since: number } | undefined;
    for (const entry of this.failing.values()) if (!newest || entry.since >= newest.since) newest = entry;
    return newest?.problem ?? 'ok';
  }

  /** The state of these rooms, with each one's newest version on the host. */
  status(roomIds: readonly string[], newestVersion: (roomId: string) => HostVersion | undefined): HostStorageStatus {
    const registryFails = this.failing.has('rooms') || this.failing.has('probe');
    return {
      dataFolder: this.dataFolder(),
      rooms: roomIds.map((roomId) => {
        const file = this.boardFiles.get(roomId);
        const newest = newestVersion(roomId);
        return {
          roomId,
          boardFile: file?.state ?? 'ok',
          ...(file ? { since: file.since } : {}),
          survivesRestart: !registryFails && !this.failing.has(`board:${roomId}`) && file?.state !== 'unreadable',
          ...(newest ? { newestVersion: newest } : {}),
        };
      }),
    };
  }
}
