// The star end to end in one process: the real host with its hub on @roamhq/wrtc, one client
// over a real WebRTC data channel (y-webrtc allows one per room per process) and others over
// the y-websocket relay. Waits are on state changes, each bounded.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Board } from '../../../shared/board';
import { makeBoardOfNotes } from '../../../shared/board/bench';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import type { WrtcLike } from '../../../shared/sync/types';
import { signalingUrl, type RoomInfo } from '../../../shared/room/api';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import { createMemoryLogger } from '../log';
import { createHost, type Host, type HostOptions } from '../server';
import { fakeRenderer, joinAsParticipant, tempDir, TestClient, untilSync } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;
let room: RoomInfo;
const syncs: RoomSync[] = [];

beforeAll(() => {
  // y-webrtc's signaling socket uses the global WebSocket, which Node 20 lacks.
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

async function startHost(port = 0, hubResyncMs = 300, more: Partial<HostOptions> = {}): Promise<Host> {
  host = await createHost({
    port,
    bind: '127.0.0.1',
    dataDir: dir.path,
    staticDir: fakeRenderer(`${dir.path}/www`),
    version: 'test',
    log: createMemoryLogger(),
    interfaces: () => ({}),
    wrtc: wrtc as unknown as WrtcLike,
    hubResyncMs,
    ...more,
  });
  return host;
}

async function join(doc: Y.Doc, options: Partial<RoomSyncOptions> & { webrtc: boolean }): Promise<RoomSync> {
  const sync = await RoomSync.open({
    doc,
    roomId: room.roomId,
    joinCode: room.joinCode,
    hostOrigin: host!.url,
    wrtc: options.webrtc ? (wrtc as unknown as WrtcLike) : null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'],
    timing: { relayFirst: false, fallbackMs: 2_000, resyncMs: 300 },
    memberToken: room.memberToken,
    ...options,
  });
  syncs.push(sync);
  return sync;
}

const until = untilSync;

const noteCount = (doc: Y.Doc) => Board.create(doc, { boardId: 'b', title: 'T' }).notes().length;

beforeEach(async () => {
  dir = tempDir();
  await startHost();
  room = await host!.openRoom({ sessionId: 'session-1', title: 'Workshop' });
});

afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.destroy();
  await host?.close();
  host = undefined;
  dir.remove();
});

