// Member tokens: who a participant is, issued by the host at join and never made up by a client.
// A token is `<memberId>.<role>.<mac>`, the MAC an HMAC of room, member and role under a secret
// kept in the data folder, so tokens survive a restart of the host and cannot be forged or
// carried to another room. Only the facilitator's own machine is given a facilitator token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, MemberRole } from '../../shared/board/policy';
import { MemberTokenSchema } from '../../shared/room/api';

export const SECRET_FILE = 'member-secret';

const ROLE_CODE: Record<MemberRole, string> = { facilitator: 'f', participant: 'p' };
const ROLE_OF: Record<string, MemberRole> = { f: 'facilitator', p: 'participant' };

export class MemberTokens {
  private constructor(private readonly secret: Buffer) {}

  /** Reads the data folder's secret, or makes one (0600) on first start. */
  static async load(dataDir: string): Promise<MemberTokens> {
    const file = join(dataDir, SECRET_FILE);
    try {
      const text = (await readFile(file, 'utf8')).trim();
      if (/^[0-9a-f]{64}$/.test(text)) return new MemberTokens(Buffer.from(text, 'hex'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const secret = randomBytes(32);
    await mkdir(dataDir, { recursive: true });
    const handle = await open(file, 'w', 0o600);
    try {
      await handle.writeFile(`${secret.toString('hex')}\n`);
    } finally {
      await handle.close();
    }
    return new MemberTokens(secret);
  }

  /** For tests: a fixed secret, nothing on disk. */
  static ephemeral(): MemberTokens {
    return new MemberTokens(randomBytes(32));
  }

  /** A new participant of the room. */
  issueParticipant(roomId: string): string {
    return this.token(roomId, randomBytes(12).toString('base64url'), 'participant');
  }

  /** The facilitator of the room: the same member across reopenings, so what they made stays theirs. */
  issueFacilitator(roomId: string): string {
    const memberId = `f${this.mac(`facilitator\n${roomId}`).subarray(0, 12).toString('base64url')}`;
    return this.token(roomId, memberId, 'facilitator');
  }

  /** Who the token says, when it was issued by this host for this room; null otherwise. */
  verify(roomId: string, token: unknown): Actor | null {
    const parsed = MemberTokenSchema.safeParse(token);
    if (!parsed.success) return null;
    const [memberId, roleCode, mac] = parsed.data.split('.') as [string, string, string];
    const role = ROLE_OF[roleCode];
    if (!role) return null;
    const expected = Buffer.from(this.macOf(roomId, memberId, role));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { memberId, role };
  }

  private token(roomId: string, memberId: string, role: MemberRole): string {
    return `${memberId}.${ROLE_CODE[role]}.${this.macOf(roomId, memberId, role)}`;
  }

  private macOf(roomId: string, memberId: string, role: MemberRole): string {
    return this.mac(`member\n${roomId}\n${memberId}\n${role}`).subarray(0, 16).toString('base64url');
  }

  private mac(text: string): Buffer {
    return createHmac('sha256', this.secret).update(text).digest();
  }
}
