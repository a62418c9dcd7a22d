// The real y-webrtc 10.3 client against our signaling server: what it sends on connect
// (subscribe, then an encrypted announce) must be accepted and relayed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { roomTopic, signalingUrl } from '../../shared/room/api';
import { createMemoryLogger, type MemoryLogger } from './log';
import { createHost, type Host } from './server';
import { fakeRenderer, tempDir, TestClient } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let log: MemoryLogger;
const hadWebSocket = 'WebSocket' in globalThis;

beforeEach(async () => {
  dir = tempDir();
  log = createMemoryLogger();
  // lib0's websocket client uses the global WebSocket, which Node 20 lacks.
  if (!hadWebSocket) Object.assign(globalThis, { WebSocket });
  host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 't', log, interfaces: () => ({}) });
});

afterEach(async () => {
  await host.close();
  if (!hadWebSocket) delete (globalThis as { WebSocket?: unknown }).WebSocket;
  dir.remove();
});

describe('y-webrtc client', () => {
  it('subscribes and announces itself through our signaling server', async () => {
    const room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
    const topic = roomTopic(room.roomId);
    const observer = new TestClient(signalingUrl(host.url, room.joinCode, room.memberToken));
    await observer.subscribe(topic);

    const doc = new Y.Doc();
    const provider = new WebrtcProvider(topic, doc, {
      signaling: [signalingUrl(host.url, room.joinCode, room.memberToken)],
      peerOpts: { config: { iceServers: [] } },
    });
    try {
      const announce = await observer.waitFor((m) => m.type === 'publish');
      expect(announce).toMatchObject({ type: 'publish', topic, clients: 2, data: { type: 'announce' } });
      expect(log.entries.filter((e) => e.event === 'signal.rejected')).toEqual([]);
    } finally {
      // y-webrtc 10.3's destroy() alone leaves its signaling socket open and reconnecting.
      provider.disconnect();
      provider.destroy();
      doc.destroy();
      observer.close();
    }
  });
});
