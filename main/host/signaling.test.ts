import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roomTopic, signalingUrl } from '../../shared/room/api';
import { CLOSE_CODES, SIGNALING_LIMITS } from '../../shared/signaling/protocol';
import { createMemoryLogger, type MemoryLogger } from './log';
import { createHost, type Host, type HostOptions } from './server';
import { fakeRenderer, tempDir, TestClient } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;
let log: MemoryLogger;
const clients: TestClient[] = [];

async function start(extra: Partial<HostOptions> = {}) {
  host = await createHost({
    port: 0,
    bind: '127.0.0.1',
    dataDir: dir.path,
    staticDir: fakeRenderer(`${dir.path}/www`),
    version: 'test',
    log,
    interfaces: () => ({}),
    ...extra,
  });
  const room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
  memberToken = room.memberToken;
  return { host, room, topic: roomTopic(room.roomId) };
}

/** The room's member token for sockets that present a code (the facilitator's: any valid one will do). */
let memberToken = '';

function client(h: Host, code: string | null, path?: string, token = memberToken): TestClient {
  const url = path ? `ws://127.0.0.1:${h.port}${path}` : code === null ? `ws://127.0.0.1:${h.port}/signal` : signalingUrl(h.url, code, token);
  const c = new TestClient(url);
  clients.push(c);
  return c;
}

beforeEach(() => {
  dir = tempDir();
  log = createMemoryLogger();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await host?.close();
  host = undefined;
  dir.remove();
});

