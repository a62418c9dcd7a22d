// The y-websocket relay's door: the join code, the room in the path, binary frames only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayEndpoint, type RoomInfo } from '../../../shared/room/api';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import { peekMessage, syncStep1Message } from '../../../shared/sync/protocol';
import { createMemoryLogger } from '../log';
import { createHost, type Host } from '../server';
import { fakeRenderer, tempDir } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let room: RoomInfo;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dir = tempDir();
  host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 'test', log: createMemoryLogger(), interfaces: () => ({}) });
  room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await host.close();
  dir.remove();
});

function open(roomId: string, code: string): { ws: WebSocket; closed: Promise<number>; messages: Uint8Array[]; next: () => Promise<Uint8Array> } {
  const { url, params } = relayEndpoint(host.url, code, room.memberToken);
  const ws = new WebSocket(`${url}/${roomId}?${new URLSearchParams(params)}`);
  sockets.push(ws);
  const messages: Uint8Array[] = [];
  const waiters: Array<(m: Uint8Array) => void> = [];
  ws.on('message', (data: Buffer) => {
    const m = new Uint8Array(data);
    const w = waiters.shift();
    if (w) w(m);
    else messages.push(m);
  });
  return {
    ws,
    closed: new Promise((resolve) => ws.once('close', (code) => resolve(code))),
    messages,
    next: () => (messages.length ? Promise.resolve(messages.shift()!) : new Promise((resolve) => waiters.push(resolve))),
  };
}

describe('relay', () => {
  it('speaks y-websocket: greets with the board\'s state vector and answers one with the board', async () => {
    const a = open(room.roomId, room.joinCode);
    expect(peekMessage(await a.next())?.type).toBe('syncStep1');
    a.ws.send(syncStep1Message(new Y.Doc()));
    expect(peekMessage(await a.next())?.type).toBe('syncStep2');
  });

  it('refuses a wrong code and another room\'s path alike (4401)', async () => {
    expect(await open(room.roomId, 'ZZZZZZ').closed).toBe(CLOSE_CODES.unauthorised);
    const other = await host.openRoom({ sessionId: 'session-2', title: 'Other' });
    expect(await open(other.roomId, room.joinCode).closed).toBe(CLOSE_CODES.unauthorised);
  });

  it('closes a socket that sends text with 4400, and survives garbage bytes', async () => {
    const a = open(room.roomId, room.joinCode);
    await a.next();
    a.ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    a.ws.send(syncStep1Message(new Y.Doc()));
    expect(peekMessage(await a.next())?.type).toBe('syncStep2');
    a.ws.send('{"type":"subscribe"}');
    expect(await a.closed).toBe(CLOSE_CODES.malformed);
    expect(host.hubStats().rejected).toBe(1);
  });
});
