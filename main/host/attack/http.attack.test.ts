// The host's HTTP surface and its log under attack (issue 8): security headers on every
// response, not only the app's page; /remote/ only for this machine addressed by a loopback
// name; malformed Yjs updates counted and cut like other garbage, and a log of one JSON object
// per line whatever arrives.
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { updateMessage } from '../../../shared/sync/protocol';
import { createLogger, type Logger } from '../log';
import { relaySocket, startTestHost, type Socket, type TestHost } from './support';

let t: TestHost;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await t.dispose();
  vi.restoreAllMocks();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined> };

/** A raw HTTP request, so the Host header can be anything. */
function ask(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What the host answers an upgrade to a path nobody serves (written straight to the socket). */
function refusedUpgrade(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    });
    let text = '';
    socket.on('data', (chunk) => (text += String(chunk)));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('security headers', () => {
  it('are on every response: JSON, errors, assets, HEAD, preflight and refused upgrades (were only on HTML)', async () => {
    t = await startTestHost();
    const base = t.host.url;
    const answers: Array<[string, Answer]> = [
      ['health', await ask(`${base}/api/health`)],
      ['HEAD health', await ask(`${base}/api/health`, { method: 'HEAD' })],
      ['unknown API route', await ask(`${base}/api/nothing`)],
      ['bad JSON', await ask(`${base}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
      ['wrong method', await ask(`${base}/api/join`)],
      ['foreign preflight', await ask(`${base}/api/rooms`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } })],
      ['forbidden', await ask(`${base}/api/rooms`, { method: 'POST', headers: { host: 'evil.example' }, body: '{}' })],
      ['too large', await ask(`${base}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(20_000) })],
      ['asset', await ask(`${base}/assets/index-abc123.js`)],
      ['missing file', await ask(`${base}/missing.png`)],
      ['remote proxy refusal', await ask(`${base}/remote/8.8.8.8:80/api/join`, { method: 'POST', body: '{}' })],
    ];
    for (const [what, answer] of answers) {
      expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
      expect(answer.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
    }
    // The app's page keeps its own policy, which lets it run its scripts.
    expect((await ask(`${base}/`)).headers['content-security-policy']).toContain("script-src 'self'");
    const upgrade = await refusedUpgrade(t.host.port, '/nowhere');
    expect(upgrade).toMatch(/^HTTP\/1\.1 404/);
    expect(upgrade).toMatch(/X-Content-Type-Options: nosniff/i);
    expect(upgrade).toMatch(/Content-Security-Policy: .*frame-ancestors 'none'/i);
  });
});

describe('/remote/', () => {
  it('refuses a loopback caller that names the host by anything but a loopback name (DNS rebinding)', async () => {
    t = await startTestHost({ remoteTargets: () => true });
    const path = `/remote/127.0.0.1:${t.host.port}/api/join`;
    const rebound = await ask(`${t.host.url}${path}`, { method: 'POST', headers: { host: `attacker.example:${t.host.port}`, 'content-type': 'application/json' }, body: JSON.stringify({ code: t.room.joinCode }) });
    expect(rebound.status).toBe(403);
    const local = await ask(`${t.host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: t.room.joinCode }) });
    expect(local.status).toBe(200);
    // The sockets too: an upgrade through a rebound name is refused before any proxying.
    const upgrade = await new Promise<string>((resolve) => {
      const socket = connect(t.host.port, '127.0.0.1', () =>
        socket.write(`GET /remote/127.0.0.1:${t.host.port}/signal HTTP/1.1\r\nHost: attacker.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk) => (text += String(chunk)));
      socket.on('close', () => resolve(text));
    });
    expect(upgrade).toMatch(/^HTTP\/1\.1 403/);
  });
});

describe('malformed Yjs updates', () => {
  it('are counted, cut after 16 like other garbage, and logged as single JSON lines (y-protocols printed stacks)', async () => {
    const lines: string[] = [];
    const log: Logger = createLogger((line) => lines.push(line));
    t = { ...(await startTestHost({ log })) };
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const board = new Y.Doc();
    board.getMap('records').set('note', 'a note with some text in it');
    const valid = Y.encodeStateAsUpdate(board);
    // A well-framed sync message whose update is cut short: Yjs cannot apply it.
    const broken = updateMessage(valid.subarray(0, Math.floor(valid.byteLength / 2)));

    const attacker = relaySocket(t.host, t.room.roomId, t.room.joinCode);
    sockets.push(attacker);
    await attacker.next();
    for (let i = 0; i < 16; i++) await attacker.send(broken);
    expect(await attacker.closed).toBe(1001);
    expect(t.host.hubStats().rejected).toBe(16);
    expect(printed).not.toHaveBeenCalled();
    const bad = lines.filter((line) => line.includes('hub.badMessage'));
    expect(bad).toHaveLength(16);
    for (const line of lines) {
      expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
  });
});
