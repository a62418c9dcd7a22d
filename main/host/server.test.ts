import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roomTopic, signalingUrl } from '../../shared/room/api';
import { createMemoryLogger, type MemoryLogger } from './log';
import { SECRET_FILE } from './members';
import { ROOMS_FILE } from './rooms';
import { createHost, type Host, type HostOptions } from './server';
import { fakeRenderer, tempDir, TestClient } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let log: MemoryLogger;
const hosts: Host[] = [];

beforeEach(() => {
  dir = tempDir();
  log = createMemoryLogger();
});
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  dir.remove();
});

async function start(extra: Partial<HostOptions> = {}): Promise<Host> {
  const host = await createHost({
    port: 0,
    bind: '127.0.0.1',
    dataDir: join(dir.path, 'data'),
    staticDir: fakeRenderer(join(dir.path, 'www')),
    version: 't',
    log,
    interfaces: () => ({}),
    ...extra,
  });
  hosts.push(host);
  return host;
}

const lan = () => ({
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  wlan0: [{ address: '192.168.0.23', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '11:22:33:44:55:66', internal: false, cidr: '192.168.0.23/24' }],
});

describe('host', () => {
  it('keeps rooms and their codes across a restart', async () => {
    const first = await start();
    const before = await first.openRoom({ sessionId: 'session-1', title: 'Day one' });
    await first.close();
    const files = readdirSync(join(dir.path, 'data'));
    expect(files).toEqual(expect.arrayContaining([SECRET_FILE, ROOMS_FILE]));
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]); // no temp file left behind

    const second = await start();
    const after = await second.openRoom({ sessionId: 'session-1', title: 'Day one' });
    expect(after.roomId).toBe(before.roomId);
    expect(after.joinCode).toBe(before.joinCode);
    // The old code and member token still open the signaling room after the restart.
    const c = new TestClient(signalingUrl(second.url, before.joinCode, before.memberToken));
    await c.subscribe(roomTopic(before.roomId));
    c.close();
    await c.closed;
  });

  it('moves a corrupt rooms.json aside and starts with no rooms', async () => {
    const data = join(dir.path, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, ROOMS_FILE), '{"version":1,"rooms":[{"roomId":');
    const host = await start();
    const aside = readdirSync(data).filter((name) => name.startsWith(`${ROOMS_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(data, aside[0] ?? ''), 'utf8')).toContain('"roomId":');
    expect(existsSync(join(data, ROOMS_FILE))).toBe(false);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'rooms.corrupt', level: 'warn' }));
    const room = await host.openRoom({ sessionId: 's', title: 't' });
    expect(room.joinCode).toHaveLength(6);
  });

  it('rejects with the original error code when the port is taken', async () => {
    const first = await start();
    await expect(start({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('uses the loopback address in join URLs when bound to loopback', async () => {
    const host = await start({ interfaces: lan, defaultRoom: { sessionId: 'default', title: 'Workshop' } });
    const room = await host.openRoom({ sessionId: 's', title: 't' });
    expect(host.defaultRoom()?.sessionId).toBe('default');
    expect(room.joinUrl).toBe(`http://127.0.0.1:${host.port}/?join=${room.joinCode}`);
    expect(host.info().addresses).toEqual([]);
  });
});

describe('a host whose rooms sync through an external server', () => {
  const syncServer = { kind: 'hocuspocus' as const, url: 'ws://10.0.0.5:4790' };

  it('hands the server to the facilitator (RoomInfo) and to each participant (the join ticket)', async () => {
    const host = await start({ syncServer });
    const room = await host.openRoom({ sessionId: 'session-1', title: '마을 지도' });
    expect(room.server).toEqual(syncServer);
    const res = await fetch(`${host.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: room.joinCode }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ roomId: room.roomId, server: syncServer });
  });

  it('lets the page connect to that origin, and to no other', async () => {
    const host = await start({ syncServer });
    const csp = (await fetch(`${host.url}/`)).headers.get('content-security-policy') ?? '';
    const connectSrc = csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? '';
    expect(connectSrc).toBe(`connect-src 'self' ws://127.0.0.1:${host.port} ws://10.0.0.5:4790`);
  });

  it('says nothing of a server when it has none: the hub syncs the room', async () => {
    const host = await start();
    const room = await host.openRoom({ sessionId: 'session-1', title: '마을 지도' });
    expect(room).not.toHaveProperty('server');
    const ticket = await (await fetch(`${host.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: room.joinCode }) })).json();
    expect(ticket).not.toHaveProperty('server');
    const csp = (await fetch(`${host.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('4790');
  });
});
