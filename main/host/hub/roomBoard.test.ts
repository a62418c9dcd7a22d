// A first joiner fetches the room's board over HTTP while its screen is built, and its sync then
// carries only what changed since (shared/sync/roomBoard.ts, roomBoardRoute). Only a current
// member of the open room gets the board.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Board } from '../../../shared/board';
import { makeBoardOfNotes } from '../../../shared/board/bench';
import { hostPath, roomBoardRoute, type RoomInfo } from '../../../shared/room/api';
import { fetchRoomBoard, ROOM_BOARD_ORIGIN } from '../../../shared/sync/roomBoard';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import { MEMBER_TOKEN_HEADER } from '../../../shared/workshop/api';
import type { Host } from '../server';
import { joinAsParticipant, startTestHost, tempDir, untilSync } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let room: RoomInfo;
const syncs: RoomSync[] = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

beforeEach(async () => {
  dir = tempDir();
  host = await startTestHost(dir.path, { wrtc: null, hubResyncMs: 300 });
  room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
});

afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.destroy();
  await host.close();
  dir.remove();
});

async function join(doc: Y.Doc, memberToken: string, more: Partial<RoomSyncOptions> = {}): Promise<RoomSync> {
  const sync = await RoomSync.open({
    doc, roomId: room.roomId, joinCode: room.joinCode, hostOrigin: host.url, memberToken, wrtc: null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'], timing: { resyncMs: 300 }, ...more,
  });
  syncs.push(sync);
  return sync;
}

const notesOf = (doc: Y.Doc) => Board.open(doc).notes().length;
const boardAnswer = (roomId: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(hostPath(host.url, roomBoardRoute(roomId)), { method, headers });

/** A facilitator's board of `notes` notes, in the hub. */
async function seedRoom(notes: number): Promise<void> {
  const board = new Y.Doc();
  makeBoardOfNotes(board, notes, 5);
  const seeder = await join(board, room.memberToken);
  await untilSync(seeder, (s) => s.synced, 20_000);
}

describe('the room’s board for a first joiner', () => {
  it('arrives over HTTP before the sync, which then carries a small part of what it would have', async () => {
    await seedRoom(2_000);
    const boardBytes = (await fetchRoomBoard({ hostOrigin: host.url, roomId: room.roomId, memberToken: room.memberToken }))!.byteLength;

    // Without it: the relay's first sync brings the whole board.
    const before = host.hubStats().bytesOut;
    const plain = new Y.Doc();
    const plainSync = await join(plain, await joinAsParticipant(host.url, room.joinCode));
    await untilSync(plainSync, (s) => s.synced && notesOf(plain) === 2_000, 20_000);
    const plainBytes = host.hubStats().bytesOut - before;

    // With it: the joiner holds every note before its sync starts.
    const memberToken = await joinAsParticipant(host.url, room.joinCode);
    const fetched = fetchRoomBoard({ hostOrigin: host.url, roomId: room.roomId, memberToken });
    const joiner = new Y.Doc();
    const origins = new Set<unknown>();
    joiner.on('update', (_update: Uint8Array, origin: unknown) => origins.add(origin));
    const middle = host.hubStats().bytesOut;
    const sync = await join(joiner, memberToken, { initialBoard: fetched });
    expect(notesOf(joiner)).toBe(2_000);
    await untilSync(sync, (s) => s.synced, 20_000);
    const syncBytes = host.hubStats().bytesOut - middle;

    expect(plainBytes).toBeGreaterThan(boardBytes);
    expect(syncBytes).toBeLessThan(plainBytes / 10);
    // The board was applied as the fetched board, not as a message of the sync.
    expect([...origins][0]).toBe(ROOM_BOARD_ORIGIN);
  }, 40_000);

  it('is not used when the device already holds its own copy of the board', async () => {
    await seedRoom(20);
    const memberToken = await joinAsParticipant(host.url, room.joinCode);
    const own = new Y.Doc();
    own.getMap('draft').set('mine', 'offline note');
    let applied = 0;
    const sync = await join(own, memberToken, {
      initialBoard: fetchRoomBoard({ hostOrigin: host.url, roomId: room.roomId, memberToken }),
      applyInitialBoard: () => void (applied += 1),
    });
    await untilSync(sync, (s) => s.synced && notesOf(own) === 20, 20_000);
    expect(applied).toBe(0);
  }, 30_000);

  it('a fetch that fails leaves the sync to bring the board', async () => {
    await seedRoom(20);
    const memberToken = await joinAsParticipant(host.url, room.joinCode);
    const joiner = new Y.Doc();
    const sync = await join(joiner, memberToken, { initialBoard: fetchRoomBoard({ hostOrigin: host.url, roomId: 'no-such-room', memberToken }) });
    await untilSync(sync, (s) => s.synced && notesOf(joiner) === 20, 20_000);
  }, 30_000);
});

describe('who may fetch it', () => {
  it('a current member of the open room, and nobody else', async () => {
    await seedRoom(10);
    const member = await joinAsParticipant(host.url, room.joinCode);
    const ok = await boardAnswer(room.roomId, { [MEMBER_TOKEN_HEADER]: member });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/octet-stream');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, new Uint8Array(await ok.arrayBuffer()));
    expect(notesOf(copy)).toBe(10);

    const other = await host.openRoom({ sessionId: 'session-2', title: 'Other' });
    const forged = `${member.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    for (const headers of [{} as Record<string, string>, { [MEMBER_TOKEN_HEADER]: forged }, { [MEMBER_TOKEN_HEADER]: other.memberToken }, { [MEMBER_TOKEN_HEADER]: 'x'.repeat(5_000) }]) {
      const refused = await boardAnswer(room.roomId, headers);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toEqual({ error: 'error.forbidden' });
    }
    expect((await boardAnswer(room.roomId, { [MEMBER_TOKEN_HEADER]: member }, 'POST')).status).toBe(405);

    // Removed from the room: refused from then on.
    const removedDoc = new Y.Doc();
    const removed = await joinAsParticipant(host.url, room.joinCode);
    const removedSync = await join(removedDoc, removed);
    removedSync.awareness.setLocalStateField('user', { name: '말로리' });
    await untilSync(removedSync, (s) => s.synced, 20_000);
    await expect.poll(() => host.removeParticipant(room.roomId, removedDoc.clientID), { timeout: 10_000 }).toBe(true);
    expect((await boardAnswer(room.roomId, { [MEMBER_TOKEN_HEADER]: removed })).status).toBe(403);

    // A closed room gives nobody its board.
    await host.closeRoom(room.roomId);
    expect((await boardAnswer(room.roomId, { [MEMBER_TOKEN_HEADER]: member })).status).toBe(403);
    expect(await fetchRoomBoard({ hostOrigin: host.url, roomId: room.roomId, memberToken: member })).toBeNull();
  }, 40_000);
});
