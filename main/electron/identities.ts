// Real names and contacts of a session's roster on the facilitator's machine, apart from everything
// else: one file per session, its JSON sealed whole by the SecretBox (safeStorage). Without a box
// (no OS key store) nothing is stored, and the app does not ask for them.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { identitySchema, type Identity } from '../../shared/outcomes/participants';
import type { SecretBox } from '../host/portal/forwarder';

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const fileSchema = z.array(identitySchema);

export class IdentityVault {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string, private readonly secrets: SecretBox | null) {}

  available(): boolean {
    return this.secrets !== null;
  }

  private path(sessionId: string): string {
    // The IPC contract checks this too; a file name is never built from anything else.
    if (!SESSION_ID.test(sessionId)) throw new Error('bad session id');
    return join(this.dir, `${sessionId}.sealed`);
  }

  async list(sessionId: string): Promise<Identity[]> {
    if (!this.secrets) return [];
    let sealed: string;
    try {
      sealed = await readFile(this.path(sessionId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return fileSchema.parse(JSON.parse(await this.secrets.open(sealed)));
  }

  /** Adds or replaces one person's identity; false when nothing can be stored here. */
  save(sessionId: string, identity: Identity): Promise<boolean> {
    const secrets = this.secrets;
    if (!secrets) return Promise.resolve(false);
    // One write at a time, so two saves never lose each other's person.
    const next = this.writing.then(async () => {
      const others = (await this.list(sessionId)).filter((i) => i.participant_id !== identity.participant_id);
      const path = this.path(sessionId);
      await mkdir(this.dir, { recursive: true });
      await writeFile(`${path}.tmp`, await secrets.seal(JSON.stringify([...others, identity])), { mode: 0o600 });
      await rename(`${path}.tmp`, path);
      return true;
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}
