// Signaling server under a room's worth of sockets: host start-up time, and the latency of a
// publish reaching every other subscriber (y-webrtc's relay shape), as real processes on loopback.
import WebSocket from 'ws';
import { startHostProcess } from '../lib/host-process.mjs';

const PEERS = 40;
const MESSAGES_PER_PEER = 25;
const started = performance.now();
const listening = await startHostProcess();
const startupMs = performance.now() - started;

const ticket = await (await fetch(new URL('/api/join', listening.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: listening.joinCode }) })).json();
const topic = `madang:${ticket.roomId}`;
const signalUrl = `${listening.url.replace('http', 'ws')}/signal?code=${listening.joinCode}`;

const latencies = [];
let received = 0;
const sockets = await Promise.all(
  Array.from({ length: PEERS }, (_, i) => new Promise((resolve, reject) => {
    const ws = new WebSocket(signalUrl);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
      resolve(ws);
    });
    ws.on('error', reject);
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.type !== 'publish' || m.data.from === i) return;
      received++;
      latencies.push(performance.now() - m.data.sentAt);
    });
  })),
);
// One ping round trip per socket makes sure every subscribe has been processed.
await Promise.all(sockets.map((ws) => new Promise((resolve) => {
  ws.once('message', resolve);
  ws.send(JSON.stringify({ type: 'ping' }));
})));

const expected = PEERS * MESSAGES_PER_PEER * (PEERS - 1);
const sendStart = performance.now();
for (let round = 0; round < MESSAGES_PER_PEER; round++) {
  sockets.forEach((ws, i) => ws.send(JSON.stringify({ type: 'publish', topic, data: { from: i, sentAt: performance.now(), pad: 'x'.repeat(600) } })));
  // Pace like a join storm (40 peers × 25 signals in ~2.5 s), bounded by the event loop.
  await new Promise((r) => setTimeout(r, 100));
}
const deadline = performance.now() + 10_000;
while (received < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));

latencies.sort((a, b) => a - b);
const pct = (p) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(2));
const health = await fetch(new URL('/api/health', listening.url)).then((r) => r.ok);
for (const ws of sockets) ws.close();
await listening.dispose();

console.log(JSON.stringify({
  hostStartupMs: Number(startupMs.toFixed(1)),
  peers: PEERS,
  publishes: PEERS * MESSAGES_PER_PEER,
  deliveriesExpected: expected,
  deliveriesReceived: received,
  relayLatencyMs: { p50: pct(50), p95: pct(95), p99: pct(99) },
  wallMs: Number((performance.now() - sendStart).toFixed(0)),
  healthAfter: health,
}));
