// The roster's real names in the desktop app: sealed on disk, read back through the one IPC
// contract only by our own page, with session ids that cannot name another file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import type { Identity } from '../../shared/outcomes/participants';
import { createMemoryLogger } from '../host/log';
import type { SecretBox } from '../host/portal/forwarder';
import { tempDir } from '../host/testSupport';
import { createIpcHandlers } from './handlers';
import { IdentityVault } from './identities';
import { handleIpcCall, type IpcSenderEvent } from './ipc';

const box: SecretBox = {
  seal: async (plain) => Buffer.from(plain).toString('base64').split('').reverse().join(''),
  open: async (sealed) => Buffer.from(sealed.split('').reverse().join(''), 'base64').toString(),
};
const person = (id: string, name: string): Identity => ({ participant_id: id, real_name: name, contact: { channel: 'phone', value: '010-5555-1000' }, guardian: null });

let dir: ReturnType<typeof tempDir> | null = null;
afterEach(() => {
  dir?.remove();
  dir = null;
});

function appEvent(url = 'app://madang/'): IpcSenderEvent {
  const frame = { url, parent: null };
  return { sender: { mainFrame: frame }, senderFrame: frame } as unknown as IpcSenderEvent;
}

describe('IdentityVault', () => {
  it('keeps names sealed on disk and reads them back, one file per session, saves never lost', async () => {
    dir = tempDir('madang-identities-');
    const vault = new IdentityVault(dir.path, box);
    expect(vault.available()).toBe(true);
    await Promise.all([vault.save('s1', person('p1', '김민수')), vault.save('s1', person('p2', '이서연')), vault.save('s2', person('p1', '박지훈'))]);
    expect((await vault.list('s1')).map((i) => i.real_name).sort()).toEqual(['김민수', '이서연']);
    expect((await vault.list('s2')).map((i) => i.real_name)).toEqual(['박지훈']);
    for (const file of readdirSync(dir.path)) {
      const text = readFileSync(join(dir.path, file), 'utf8');
      expect(text).not.toMatch(/김민수|이서연|박지훈|010-5555/);
    }
    // The same person saved again replaces their entry.
    await vault.save('s1', person('p1', '김민수2'));
    expect((await vault.list('s1')).map((i) => i.real_name).sort()).toEqual(['김민수2', '이서연']);
  });

  it('stores nothing without an OS key store', async () => {
    dir = tempDir('madang-identities-');
    const vault = new IdentityVault(dir.path, null);
    expect(vault.available()).toBe(false);
    expect(await vault.save('s1', person('p1', '김민수'))).toBe(false);
    expect(await vault.list('s1')).toEqual([]);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('over IPC: only our page, and no session id that names another file', async () => {
    dir = tempDir('madang-identities-');
    const vault = new IdentityVault(dir.path, box);
    const handlers = createIpcHandlers({
      host: { info: () => ({ url: '', addresses: [], version: '' }), openRoom: async () => { throw new Error(); }, closeRoom: async () => false, renewJoinCode: async () => undefined, removeParticipant: async () => false, port: 0 },
      appInfo: () => ({ version: '0', locale: 'ko', automation: false }),
      discoverHosts: async () => [],
      identities: vault,
    });
    const log = createMemoryLogger();
    const save = (event: IpcSenderEvent, request: unknown) => handleIpcCall('identitiesSave', handlers.identitiesSave, event, [request], log);
    expect(await save(appEvent(), { sessionId: 's1', identity: person('p1', '김민수') })).toEqual({ ok: true, value: true });
    expect(await handleIpcCall('identitiesList', handlers.identitiesList, appEvent(), [{ sessionId: 's1' }], log)).toMatchObject({ ok: true, value: [{ real_name: '김민수' }] });
    expect(await handleIpcCall('identitiesList', handlers.identitiesList, appEvent('https://evil.example/'), [{ sessionId: 's1' }], log)).toEqual({ ok: false, error: 'error.forbidden' });
    for (const sessionId of ['../s1', 's1/../../x', '', 'a'.repeat(65)]) {
      expect(await save(appEvent(), { sessionId, identity: person('p1', 'x') })).toEqual({ ok: false, error: 'error.badRequest' });
    }
    expect(await save(appEvent(), { sessionId: 's1', identity: { ...person('p1', 'x'), extra: '<script>' } })).toMatchObject({ ok: true });
    expect(JSON.stringify(await vault.list('s1'))).not.toContain('<script>');
    expect(IPC_CHANNELS.identitiesSave).toBe('madang:identities:save');
  });
});
