// Announce storms through signaling, as measured in issue 8 (5 sockets announcing fresh peer ids
// within the per-socket message limit froze /api/health for 8–10 s; 20 sockets for ~75 s; RSS
// 76 → 491 MB and never back), against a real host on loopback whose hub runs real WebRTC. Each
// announce used to cost the hub a new RTCPeerConnection; now announces are bounded per socket,
// per address and per room, and peer connections per room and in all.
import wrtc from '@roamhq/wrtc';
import { afterEach, describe, expect, it } from 'vitest';
import { roomTopic } from '../../../shared/room/api';
import type { WrtcLike } from '../../../shared/sync/types';
import { SIGNALING_LIMITS } from '../../../shared/signaling/protocol';
import { HubRoom } from '../hub/hubRoom';
import { PeerBudget, WebrtcLinks } from '../hub/webrtcLinks';
import { createMemoryLogger } from '../log';
import { json, signalingSocket, startTestHost, type Socket, type TestHost } from './support';

let t: TestHost | undefined;
const sockets: Socket[] = [];
// The rate limits' clock stands still: no bucket refills during a test, so counts are exact.
const frozen = () => 1_000_000;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await t?.dispose();
  t = undefined;
});

async function participant(code: string, roomId: string, from: string): Promise<Socket> {
  const socket = signalingSocket(t!.host, code, from);
  sockets.push(socket);
  await socket.opened;
  await socket.send(JSON.stringify({ type: 'subscribe', topics: [roomTopic(roomId)] }));
  return socket;
}

const announce = (socket: Socket, roomId: string, peerId: string) => socket.send(JSON.stringify({ type: 'publish', topic: roomTopic(roomId), data: { type: 'announce', from: peerId } }));

/** A ping answered means every frame sent before it was handled. */
async function handled(socket: Socket): Promise<void> {
  await socket.send(JSON.stringify({ type: 'ping' }));
  await socket.waitFor((m) => json(m).type === 'pong');
}

const isOfferTo = (peerId: string) => (m: Buffer) => {
  const frame = json(m);
  const data = frame.data as { to?: string; signal?: { type?: string } } | undefined;
  return frame.type === 'publish' && data?.to === peerId && data.signal?.type === 'offer';
};

describe('announce storms', () => {
  it(`one socket announcing fresh peer ids gets offers for its first ${SIGNALING_LIMITS.announceBurstPerSocket} only`, async () => {
    t = await startTestHost({ wrtc: wrtc as unknown as WrtcLike, now: frozen, webrtcMaxConnecting: 1_000 });
    const { roomId, joinCode } = t.room;
    const socket = await participant(joinCode, roomId, '127.0.0.2');
    const ids = Array.from({ length: SIGNALING_LIMITS.announceBurstPerSocket + 20 }, (_, i) => `storm-${i}`);
    for (const id of ids) await announce(socket, roomId, id);
    await handled(socket);
    // The last announce the host took is the one it offers to; the ones after it were dropped,
    // so that peer id is still this socket's (before, each fresh id replaced it).
    const lastTaken = ids[SIGNALING_LIMITS.announceBurstPerSocket - 1]!;
    await socket.waitFor(isOfferTo(lastTaken));
    expect(t.log.entries.filter((e) => e.event === 'signal.announceLimited')).toEqual([expect.objectContaining({ limit: 'socket', remote: '127.0.0.2' })]);
  });

  it(`sockets from one address share ${SIGNALING_LIMITS.announceBurstPerAddress} announces; another address is unaffected`, async () => {
    t = await startTestHost({ wrtc: wrtc as unknown as WrtcLike, now: frozen, webrtcMaxConnecting: 1_000 });
    const { roomId, joinCode } = t.room;
    const count = SIGNALING_LIMITS.announceBurstPerAddress + 4;
    const storm = await Promise.all(Array.from({ length: count }, () => participant(joinCode, roomId, '127.0.0.3')));
    for (const [i, socket] of storm.entries()) {
      await announce(socket, roomId, `p-${i}`);
      await handled(socket);
    }
    await Promise.all(storm.slice(0, SIGNALING_LIMITS.announceBurstPerAddress).map((socket, i) => socket.waitFor(isOfferTo(`p-${i}`))));
    const limited = t.log.entries.filter((e) => e.event === 'signal.announceLimited');
    expect(limited).toHaveLength(4);
    expect(limited.every((e) => e.limit === 'address')).toBe(true);
    expect(t.host.hubStats().webrtcAttempts).toBe(SIGNALING_LIMITS.announceBurstPerAddress);

    const neighbour = await participant(joinCode, roomId, '127.0.0.4');
    await announce(neighbour, roomId, 'neighbour');
    await neighbour.waitFor(isOfferTo('neighbour'));
  });

  it('a room takes a bounded number of announces, and another room is unaffected', async () => {
    t = await startTestHost({ wrtc: wrtc as unknown as WrtcLike, now: frozen, signalingLimits: { announceBurstPerRoom: 4 }, webrtcMaxConnecting: 1_000 });
    const { roomId, joinCode } = t.room;
    const storm = await Promise.all(Array.from({ length: 6 }, (_, i) => participant(joinCode, roomId, `127.0.1.${i + 1}`)));
    for (const [i, socket] of storm.entries()) {
      await announce(socket, roomId, `p-${i}`);
      await handled(socket);
    }
    await Promise.all(storm.slice(0, 4).map((socket, i) => socket.waitFor(isOfferTo(`p-${i}`))));
    expect(t.log.entries.filter((e) => e.event === 'signal.announceLimited').map((e) => e.limit)).toEqual(['room', 'room']);

    const other = await t.host.openRoom({ sessionId: 'session-2', title: 'Other' });
    const elsewhere = await participant(other.joinCode, other.roomId, '127.0.1.9');
    await announce(elsewhere, other.roomId, 'elsewhere');
    await elsewhere.waitFor(isOfferTo('elsewhere'));
  });

  it('leaves no peer connection behind once the storm\'s sockets are gone, and the host still answers', async () => {
    t = await startTestHost({ wrtc: wrtc as unknown as WrtcLike });
    const { roomId, joinCode } = t.room;
    // 20 sockets, each announcing 50 fresh peer ids at once (within its message limit).
    const storm = await Promise.all(Array.from({ length: 20 }, (_, i) => participant(joinCode, roomId, `127.0.2.${1 + (i % 5)}`)));
    await Promise.all(
      storm.map(async (socket, s) => {
        for (let i = 0; i < 50; i++) await announce(socket, roomId, `s${s}-${i}`);
        await handled(socket);
      }),
    );
    // Each socket's burst became a peer connection at most, not each of the 1,000 announces
    // (every one made a native RTCPeerConnection, and their memory stayed).
    const created = t.log.entries.filter((e) => e.event === 'hub.peerClosed').length + t.host.hubStats().webrtcAttempts;
    expect(created).toBeLessThanOrEqual(20 * SIGNALING_LIMITS.announceBurstPerSocket);
    expect(t.log.entries.filter((e) => e.event === 'signal.announceLimited')).toHaveLength(20);
    for (const socket of storm) socket.terminate();
    await Promise.all(storm.map((socket) => socket.closed));
    await t.log.until(() => t!.host.hubStats().webrtcAttempts === 0);
    expect((await fetch(`${t.host.url}/api/health`)).status).toBe(200);
  });
});

