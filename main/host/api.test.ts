import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_BODY_LIMIT_BYTES, JoinTicketSchema, memberOfToken, RoomInfoSchema, removeParticipantRoute, type RoomInfo } from '../../shared/room/api';
import { messages } from '../../shared/i18n';
import { formatJoinCode } from '../../shared/room/joinCode';
import { createApiHandler, type ApiDeps } from './api';
import { FailureLimiter } from './limiter';
import { createMemoryLogger, type MemoryLogger } from './log';
import { createHost, type Host } from './server';
import { fakeRenderer, tempDir } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let log: MemoryLogger;
let extraServer: Server | undefined;

beforeEach(async () => {
  dir = tempDir();
  log = createMemoryLogger();
  host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: '1.2.3', log, interfaces: () => ({}) });
});

afterEach(async () => {
  await host.close();
  if (extraServer) await new Promise((resolve) => extraServer?.close(resolve));
  extraServer = undefined;
  dir.remove();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function openRoom(sessionId = 'session-1', title = 'Jeonju market'): Promise<RoomInfo> {
  const res = await post('/api/rooms', { sessionId, title });
  expect(res.status).toBe(200);
  return RoomInfoSchema.parse(await res.json());
}

/** A raw request, for headers fetch will not send and bodies without a length. */
function raw(port: number, options: { method: string; path: string; headers?: Record<string, string>; chunks?: string[] }): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('host API', () => {
  it('answers health and host info, never cached', async () => {
    const res = await fetch(`${host.url}/api/health`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ ok: true, version: '1.2.3' });
    const info = await (await fetch(`${host.url}/api/host`)).json();
    expect(info).toEqual({ url: host.url, addresses: [], version: '1.2.3' });
  });

  it('gives the facilitator\'s machine the hub\'s message counters', async () => {
    const stats = (await (await fetch(`${host.url}/api/stats`)).json()) as { hub: unknown };
    expect(stats.hub).toMatchObject({ messagesIn: 0, messagesOut: 0, rooms: 0, links: 0 });
  });

  it('opens a room from this machine, idempotently per session with the title updated', async () => {
    const first = await openRoom('session-1', 'Before');
    expect(first.qrSvg).toMatch(/^<svg /);
    expect(first.joinUrl).toBe(`${host.url}/?join=${first.joinCode}`);
    const again = await openRoom('session-1', 'After');
    expect(again).toMatchObject({ roomId: first.roomId, joinCode: first.joinCode, title: 'After' });
    const other = await openRoom('session-2', 'Other');
    expect(other.roomId).not.toBe(first.roomId);
    expect(other.joinCode).not.toBe(first.joinCode);
  });

  it('lets a participant join with the code typed in lower case with a space', async () => {
    const room = await openRoom();
    const res = await post('/api/join', { code: formatJoinCode(room.joinCode).toLowerCase() });
    expect(res.status).toBe(200);
    const ticket = JoinTicketSchema.parse(await res.json());
    expect(ticket).toMatchObject({ roomId: room.roomId, sessionId: 'session-1', title: 'Jeonju market', joinCode: room.joinCode });
    expect(memberOfToken(ticket.memberToken)).toMatchObject({ role: 'participant' });
  });

  it('answers a wrong code with 404 join.invalidCode, and 429 after ten failures, even for the right code', async () => {
    const room = await openRoom();
    const wrong = room.joinCode === '222222' ? '333333' : '222222';
    for (let i = 0; i < 10; i++) {
      const res = await post('/api/join', { code: i % 2 ? wrong : 'not a code' });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'join.invalidCode' });
    }
    const blocked = await post('/api/join', { code: room.joinCode });
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ error: 'join.tooManyAttempts' });
  });

  it('refuses a body over the limit with 413, with or without a declared length', async () => {
    const big = JSON.stringify({ code: 'x'.repeat(API_BODY_LIMIT_BYTES) });
    const declared = await post('/api/join', big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'error.tooLarge' });

    const chunk = 'x'.repeat(4096);
    const streamed = await raw(host.port, { method: 'POST', path: '/api/join', headers: { 'transfer-encoding': 'chunked' }, chunks: Array.from({ length: 8 }, () => chunk) });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual({ error: 'error.tooLarge' });
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
  });

  it('answers bad JSON and schema failures with 400, unknown routes with 404', async () => {
    const badJson = await post('/api/join', '{"code":');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: 'error.badRequest' });
    const badShape = await post('/api/rooms', { sessionId: 'has spaces!', title: '' });
    expect(badShape.status).toBe(400);
    const unknown = await fetch(`${host.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'error.notFound' });
    const wrongMethod = await fetch(`${host.url}/api/join`);
    expect(wrongMethod.status).toBe(405);
  });

  it('closes a room from this machine; its code no longer joins', async () => {
    const room = await openRoom();
    const del = (id: string) => fetch(`${host.url}/api/rooms/${id}`, { method: 'DELETE' }).then((r) => r.json());
    expect(await del(room.roomId)).toEqual({ closed: true });
    expect(await del(room.roomId)).toEqual({ closed: false });
    expect((await post('/api/join', { code: room.joinCode })).status).toBe(404);
  });

  it('answers removing someone who is not in the room with 404 error.notFound', async () => {
    const room = await openRoom();
    const res = await post(removeParticipantRoute(room.roomId), { clientId: 123456 });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'error.notFound' });
    expect((await post(removeParticipantRoute('no-such-room'), { clientId: 1 })).status).toBe(404);
  });

  it('refuses room changes from a page of another origin, or under a rebound host name', async () => {
    const crossSite = await post('/api/rooms', { sessionId: 's', title: 't' }, { origin: 'http://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({ error: 'error.forbidden' });
    const rebound = await raw(host.port, { method: 'POST', path: '/api/rooms', headers: { host: 'evil.example:4780', 'content-type': 'application/json' }, chunks: ['{"sessionId":"s","title":"t"}'] });
    expect(rebound.status).toBe(403);
    // The Electron app's own origin may call the API, CORS included.
    const app = await post('/api/rooms', { sessionId: 's', title: 't' }, { origin: 'app://madang' });
    expect(app.status).toBe(200);
    expect(app.headers.get('access-control-allow-origin')).toBe('app://madang');
    const preflight = await fetch(`${host.url}/api/join`, { method: 'OPTIONS', headers: { origin: 'app://madang', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
  });
});

describe('API handler with its local check injected', () => {
  async function serve(overrides: Partial<ApiDeps>): Promise<string> {
    const deps: ApiDeps = {
      version: 'x',
      info: () => ({ url: 'http://127.0.0.1', addresses: [], version: 'x' }),
      openRoom: () => Promise.reject(new Error('not reached')),
      closeRoom: () => Promise.resolve(true),
      removeParticipant: () => Promise.resolve(true),
      findRoomByCode: () => undefined,
      memberTokenFor: () => 'member.p.aaaaaaaaaaaaaaaaaaaaaa',
      joinFailures: new FailureLimiter(),
      log,
      ...overrides,
    };
    const handler = createApiHandler(deps);
    extraServer = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => extraServer?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(extraServer.address() as AddressInfo).port}`;
  }

  it('gives a participant device 403 error.forbidden on room routes, but lets it join', async () => {
    const url = await serve({ isLocalRequest: () => false });
    const open = await fetch(`${url}/api/rooms`, { method: 'POST', body: JSON.stringify({ sessionId: 's', title: 't' }) });
    expect(open.status).toBe(403);
    expect(await open.json()).toEqual({ error: 'error.forbidden' });
    expect((await fetch(`${url}/api/rooms/abc`, { method: 'DELETE' })).status).toBe(403);
    const remove = await fetch(`${url}/api/rooms/abc/remove`, { method: 'POST', body: '{"clientId":1}' });
    expect(remove.status).toBe(403);
    expect(await remove.json()).toEqual({ error: 'error.forbidden' });
    expect((await fetch(`${url}/api/stats`)).status).toBe(403);
    expect((await fetch(`${url}/api/join`, { method: 'POST', body: '{"code":"ABCDEF"}' })).status).toBe(404);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'api.forbidden', remote: '127.0.0.1' }));
  });

  it('removes a participant for the facilitator: 200, 404 when nobody was removed, 400 on a bad body', async () => {
    const removeParticipant = vi.fn(async (roomId: string, clientId: number) => roomId === 'room-1' && clientId === 42);
    const url = await serve({ isLocalRequest: () => true, removeParticipant });
    const remove = (roomId: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${url}${removeParticipantRoute(roomId)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

    const ok = await remove('room-1', { clientId: 42 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ removed: true });
    expect(removeParticipant).toHaveBeenCalledWith('room-1', 42);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'room.participantRemoved', roomId: 'room-1', clientId: 42 }));

    const missing = await remove('room-1', { clientId: 7 });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'error.notFound' });

    removeParticipant.mockClear();
    for (const bad of ['{"clientId":', { clientId: -1 }, { clientId: 1.5 }, { clientId: '42' }, {}, { clientId: 2 ** 32 }]) {
      const res = await remove('room-1', bad);
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: 'error.badRequest' };
      expect(error).toBe('error.badRequest');
      // An i18n key the client shows translated, never prose.
      expect(messages.ko[error]).toBeTruthy();
      expect(messages.en[error]).toBeTruthy();
    }
    expect(removeParticipant).not.toHaveBeenCalled();

    expect((await fetch(`${url}${removeParticipantRoute('room-1')}`)).status).toBe(405);
    // A page of another origin open on the facilitator's machine may not remove anyone.
    expect((await remove('room-1', { clientId: 42 }, { origin: 'http://evil.example' })).status).toBe(403);
    expect(removeParticipant).not.toHaveBeenCalled();
  });

  it('turns a thrown error into 500 error.internal, logs it and keeps serving', async () => {
    const url = await serve({ isLocalRequest: () => true, openRoom: () => Promise.reject(new Error('disk on fire')) });
    const res = await fetch(`${url}/api/rooms`, { method: 'POST', body: JSON.stringify({ sessionId: 's', title: 't' }) });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'error.internal' });
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'api.error', level: 'error' }));
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });
});
