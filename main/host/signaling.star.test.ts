// Star routing: with a hub, what participants publish goes to the hub only, and the hub's
// signals reach exactly one participant. A fake hub records what reaches it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roomTopic } from '../../shared/room/api';
import { CLOSE_CODES } from '../../shared/signaling/protocol';
import { createMemoryLogger } from './log';
import { createSignaling, type Signaling, type StarRouter } from './signaling';
import { TestClient } from './testSupport';

const ROOM = 'room-1';
const CODE = 'ABCDEF';
const topic = roomTopic(ROOM);

let server: Server;
let signaling: Signaling;
let port: number;
let calls: Array<[string, ...unknown[]]>;
const removed = new Set<string>();
const clients: TestClient[] = [];

const router: StarRouter = {
  announce: (roomId, peerId, actor) => calls.push(['announce', roomId, peerId, actor.memberId]),
  signal: (roomId, from, to, signal) => calls.push(['signal', roomId, from, to, signal]),
  left: (roomId, peerId) => calls.push(['left', roomId, peerId]),
  isRemoved: (_roomId, memberId) => removed.has(memberId),
};

/** Member tokens here are plain member ids (the test's `member` check below); the real ones are main/host/members.ts. */
function client(member = 'anyone'): TestClient {
  const c = new TestClient(`ws://127.0.0.1:${port}/signal?code=${CODE}&member=${member}`);
  clients.push(c);
  return c;
}

/** A ping answered means every frame this socket sent before it has been handled. */
async function settled(c: TestClient): Promise<unknown[]> {
  c.send({ type: 'ping' });
  const seen: unknown[] = [];
  for (;;) {
    const message = (await c.next()) as { type: string };
    if (message.type === 'pong') return seen;
    seen.push(message);
  }
}

beforeEach(async () => {
  calls = [];
  removed.clear();
  signaling = createSignaling({ authorise: (code) => (code === CODE ? { roomId: ROOM } : undefined), log: createMemoryLogger(), star: router, member: (_roomId, token) => (token ? { memberId: token, role: 'participant' } : null) });
  server = createServer();
  server.on('upgrade', (req, socket, head) => signaling.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await signaling.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('star routing', () => {
  it('gives a participant\'s announce and signals to the hub only, never to other participants', async () => {
    const a = client('member-a');
    const b = client();
    await a.subscribe(topic);
    await b.subscribe(topic);
    a.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-a' } });
    a.send({ type: 'publish', topic, data: { type: 'signal', from: 'peer-a', to: 'peer-b', signal: { type: 'answer', sdp: 'v=0' } } });
    await settled(a);
    expect(calls).toEqual([
      ['announce', ROOM, 'peer-a', 'member-a'],
      ['signal', ROOM, 'peer-a', 'peer-b', { type: 'answer', sdp: 'v=0' }],
    ]);
    expect(await settled(b)).toEqual([]);
  });

  it('delivers the hub\'s signal to the one participant it is for', async () => {
    const a = client();
    const b = client();
    await a.subscribe(topic);
    await b.subscribe(topic);
    a.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-a' } });
    b.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-b' } });
    await settled(a);
    await settled(b);

    const offer = { type: 'signal', to: 'peer-a', from: 'hub-1', token: 1, signal: { type: 'offer', sdp: 'v=0' } };
    expect(signaling.toPeer(ROOM, 'peer-a', offer)).toBe(true);
    expect(signaling.toPeer(ROOM, 'nobody', offer)).toBe(false);
    expect(await settled(a)).toEqual([{ type: 'publish', topic, data: offer }]);
    expect(await settled(b)).toEqual([]);
  });

  it('does not let a socket speak as another socket\'s peer', async () => {
    const a = client();
    const mallory = client();
    await a.subscribe(topic);
    await mallory.subscribe(topic);
    a.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-a' } });
    await settled(a);
    mallory.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-a' } });
    mallory.send({ type: 'publish', topic, data: { type: 'signal', from: 'peer-a', to: 'hub-1', signal: { type: 'answer' } } });
    await settled(mallory);
    expect(calls.filter(([kind]) => kind !== 'left')).toEqual([['announce', ROOM, 'peer-a', 'anyone']]);
    // The hub's answer still reaches the real peer-a.
    expect(signaling.toPeer(ROOM, 'peer-a', { type: 'signal' })).toBe(true);
    expect(await settled(a)).toHaveLength(1);
  });

  it('closes a socket publishing something that is neither an announce nor a signal with 4400', async () => {
    const a = client();
    await a.subscribe(topic);
    a.send({ type: 'publish', topic, data: { type: 'signal', from: 'peer-a', to: 'x'.repeat(500), signal: {} } });
    expect((await a.closed).code).toBe(CLOSE_CODES.malformed);
  });

  it('tells the hub when a participant\'s socket goes, and refuses a removed member with 4403', async () => {
    const a = client('member-a');
    await a.subscribe(topic);
    a.send({ type: 'publish', topic, data: { type: 'announce', from: 'peer-a' } });
    await settled(a);
    removed.add('member-a');
    signaling.closeMember(ROOM, 'member-a');
    expect((await a.closed).code).toBe(CLOSE_CODES.forbiddenTopic);
    expect(calls).toContainEqual(['left', ROOM, 'peer-a']);
    expect((await client('member-a').closed).code).toBe(CLOSE_CODES.forbiddenTopic);
    // Somebody else with the same code still gets in.
    await client('member-b').subscribe(topic);
  });
});
