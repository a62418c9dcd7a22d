// The rooms this host has open, keyed by a random room id, one per session. Persisted to
// <dataDir>/rooms.json so join codes printed on paper survive a restart of the host. The
// facilitator may renew a room's code: the old one then admits nobody new, while the people
// already in (their member ids were admitted) may still use it to reconnect after a drop.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RoomTicketSchema, type OpenRoomRequest } from '../../shared/room/api';
import { generateJoinCode, normalizeJoinCode } from '../../shared/room/joinCode';
import type { Logger } from './log';

export const ROOMS_FILE = 'rooms.json';

const RoomRecordSchema = RoomTicketSchema.extend({
  joinCode: z.string().refine((code) => normalizeJoinCode(code) === code, 'not a join code'),
  createdAt: z.string(),
});
export type RoomRecord = z.infer<typeof RoomRecordSchema>;

const RoomsFileSchema = z
  .object({ version: z.literal(1), rooms: z.array(RoomRecordSchema) })
  .refine((file) => {
    const unique = (key: keyof RoomRecord) => new Set(file.rooms.map((r) => r[key])).size === file.rooms.length;
    return unique('roomId') && unique('sessionId') && unique('joinCode');
  }, 'duplicate room, session or code');

export type RoomRegistryOptions = {
  dataDir: string;
  log: Logger;
  /** Injectable for tests; defaults to a random six-character code. */
  newJoinCode?: () => string;
  /** Told the outcome of every write of rooms.json (null: written), for the facilitator's app. */
  onWrite?: (error: unknown) => void;
};

/** Codes a room had before its last renewals, still good for reconnecting its members. */
const RETIRED_CODES_KEPT = 4;
/** Member ids remembered per room, for reconnecting with a retired code. */
const ADMITTED_KEPT = 2000;

export class RoomRegistry {
  private readonly rooms = new Map<string, RoomRecord>();
  // In memory only: after a host restart everyone reconnects with the current code or joins again.
  private readonly retired = new Map<string, { codes: string[]; members: Set<string> }>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly options: RoomRegistryOptions) {}

  /** Loads rooms.json; a missing file means no rooms, a corrupt one is moved aside. */
  static async load(options: RoomRegistryOptions): Promise<RoomRegistry> {
    const registry = new RoomRegistry(options);
    await registry.restore();
    return registry;
  }

  private get file(): string {
    return join(this.options.dataDir, ROOMS_FILE);
  }

  list(): RoomRecord[] {
    return [...this.rooms.values()];
  }

  get(roomId: string): RoomRecord | undefined {
    return this.rooms.get(roomId);
  }

  /**
   * Finds the room of what a person typed (any case, spaces, dashes). A code renewed away finds
   * its room only for a member the room admitted before (`memberId`), so nobody new gets in.
   */
  findByCode(input: string, memberId?: string | null): RoomRecord | undefined {
    const code = normalizeJoinCode(input);
    if (code === null) return undefined;
    const current = this.list().find((room) => room.joinCode === code);
    if (current || !memberId) return current;
    for (const [roomId, { codes, members }] of this.retired) if (codes.includes(code) && members.has(memberId)) return this.rooms.get(roomId);
    return undefined;
  }

  /** A member's socket was let into the room: it may reconnect with this code after a renewal. */
  admit(roomId: string, memberId: string): void {
    if (!this.rooms.has(roomId)) return;
    let entry = this.retired.get(roomId);
    if (!entry) this.retired.set(roomId, (entry = { codes: [], members: new Set() }));
    if (entry.members.size >= ADMITTED_KEPT) return;
    entry.members.add(memberId);
  }

  /** Gives the room a new code; the old one admits only members already in. Undefined: no such room. */
  async renewCode(roomId: string): Promise<RoomRecord | undefined> {
    const room = this.rooms.get(roomId);
    if (!room) return undefined;
    const old = room.joinCode;
    room.joinCode = this.uniqueCode();
    let entry = this.retired.get(roomId);
    if (!entry) this.retired.set(roomId, (entry = { codes: [], members: new Set() }));
    entry.codes = [old, ...entry.codes].slice(0, RETIRED_CODES_KEPT);
    await this.persist();
    return { ...room };
  }

  findBySession(sessionId: string): RoomRecord | undefined {
    return this.list().find((room) => room.sessionId === sessionId);
  }

  /** Idempotent per session: the same room and code again, with the title updated. */
  async open(request: OpenRoomRequest): Promise<RoomRecord> {
    const existing = this.findBySession(request.sessionId);
    if (existing) {
      if (existing.title !== request.title) {
        existing.title = request.title;
        await this.persist();
      }
      return { ...existing };
    }
    const room: RoomRecord = {
      roomId: randomBytes(12).toString('base64url'),
      sessionId: request.sessionId,
      title: request.title,
      joinCode: this.uniqueCode(),
      createdAt: new Date().toISOString(),
    };
    this.rooms.set(room.roomId, room);
    await this.persist();
    return { ...room };
  }

  async close(roomId: string): Promise<boolean> {
    this.retired.delete(roomId);
    if (!this.rooms.delete(roomId)) return false;
    await this.persist();
    return true;
  }

  /** Resolves when every write started so far has finished. */
  flush(): Promise<void> {
    return this.writing;
  }

  private uniqueCode(): string {
    const generate = this.options.newJoinCode ?? (() => generateJoinCode());
    // 31^6 codes: a clash is a one-in-hundreds-of-millions event, so a few tries suffice.
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = generate();
      const retired = [...this.retired.values()].some((entry) => entry.codes.includes(code));
      if (!this.findByCode(code) && !retired) return code;
    }
    throw new Error('could not find an unused join code');
  }

  private async restore(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.log.error('rooms.readFailed', { file: this.file, error });
      return;
    }
    let parsed: z.infer<typeof RoomsFileSchema> | undefined;
    try {
      const result = RoomsFileSchema.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      // not JSON: handled below like a schema failure
    }
    if (parsed) {
      for (const room of parsed.rooms) this.rooms.set(room.roomId, room);
      return;
    }
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.file, aside);
      this.options.log.warn('rooms.corrupt', { file: this.file, movedTo: aside });
    } catch (error) {
      this.options.log.error('rooms.corrupt', { file: this.file, error });
    }
  }

  // Writes are queued so they land in order; each one writes the state at the time it runs.
  // A failed write is logged and the rooms stay open in memory: the workshop goes on.
  private persist(): Promise<void> {
    this.writing = this.writing.then(() =>
      this.write().then(
        () => this.options.onWrite?.(null),
        (error: unknown) => {
          this.options.log.error('rooms.writeFailed', { file: this.file, error });
          this.options.onWrite?.(error);
        },
      ),
    );
    return this.writing;
  }

  private async write(): Promise<void> {
    await mkdir(this.options.dataDir, { recursive: true });
    const temp = `${this.file}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify({ version: 1, rooms: this.list() }, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