describe('signaling', () => {
  it('relays a publish to every subscriber, the sender included, with the subscriber count (y-webrtc shape)', async () => {
    const { host, room, topic } = await start();
    const a = client(host, room.joinCode);
    const b = client(host, room.joinCode.toLowerCase());
    await a.subscribe(topic);
    await b.subscribe(topic);

    const data = { type: 'announce', from: 'peer-a' };
    a.send({ type: 'publish', topic, data });
    const expected = { type: 'publish', topic, data, clients: 2 };
    expect(await b.next()).toEqual(expected);
    expect(await a.next()).toEqual(expected);

    // After B unsubscribes, A's publish reaches only A.
    b.send({ type: 'unsubscribe', topics: [topic] });
    b.send({ type: 'ping' });
    expect(await b.next()).toEqual({ type: 'pong' });
    a.send({ type: 'publish', topic, data: 'second' });
    expect(await a.next()).toEqual({ type: 'publish', topic, data: 'second', clients: 1 });
  });

  it.each([
    ['malformed JSON', '{"type":"subscribe",'],
    ['an unknown message type', JSON.stringify({ type: 'shout', topic: 'x' })],
    ['a schema failure', JSON.stringify({ type: 'subscribe', topics: 'not-an-array' })],
  ])('closes with 4400 on %s and keeps serving others', async (_label, frame) => {
    const { host, room, topic } = await start();
    const bad = client(host, room.joinCode);
    await bad.opened;
    bad.send(frame);
    expect((await bad.closed).code).toBe(CLOSE_CODES.malformed);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'signal.rejected', code: 4400, remote: '127.0.0.1' }));

    const good = client(host, room.joinCode);
    await good.subscribe(topic);
  });

  it('closes with 4400 on a binary frame', async () => {
    const { host, room } = await start();
    const c = client(host, room.joinCode);
    await c.opened;
    c.ws.send(Buffer.from([1, 2, 3]));
    expect((await c.closed).code).toBe(CLOSE_CODES.malformed);
  });

  it('closes with 1009 on a frame over the size limit', async () => {
    const { host, room, topic } = await start();
    const c = client(host, room.joinCode);
    await c.subscribe(topic);
    c.send({ type: 'publish', topic, data: 'x'.repeat(SIGNALING_LIMITS.maxFrameBytes + 1) });
    expect((await c.closed).code).toBe(CLOSE_CODES.frameTooLarge);
    expect(log.entries).toContainEqual(expect.objectContaining({ event: 'signal.rejected', code: 1009 }));
  });

  it('refuses a socket without a code, or with a wrong one, with 4401', async () => {
    const { host, room } = await start();
    const wrong = room.joinCode === '222222' ? '333333' : '222222';
    expect((await client(host, null).closed).code).toBe(CLOSE_CODES.unauthorised);
    expect((await client(host, wrong).closed).code).toBe(CLOSE_CODES.unauthorised);
    expect((await client(host, 'nonsense').closed).code).toBe(CLOSE_CODES.unauthorised);
  });

  it('stops a guesser trying code after code with 4429', async () => {
    const { host } = await start();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await client(host, `ABC${'23456789ABC'[i]}EF`).closed).code);
    expect(codes.slice(0, 10).every((c) => c === CLOSE_CODES.unauthorised)).toBe(true);
    expect(codes[10]).toBe(CLOSE_CODES.rateLimited);
  });

  it('closes with 4403 on a topic of another room, or a publish without subscribing', async () => {
    const { host, room, topic } = await start();
    const other = await host.openRoom({ sessionId: 'session-2', title: 'Other' });
    const spy = client(host, room.joinCode);
    await spy.opened;
    spy.send({ type: 'subscribe', topics: [topic, roomTopic(other.roomId)] });
    expect((await spy.closed).code).toBe(CLOSE_CODES.forbiddenTopic);

    const sneaky = client(host, room.joinCode);
    await sneaky.opened;
    sneaky.send({ type: 'publish', topic, data: 'hi' });
    expect((await sneaky.closed).code).toBe(CLOSE_CODES.forbiddenTopic);
  });

  it('closes a 1,000-message flood with 4429 while a well-behaved client keeps working', async () => {
    // A frozen clock: the bucket never refills, so the outcome does not depend on speed.
    const { host, room, topic } = await start({ now: () => 1_000 });
    const good = client(host, room.joinCode);
    const flooder = client(host, room.joinCode);
    await flooder.subscribe(topic);
    await good.opened;

    for (let i = 0; i < 1000; i++) flooder.send({ type: 'publish', topic, data: { flood: i } });
    good.send({ type: 'subscribe', topics: [topic] });
    good.send({ type: 'publish', topic, data: { hello: 'from good' } });

    expect((await flooder.closed).code).toBe(CLOSE_CODES.rateLimited);
    const own = await good.waitFor((m) => (m.data as { hello?: string }).hello === 'from good');
    expect(own.type).toBe('publish');

    // Still subscribed and served after the flooder is gone.
    good.send({ type: 'publish', topic, data: { hello: 'again' } });
    expect(await good.waitFor((m) => (m.data as { hello?: string }).hello === 'again')).toMatchObject({ clients: 1 });
    const health = await fetch(`${host.url}/api/health`);
    expect(await health.json()).toEqual({ ok: true, version: 'test' });
    expect(log.entries.filter((e) => e.event === 'signal.rejected' && e.code === 4429)).toHaveLength(1);
  });

  it('caps sockets per room (4409) and in total (4503)', async () => {
    const { host, room } = await start({ signalingLimits: { maxSocketsPerRoom: 2, maxSockets: 3 } });
    const other = await host.openRoom({ sessionId: 'session-2', title: 'Other' });
    const first = client(host, room.joinCode);
    const second = client(host, room.joinCode);
    await Promise.all([first.opened, second.opened]);
    // Pings prove the server registered both before the next one comes.
    for (const c of [first, second]) {
      c.send({ type: 'ping' });
      await c.next();
    }
    expect((await client(host, room.joinCode).closed).code).toBe(CLOSE_CODES.roomFull);
    const third = client(host, other.joinCode, undefined, other.memberToken);
    await third.opened;
    third.send({ type: 'ping' });
    await third.next();
    expect((await client(host, other.joinCode, undefined, other.memberToken).closed).code).toBe(CLOSE_CODES.serverFull);
  });

  it('closes the sockets of a closed room with 4401, and its code stops working', async () => {
    const { host, room, topic } = await start();
    const c = client(host, room.joinCode);
    await c.subscribe(topic);
    expect(await host.closeRoom(room.roomId)).toBe(true);
    expect((await c.closed).code).toBe(CLOSE_CODES.unauthorised);
    expect((await client(host, room.joinCode).closed).code).toBe(CLOSE_CODES.unauthorised);
  });

  it('drops a socket that stops answering pings', async () => {
    const { host, room } = await start({ signalingLimits: { heartbeatMs: 100 } });
    const silent = new TestClient(signalingUrl(host.url, room.joinCode, room.memberToken), { autoPong: false });
    clients.push(silent);
    const lively = client(host, room.joinCode);
    await Promise.all([silent.opened, lively.opened]);
    expect((await silent.closed).code).toBe(1006); // terminated, no close frame
    expect(lively.ws.readyState).toBe(lively.ws.OPEN);
  });

  it('refuses WebSocket upgrades on any other path', async () => {
    const { host, room } = await start();
    const c = client(host, room.joinCode, `/api/health?code=${room.joinCode}`);
    expect((await c.failed).message).toMatch(/404/);
  });

  it('says goodbye with 1001 when the host stops', async () => {
    const { host: h, room, topic } = await start();
    const c = client(h, room.joinCode);
    await c.subscribe(topic);
    await h.close();
    expect((await c.closed).code).toBe(CLOSE_CODES.goingAway);
  });
});
