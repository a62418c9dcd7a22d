// shared/sync/roomSync.ts steers y-webrtc and y-websocket through parts they do not promise to
// keep (its WebrtcConnInternals, RoomInternals and SignalingConnInternals; y-websocket's
// `wsconnected` and `messageHandlers`). package.json pins both libraries to the exact versions
// these were read from; this test fails when either the pin is loosened or an upgrade changes
// what RoomSync relies on, so an upgrade is a deliberate step, not a surprise in a workshop.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { relayEndpoint, type RoomInfo } from '../../../shared/room/api';
import { MESSAGE } from '../../../shared/sync/protocol';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import type { WrtcLike } from '../../../shared/sync/types';
import type { Host } from '../server';
import { startTestHost, tempDir, untilSync } from '../testSupport';

/** The versions roomSync.ts's internals were read from. */
const PINNED = { 'y-webrtc': '10.3.0', 'y-websocket': '3.1.0' } as const;

const root = new URL('../../../', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

let dir: ReturnType<typeof tempDir>;
let host: Host;
let room: RoomInfo;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

beforeEach(async () => {
  dir = tempDir();
  host = await startTestHost(dir.path, { wrtc: wrtc as unknown as WrtcLike, hubResyncMs: 300 });
  room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await host.close();
  dir.remove();
});

const isFunction = (value: unknown) => typeof value === 'function';

describe('the library internals RoomSync relies on', () => {
  it('are pinned: package.json asks for the exact versions that are installed', () => {
    const dependencies = json('package.json')['dependencies'] as Record<string, string>;
    for (const [name, version] of Object.entries(PINNED)) {
      expect(dependencies[name], `${name} in package.json`).toBe(version);
      expect(json(`node_modules/${name}/package.json`)['version'], `installed ${name}`).toBe(version);
    }
  });

  it('y-webrtc: the room, its data channels and its signaling sockets have what RoomSync reads and swaps', async () => {
    const sync = await RoomSync.open({
      doc: new Y.Doc(), roomId: room.roomId, joinCode: room.joinCode, hostOrigin: host.url, memberToken: room.memberToken,
      wrtc: wrtc as unknown as WrtcLike, WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'], timing: { fallbackMs: 10_000, resyncMs: 300 },
    });
    cleanups.push(() => sync.destroy());
    await untilSync(sync, (s) => s.transport === 'webrtc' && s.synced, 15_000);
    const provider = (sync as unknown as { webrtc: { room: Record<string, unknown>; signalingConns: Array<Record<string, unknown>> } }).webrtc;

    // RoomInternals
    const internals = provider.room;
    expect(typeof internals['peerId']).toBe('string');
    expect(internals['synced']).toBe(true);
    expect(internals['webrtcConns']).toBeInstanceOf(Map);
    // RoomSync swapped the room's handlers for its own: y-webrtc must still send through the
    // fields (the swapped one is what the doc and awareness call), or every echo goes back out.
    const docHandlers = (sync.doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update');
    expect(isFunction(internals['_docUpdateHandler'])).toBe(true);
    expect(docHandlers?.has(internals['_docUpdateHandler'])).toBe(true);
    const awarenessHandlers = (sync.awareness as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('update');
    expect(isFunction(internals['_awarenessUpdateHandler'])).toBe(true);
    expect(awarenessHandlers?.has(internals['_awarenessUpdateHandler'])).toBe(true);
    // y-webrtc removes its handlers by these same fields when the room is destroyed.
    expect(String(Object.getPrototypeOf(internals).disconnect)).toContain('_docUpdateHandler');

    // WebrtcConnInternals: the open channel to the hub.
    const conns = [...(internals['webrtcConns'] as Map<string, Record<string, unknown>>).values()];
    expect(conns).toHaveLength(1);
    const conn = conns[0]!;
    expect(conn['connected']).toBe(true);
    expect(typeof conn['synced']).toBe('boolean');
    expect(isFunction(conn['destroy'])).toBe(true);
    const peer = conn['peer'] as Record<string, unknown>;
    for (const method of ['send', 'on', 'destroy']) expect(isFunction(peer[method]), `peer.${method}`).toBe(true);

    // SignalingConnInternals
    expect(provider.signalingConns).toHaveLength(1);
    const socket = provider.signalingConns[0]!;
    expect(socket['connected']).toBe(true);
    expect(typeof socket['connecting']).toBe('boolean');
    for (const method of ['send', 'on', 'off']) expect(isFunction(socket[method]), `signaling.${method}`).toBe(true);
    expect(isFunction((socket['ws'] as Record<string, unknown> | null)?.['addEventListener'])).toBe(true);
  }, 30_000);

  it('y-websocket: messageHandlers can be replaced, and a provider marked not connected leaves the shared presence alone', async () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const { url, params } = relayEndpoint(host.url, room.joinCode, room.memberToken);
    const relay = new WebsocketProvider(url, room.roomId, doc, { params, awareness, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(() => relay.destroy());
    await new Promise<void>((resolve) => relay.on('sync', (synced: boolean) => synced && resolve()));
    expect(relay.wsconnected).toBe(true);
    expect(isFunction(relay.messageHandlers[MESSAGE.auth])).toBe(true);

    // Someone else's presence, as the data channel would have brought it.
    const other = new Awareness(new Y.Doc());
    other.setLocalState({ user: { name: '민지' } });
    awareness.getStates().set(other.clientID, other.getLocalState()!);
    // What RoomSync.stopRelay does once the data channel has taken over.
    (relay as unknown as { wsconnected: boolean }).wsconnected = false;
    relay.destroy();
    expect(awareness.getStates().has(other.clientID)).toBe(true);
    other.destroy();
  }, 20_000);
});