describe('peer connections in the hub', () => {
  it('offers no more connections than a room\'s cap, nor than the hub\'s budget across rooms', () => {
    const offers: string[] = [];
    const log = createMemoryLogger();
    const counters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 };
    const budget = new PeerBudget(5);
    const someone = { memberId: 'someone', role: 'participant' as const };
    const roomA = new HubRoom('a', log, counters);
    const roomB = new HubRoom('b', log, counters);
    const a = new WebrtcLinks(roomA, wrtc as unknown as WrtcLike, (peerId) => (offers.push(peerId), true), log, budget, 3);
    const b = new WebrtcLinks(roomB, wrtc as unknown as WrtcLike, (peerId) => (offers.push(peerId), true), log, budget, 3);
    try {
      for (let i = 0; i < 6; i++) a.announce(`a-${i}`, someone);
      expect(a.size).toBe(3);
      for (let i = 0; i < 6; i++) b.announce(`b-${i}`, someone);
      expect(b.size).toBe(2);
      expect(budget.used).toBe(5);
      expect(log.entries.filter((e) => e.event === 'hub.peerLimit').map((e) => e.roomId)).toEqual(['a', 'b']);
      // A connection that goes makes room for the next participant.
      a.left('a-0');
      b.announce('b-late', someone);
      expect(b.size).toBe(3);
    } finally {
      a.destroy();
      b.destroy();
      roomA.destroy();
      roomB.destroy();
    }
    expect(budget.used).toBe(0);
  });

  it('starts a few handshakes at a time when a whole room announces at once; the rest wait their turn, none is refused', () => {
    const offers: string[] = [];
    const log = createMemoryLogger();
    const counters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 };
    const someone = { memberId: 'someone', role: 'participant' as const };
    const gone = { memberId: 'gone', role: 'participant' as const };
    const room = new HubRoom('storm', log, counters);
    const links = new WebrtcLinks(room, wrtc as unknown as WrtcLike, (peerId) => (offers.push(peerId), true), log, new PeerBudget(50), 30, 2);
    try {
      for (let i = 0; i < 6; i++) links.announce(`p-${i}`, i === 3 ? gone : someone);
      expect(links.size).toBe(2);
      expect(links.queued).toBe(4);
      // Announcing again while waiting keeps one place in the queue.
      links.announce('p-4', someone);
      expect(links.queued).toBe(4);
      // A handshake that ends (here: the participant left) lets the next one start, in order.
      links.left('p-0');
      expect(links.size).toBe(2);
      expect(links.queued).toBe(3);
      // A removed member's place goes; a participant who leaves while waiting is never offered.
      links.closeMember('gone');
      links.left('p-5');
      expect(links.queued).toBe(1);
      // p-1's turn ends: p-4 (still waiting) is offered; after p-2's, nobody is left to offer.
      links.left('p-1');
      expect([links.size, links.queued]).toEqual([2, 0]);
      links.left('p-2');
      expect([links.size, links.queued]).toEqual([1, 0]);
      expect(log.entries.filter((e) => e.event === 'hub.peerLimit')).toHaveLength(0);
    } finally {
      links.destroy();
      room.destroy();
    }
  });
});
