// The desktop app joins another machine's room through its own host: two real hosts, the
// "remote" one reached through the "local" one's /remote/<address>:<port>/ paths.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { JoinTicketSchema, remoteBase, type RoomInfo } from '../../shared/room/api';
import { MEMBER_TOKEN_HEADER, ballotRoute } from '../../shared/workshop/api';
import { RoomSync, type RoomSyncOptions } from '../../shared/sync/roomSync';
import type { WrtcLike } from '../../shared/sync/types';
import { createMemoryLogger } from './log';
import { isPrivateIPv4 } from './remoteProxy';
import { createHost, type Host } from './server';
import { fakeRenderer, tempDir, untilSync } from './testSupport';

const dirs: Array<ReturnType<typeof tempDir>> = [];
let local: Host;
let remote: Host;
let room: RoomInfo;
let base: string;
const syncs: RoomSync[] = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

async function host(remoteTargets?: (address: string) => boolean): Promise<Host> {
  const dir = tempDir();
  dirs.push(dir);
  return createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 'test', log: createMemoryLogger(), interfaces: () => ({}), wrtc: wrtc as unknown as WrtcLike, remoteTargets });
}

beforeEach(async () => {
  remote = await host();
  local = await host((address) => address === '127.0.0.1');
  room = await remote.openRoom({ sessionId: 'their-session', title: '옆 반 워크숍' });
  base = remoteBase(local.url, `127.0.0.1:${remote.port}`);
});

afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.destroy();
  await local.close();
  await remote.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

const joinThrough = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${path}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const until = untilSync;

async function join(hostOrigin: string, webrtc: boolean): Promise<RoomSync> {
  const sync = await RoomSync.open({
    doc: new Y.Doc(),
    roomId: room.roomId,
    joinCode: room.joinCode,
    hostOrigin,
    wrtc: webrtc ? (wrtc as unknown as WrtcLike) : null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'],
    timing: { fallbackMs: 2_000, resyncMs: 500 },
    memberToken: room.memberToken,
  });
  syncs.push(sync);
  return sync;
}

describe('remote rooms through this host', () => {
  it('joins another machine\'s room with its code, and passes its refusals on', async () => {
    const ok = await joinThrough(base, { code: room.joinCode.toLowerCase() });
    expect(ok.status).toBe(200);
    expect(JoinTicketSchema.parse(await ok.json())).toMatchObject({ roomId: room.roomId, title: '옆 반 워크숍' });
    const wrong = await joinThrough(base, { code: 'ZZZZZZ' });
    expect(wrong.status).toBe(404);
    expect(await wrong.json()).toEqual({ error: 'join.invalidCode' });
  });

  it('relays only what a participant needs: other API routes, other origins and non-LAN targets are refused', async () => {
    expect((await fetch(`${base}/api/rooms`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await joinThrough(base, { code: room.joinCode }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await joinThrough(remoteBase(local.url, '10.255.255.1:9'), { code: room.joinCode })).status).toBe(404);
    expect(isPrivateIPv4('192.168.0.10')).toBe(true);
    expect(isPrivateIPv4('172.20.1.1')).toBe(true);
    expect(isPrivateIPv4('8.8.8.8')).toBe(false);
    expect(isPrivateIPv4('127.0.0.1')).toBe(false);
    expect(isPrivateIPv4('172.32.0.1')).toBe(false);
  });

  it('relays a participant\'s ballot to the remote host with its member token, and nothing without one', async () => {
    const ticket = JoinTicketSchema.parse(await (await joinThrough(base, { code: room.joinCode })).json());
    const ballot = (token?: string) =>
      fetch(`${base}${ballotRoute(room.roomId)}`, { headers: token ? { [MEMBER_TOKEN_HEADER]: token } : {} });
    const mine = await ballot(ticket.memberToken);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ round: null, dots: [] });
    expect((await ballot()).status).toBe(403);
    expect((await fetch(`${base}${ballotRoute(room.roomId)}`, { method: 'DELETE' })).status).toBe(405);
  });

  it('syncs with the remote room over WebRTC (signaling relayed) and over its relay, and hears when it closes', async () => {
    const there = await join(remote.url, false);
    const throughData = await join(base, true);
    await until(throughData, (s) => s.transport === 'webrtc' && s.synced);
    await until(there, (s) => s.synced);
    throughData.doc.getMap('notes').set('from-desktop', '가');
    there.doc.getMap('notes').set('from-browser', '나');
    await until(there, () => there.doc.getMap('notes').get('from-desktop') === '가');
    await until(throughData, () => throughData.doc.getMap('notes').get('from-browser') === '나');

    await remote.closeRoom(room.roomId);
    await until(throughData, (s) => s.ended === 'closed');
  }, 30_000);
});
