// The host goes down in the middle of a large join: a participant is receiving a 3,000-note board
// in chunks over its data channel when the host stops. When the host is back (same port, same
// data folder), the participant reconnects by itself and gets the whole board, and its progress
// indicator does not stay stuck on the interrupted transfer. Waits are on state changes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Board } from '../../../shared/board';
import { makeBoardOfNotes } from '../../../shared/board/bench';
import type { RoomInfo } from '../../../shared/room/api';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import type { WrtcLike } from '../../../shared/sync/types';
import type { Host } from '../server';
import { joinAsParticipant, startTestHost, tempDir, untilSync } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;
let room: RoomInfo;
const syncs: RoomSync[] = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

async function startHost(port = 0): Promise<Host> {
  host = await startTestHost(dir.path, { port, wrtc: wrtc as unknown as WrtcLike, hubResyncMs: 300 });
  return host;
}

async function join(doc: Y.Doc, memberToken: string, webrtc: boolean): Promise<RoomSync> {
  const sync = await RoomSync.open({
    doc, roomId: room.roomId, joinCode: room.joinCode, hostOrigin: host!.url, memberToken,
    wrtc: webrtc ? (wrtc as unknown as WrtcLike) : null, WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'],
    timing: { relayFirst: false, fallbackMs: 2_000, resyncMs: 300 },
  });
  syncs.push(sync);
  return sync;
}

const noteCount = (doc: Y.Doc) => Board.open(doc).notes().length;

/** While true, data-channel messages in this process are lost (the sender is dying). */
let cutDataChannels = false;
const channelProto = (wrtc as unknown as { RTCDataChannel: { prototype: { dispatchEvent(event: { type: string }): boolean } } }).RTCDataChannel.prototype;
const dispatchEvent = channelProto.dispatchEvent;
beforeAll(() => {
  channelProto.dispatchEvent = function (this: unknown, event: { type: string }) {
    if (cutDataChannels && event.type === 'message') return true;
    return dispatchEvent.call(this, event);
  };
});
afterAll(() => {
  channelProto.dispatchEvent = dispatchEvent;
});

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

describe('host down during a large join', () => {
  it('the joiner resumes when the host is back and completes, with no stale progress', async () => {
    const seed = new Y.Doc();
    makeBoardOfNotes(seed, 3_000, 5);
    const facilitator = await join(seed, room.memberToken, false);
    await untilSync(facilitator, (s) => s.synced, 20_000);

    const joinerDoc = new Y.Doc();
    const joiner = await join(joinerDoc, await joinAsParticipant(host!.url, room.joinCode), true);
    const port = host!.port;
    // The host dies as soon as the first chunks of the board have arrived: from then on nothing
    // more arrives on any data channel in this process (the rest was still on the host's side).
    await untilSync(joiner, (s) => s.receiving !== null && s.receiving.received < s.receiving.total, 20_000);
    cutDataChannels = true;
    await host!.close();
    cutDataChannels = false;
    await untilSync(joiner, (s) => s.transport === 'offline' || s.transport === 'connecting', 20_000);
    expect(noteCount(joinerDoc)).toBeLessThan(3_000);

    await startHost(port);
    await untilSync(joiner, (s) => s.synced && noteCount(joinerDoc) === 3_000, 40_000);
    await untilSync(joiner, (s) => s.receiving === null, 10_000);
    expect(Y.encodeStateVector(joinerDoc)).toEqual(Y.encodeStateVector(seed));
  }, 90_000);
});
