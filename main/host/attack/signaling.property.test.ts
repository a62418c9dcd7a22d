// Property test of signaling frames against a real host on loopback (fast-check, bounded runs):
// whatever text or bytes a socket sends, the host neither crashes nor hangs the socket: it
// answers the next ping, or closes the socket with one of its defined close codes.
import wrtc from '@roamhq/wrtc';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomTopic } from '../../../shared/room/api';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import type { WrtcLike } from '../../../shared/sync/types';
import { json, signalingSocket, startTestHost, type TestHost } from './support';

// 1007 and 1002: ws closes by itself on invalid UTF-8 text and on protocol errors.
const DEFINED = new Set<number>([...Object.values(CLOSE_CODES), 1007, 1002]);

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost({ wrtc: wrtc as unknown as WrtcLike });
});
afterAll(async () => {
  await t.dispose();
});

describe('signaling, any frames', () => {
  it('answers any frames with a pong or a defined close code, and keeps serving others', async () => {
    const topic = roomTopic(t.room.roomId);
    const peerId = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('hub-x-1', 'p1'));
    const shaped = fc.oneof(
      fc.record({ type: fc.constantFrom('subscribe', 'unsubscribe'), topics: fc.array(fc.oneof(fc.constant(topic), fc.string()), { maxLength: 6 }) }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constant('publish'), topic: fc.oneof(fc.constant(topic), fc.string()), data: fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('announce', 'signal'), from: peerId, to: peerId, signal: fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom('offer', 'answer', 'candidate'), sdp: fc.string() })) }, { requiredKeys: ['type'] })) }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.string(), topics: fc.jsonValue() }, { requiredKeys: [] }),
    );
    const frame = fc.oneof(
      shaped.map((value) => JSON.stringify(value)),
      fc.json(),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (frames) => {
        const socket = signalingSocket(t.host, t.room.joinCode);
        try {
          expect(await socket.opened).toBe(true);
          for (const data of frames) await socket.send(data).catch(() => {});
          await socket.send(JSON.stringify({ type: 'ping' })).catch(() => {});
          const outcome = await Promise.race([
            socket.closed.then((code) => ({ closed: code })),
            socket.waitFor((m) => json(m).type === 'pong', 10_000).then(() => ({ closed: null })),
          ]);
          if (outcome.closed !== null) expect(DEFINED, `close code ${outcome.closed}`).toContain(outcome.closed);
        } finally {
          socket.terminate();
        }
      }),
      { numRuns: 200 },
    );
    // Still serving: a newcomer subscribes and gets its pong; the API answers.
    const after = signalingSocket(t.host, t.room.joinCode, '127.0.0.2');
    await after.opened;
    await after.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    await after.send(JSON.stringify({ type: 'ping' }));
    await after.waitFor((m) => json(m).type === 'pong');
    after.terminate();
    expect((await fetch(`${t.host.url}/api/health`)).status).toBe(200);
  });
});
