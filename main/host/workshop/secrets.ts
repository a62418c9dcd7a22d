// What the host keeps out of the shared board until the facilitator reveals it: each voter's
// ballot of the current vote round and the private notes of the current private round, per room,
// in memory and in <dataDir>/workshop/<roomId>.json (temp file and rename, like the board), so a
// host restart keeps them.
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BallotSchema } from '../../../shared/workshop/vote';
import { PrivateNoteSchema } from '../../../shared/workshop/privateMode';
import type { Logger } from '../log';

const memberId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
export const RoomSecretsSchema = z.object({
  vote: z.object({ round: z.string(), ballots: z.record(memberId, BallotSchema.shape.dots) }).nullable(),
  private: z.object({ round: z.string(), anonymous: z.boolean(), notes: z.array(PrivateNoteSchema.extend({ memberId })) }).nullable(),
});
export type RoomSecrets = z.infer<typeof RoomSecretsSchema>;

export type SecretsFs = Pick<typeof fsPromises, 'readFile' | 'writeFile' | 'rename' | 'mkdir' | 'rm'>;

const WRITE_DELAY_MS = 200;

export class SecretsStore {
  private readonly dir: string;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private writing: Promise<void> = Promise.resolve();

  constructor(dataDir: string, private readonly log: Logger, private readonly fs: SecretsFs = fsPromises) {
    this.dir = join(dataDir, 'workshop');
  }

  private file(roomId: string): string {
    return join(this.dir, `${roomId}.json`);
  }

  /** The room's stored secrets; empty when there is no file or it cannot be read as ours. */
  async load(roomId: string): Promise<RoomSecrets> {
    try {
      const parsed = RoomSecretsSchema.safeParse(JSON.parse(await this.fs.readFile(this.file(roomId), 'utf8')));
      if (parsed.success) return parsed.data;
      this.log.warn('workshop.badSecrets', { roomId });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('workshop.loadFailed', { roomId, error });
    }
    return { vote: null, private: null };
  }

  /** Writes the room's secrets soon (changes within the delay coalesce). */
  schedule(roomId: string, read: () => RoomSecrets): void {
    clearTimeout(this.pending.get(roomId));
    const timer = setTimeout(() => this.write(roomId, read), WRITE_DELAY_MS);
    timer.unref?.();
    this.pending.set(roomId, timer);
    this.writeNow.set(roomId, read);
  }

  private readonly writeNow = new Map<string, () => RoomSecrets>();

  private write(roomId: string, read: () => RoomSecrets): Promise<void> {
    clearTimeout(this.pending.get(roomId));
    this.pending.delete(roomId);
    this.writeNow.delete(roomId);
    const text = JSON.stringify(read());
    const target = this.file(roomId);
    this.writing = this.writing.then(async () => {
      try {
        await this.fs.mkdir(this.dir, { recursive: true });
        await this.fs.writeFile(`${target}.tmp`, text, { mode: 0o600 });
        await this.fs.rename(`${target}.tmp`, target);
      } catch (error) {
        this.log.error('workshop.saveFailed', { roomId, error });
      }
    });
    return this.writing;
  }

  async flush(): Promise<void> {
    for (const [roomId, read] of [...this.writeNow]) void this.write(roomId, read);
    await this.writing;
  }

  async remove(roomId: string): Promise<void> {
    clearTimeout(this.pending.get(roomId));
    this.pending.delete(roomId);
    this.writeNow.delete(roomId);
    await this.writing;
    await this.fs.rm(this.file(roomId), { force: true });
  }
}