describe('hub', () => {
  it('joins one client over a WebRTC data channel and one over the relay, and their edits meet', async () => {
    const a = await join(new Y.Doc(), { webrtc: true });
    const b = await join(new Y.Doc(), { webrtc: false });
    await until(a, (s) => s.transport === 'webrtc' && s.synced);
    await until(b, (s) => s.transport === 'relay' && s.synced);

    a.doc.getMap('notes').set('from-a', '가');
    b.doc.getMap('notes').set('from-b', '나');
    await until(a, () => a.doc.getMap('notes').get('from-b') === '나');
    await until(b, () => b.doc.getMap('notes').get('from-a') === '가');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('costs one message up per edit: a client never sends back what the hub sent it', async () => {
    // No periodic resync in this test, so every message the hub counts is an edit.
    await host!.close();
    await startHost(0, 600_000);
    room = await host!.openRoom({ sessionId: 'session-1', title: 'Workshop' });
    const slow = { relayFirst: false, fallbackMs: 2_000, resyncMs: 600_000 };
    const a = await join(new Y.Doc(), { webrtc: true, timing: slow });
    const b = await join(new Y.Doc(), { webrtc: false, timing: slow });
    await until(a, (s) => s.transport === 'webrtc' && s.synced);
    await until(b, (s) => s.synced);
    const before = host!.hubStats().messagesIn;
    b.doc.getMap('notes').set('from-b', 1);
    await until(a, () => a.doc.getMap('notes').get('from-b') === 1);
    // Sent after any echo would have been, on the same ordered channel.
    a.doc.getMap('notes').set('from-a', 2);
    await until(b, () => b.doc.getMap('notes').get('from-a') === 2);
    expect(host!.hubStats().messagesIn - before).toBe(2);
  });

  it('gives a late joiner a 3,000-note board over WebRTC in chunks, reporting progress', async () => {
    const seed = new Y.Doc();
    makeBoardOfNotes(seed, 3_000, 7);
    const size = Y.encodeStateAsUpdate(seed).byteLength;
    expect(size).toBeGreaterThan(256 * 1024);
    const seeder = await join(seed, { webrtc: false });
    await until(seeder, (s) => s.synced);

    const joiner = new Y.Doc();
    const progress: number[] = [];
    const late = await join(joiner, { webrtc: true });
    late.subscribe(() => {
      const receiving = late.getState().receiving;
      if (receiving) progress.push(receiving.received / receiving.total);
    });
    await until(late, () => noteCount(joiner) === 3_000, 20_000);
    await until(late, (s) => s.transport === 'webrtc');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p) => p > 0 && p < 1)).toBe(true);
    await until(late, (s) => s.receiving === null);
  }, 30_000);

  it('a joiner gets the board through the relay at once, then moves to its data channel and leaves the relay', async () => {
    const seed = new Y.Doc();
    makeBoardOfNotes(seed, 3_000, 7);
    const seeder = await join(seed, { webrtc: false });
    await until(seeder, (s) => s.synced);
    expect(host!.hubStats().links).toBe(1);

    const joiner = new Y.Doc();
    const transports: string[] = [];
    // The app's default: relay first.
    const late = await join(joiner, { webrtc: true, timing: { fallbackMs: 3_000, resyncMs: 300 } });
    transports.push(late.getState().transport);
    late.subscribe(() => transports.push(late.getState().transport));
    await until(late, () => noteCount(joiner) === 3_000, 20_000);
    // The relay's one WebSocket was up before any data channel (ICE and DTLS take longer).
    expect(transports.find((t) => t === 'relay' || t === 'webrtc')).toBe('relay');
    await until(late, (s) => s.transport === 'webrtc' && s.synced, 20_000);
    // Two seconds after its channel synced it leaves the relay: one link each again.
    await vi.waitFor(() => expect(host!.hubStats().links).toBe(2), { timeout: 10_000, interval: 100 });
    expect(late.webrtcChannels()).toBe(1);
    seeder.doc.getMap('notes').set('after', 'still reaches the joiner');
    await until(late, () => joiner.getMap('notes').get('after') === 'still reaches the joiner');
  }, 40_000);

  it('a joiner whose relay the host refuses as busy starts its data channel at once and does not knock again', async () => {
    await host!.close();
    const log = createMemoryLogger();
    // One relay socket per address: the seeder's takes it.
    await startHost(0, 300, { relayLimits: { maxSocketsPerAddress: 1 }, log });
    room = await host!.openRoom({ sessionId: 'session-1', title: 'Workshop' });
    const seeder = await join(new Y.Doc(), { webrtc: false });
    await until(seeder, (s) => s.synced);
    seeder.doc.getMap('notes').set('n', 'from the seeder');
    // A fallback far away: only starting the channel at once gets the note here in time.
    const joiner = await join(new Y.Doc(), { webrtc: true, timing: { fallbackMs: 30_000, resyncMs: 300 } });
    await until(joiner, () => joiner.doc.getMap('notes').get('n') === 'from the seeder', 15_000);
    expect(joiner.getState().transport).toBe('webrtc');
    expect(log.entries.filter((e) => e.event === 'relay.rejected')).toHaveLength(1);
  }, 30_000);

  it('says synced only once the hub holds what this client brought (a big board made offline)', async () => {
    const offline = new Y.Doc();
    makeBoardOfNotes(offline, 3_000, 11);
    const size = Y.encodeStateAsUpdate(offline).byteLength;
    const a = await join(offline, { webrtc: true });
    await until(a, (s) => s.transport === 'webrtc' && s.synced, 20_000);
    expect(host!.hubStats().bytesIn).toBeGreaterThanOrEqual(size);
    expect(a.getState().pendingLocal).toBe(false);
  }, 30_000);

  it('repairs one-way sync: a change the hub never got is found by comparing state vectors and sent', async () => {
    const a = await join(new Y.Doc(), { webrtc: true });
    await until(a, (s) => s.transport === 'webrtc' && s.synced);
    // An edit applied as if it had come from the room is not forwarded: the hub misses it.
    const room = (a as unknown as { room: unknown }).room;
    a.doc.transact(() => a.doc.getMap('notes').set('lost', 'found again'), room);
    const b = await join(new Y.Doc(), { webrtc: false });
    await until(b, () => b.doc.getMap('notes').get('lost') === 'found again');
    expect(a.counters.repairsSent).toBeGreaterThanOrEqual(1);
  });

  it('survives a host restart: clients reconnect by themselves, edits made meanwhile merge, and the board is on disk', async () => {
    const a = await join(new Y.Doc(), { webrtc: true });
    const b = await join(new Y.Doc(), { webrtc: false });
    await until(a, (s) => s.transport === 'webrtc' && s.synced);
    await until(b, (s) => s.synced);
    a.doc.getMap('notes').set('before', 1);
    await until(b, () => b.doc.getMap('notes').get('before') === 1);

    const port = host!.port;
    await host!.close();
    await until(a, (s) => s.transport === 'offline' || s.transport === 'connecting');
    a.doc.getMap('notes').set('while-down-a', 2);
    b.doc.getMap('notes').set('while-down-b', 3);
    await until(a, (s) => s.pendingLocal);

    await startHost(port);
    await until(a, (s) => s.synced && !s.pendingLocal, 20_000);
    await until(b, () => b.doc.getMap('notes').get('while-down-a') === 2, 20_000);
    await until(a, () => a.doc.getMap('notes').get('while-down-b') === 3, 20_000);

    // A newcomer after everyone left still gets the whole board from the host's copy.
    for (const sync of syncs.splice(0)) sync.destroy();
    await host!.close();
    await startHost(port);
    const c = await join(new Y.Doc(), { webrtc: false });
    await until(c, () => c.doc.getMap('notes').size === 3);
  }, 60_000);

  it('removes a participant: their links close, they are told, and their member id stays out', async () => {
    const participant = await joinAsParticipant(host!.url, room.joinCode);
    const a = await join(new Y.Doc(), { webrtc: true });
    const b = await join(new Y.Doc(), { webrtc: false, memberToken: participant });
    b.awareness.setLocalStateField('user', { name: '민지' });
    await until(a, (s) => s.peers === 1);

    expect(await host!.removeParticipant(room.roomId, b.doc.clientID)).toBe(true);
    await until(b, (s) => s.ended === 'removed');
    await until(a, (s) => s.peers === 0);
    const again = new TestClient(signalingUrl(host!.url, room.joinCode, participant));
    expect((await again.closed).code).toBe(CLOSE_CODES.forbiddenTopic);
    expect(await host!.removeParticipant(room.roomId, 12345)).toBe(false);
  }, 20_000);

  it('tells everyone when the facilitator closes the room', async () => {
    const a = await join(new Y.Doc(), { webrtc: true });
    await until(a, (s) => s.synced);
    await host!.closeRoom(room.roomId);
    await until(a, (s) => s.ended === 'closed');
  }, 20_000);
});
