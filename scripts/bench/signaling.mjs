// Signaling under a room's worth of sockets, as real processes on loopback: host start-up time,
// and a join storm through star routing — 40 participants announce at the same instant; each
// announce goes to the room's hub only, and the hub's offer comes back to that one socket.
// (The sync benchmark measures whole peers; this isolates the signaling path.)
import WebSocket from 'ws';
import { startHostProcess } from '../lib/host-process.mjs';
import { emit } from './lib/metrics.mjs';

const PEERS = 40;
const started = performance.now();
const listening = await startHostProcess();
const startupMs = performance.now() - started;

// Every socket is its own participant, with the member token the host gives at join.
const join = async () => (await fetch(new URL('/api/join', listening.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: listening.joinCode }) })).json();
const tickets = await Promise.all(Array.from({ length: PEERS }, join));
const topic = `madang:${tickets[0].roomId}`;
const signalUrl = (i) => `${listening.url.replace('http', 'ws')}/signal?code=${listening.joinCode}&member=${encodeURIComponent(tickets[i].memberToken)}`;

const announcedAt = new Map();
const offerMs = new Map();
let signalsReceived = 0;
let misrouted = 0;
const sockets = await Promise.all(
  Array.from({ length: PEERS }, (_, i) => new Promise((resolve, reject) => {
    const peerId = `bench-peer-${i}`;
    const ws = new WebSocket(signalUrl(i));
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
      resolve(ws);
    });
    ws.on('error', reject);
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw));
      if (m.type !== 'publish') return;
      signalsReceived++;
      if (m.data?.to !== peerId) misrouted++;
      else if (m.data.signal?.type === 'offer' && !offerMs.has(i)) offerMs.set(i, performance.now() - announcedAt.get(i));
    });
    ws.peerId = peerId;
  })),
);
// One ping round trip per socket makes sure every subscribe has been processed.
await Promise.all(sockets.map((ws) => new Promise((resolve) => {
  ws.once('message', resolve);
  ws.send(JSON.stringify({ type: 'ping' }));
})));

const stormStart = performance.now();
sockets.forEach((ws, i) => {
  announcedAt.set(i, performance.now());
  ws.send(JSON.stringify({ type: 'publish', topic, data: { type: 'announce', from: ws.peerId } }));
});
const deadline = performance.now() + 10_000;
while (offerMs.size < PEERS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
const allOffersMs = offerMs.size === PEERS ? performance.now() - stormStart : null;
// Let trickled ICE candidates arrive too, so misrouting would show.
await new Promise((r) => setTimeout(r, 500));

const latencies = [...offerMs.values()].sort((a, b) => a - b);
const pct = (p) => Number((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(1));
const health = await fetch(new URL('/api/health', listening.url)).then((r) => r.ok);
for (const ws of sockets) ws.close();
await listening.dispose();

const B = 'signaling';
emit(B, 'host start-up (spawn → listening)', startupMs, 'ms', 1);
emit(B, 'offers received after a join-storm announce', offerMs.size, 'count', PEERS);
emit(B, 'announce → offer p50', pct(50), 'ms', offerMs.size);
emit(B, 'announce → offer p95', pct(95), 'ms', offerMs.size);
emit(B, 'all offers in', allOffersMs, 'ms', PEERS);
emit(B, 'signals delivered', signalsReceived, 'count', PEERS);
emit(B, 'signals misrouted', misrouted, 'count', signalsReceived);
emit(B, '/api/health answers after the storm', health ? 1 : 0, 'bool', 1);
