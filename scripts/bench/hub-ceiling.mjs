// The hub's own ceiling: one real host (the built CLI, its own process) and N participants as
// relay WebSockets from this one process — no WebRTC stack per peer, so the star's centre is
// measured alone. Each participant makes a note, then moves it, `--rate` times a second (default
// 1, the sync bench's rate); `--observers` of them (default 8) keep a whole board and time every
// other participant's edit from send to arrival. Per N: the hub's CPU per edit (from /proc), p50 /
// p95 / p99 propagation, and this process's event-loop delay (if it is high, the clients, not the
// hub, are the limit). N grows through --n until p95 passes 1 s (the hub is saturated), then one
// step bisects after the last N within 100 ms: the ceiling is the largest N whose p95 stayed within
// 100 ms with every edit seen.
// Usage: npm run bench -- hub-ceiling [--n=25,50,100,120] [--seconds=10] [--rate=1] [--observers=8]
import { rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { startHostProcess } from '../lib/host-process.mjs';
import { emit, option, percentile, processUsage } from './lib/metrics.mjs';

const B = 'hub-ceiling';
const numbers = (raw) => raw.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 1);
// A room admits 120 relay sockets (main/host/hub/relay.ts RELAY_LIMITS), so one room's hub is
// measured up to that; beyond it the limit is the room's by design, not the hub's.
const SIZES = option('n', [25, 50, 100, 120], numbers);
/** The relay admits 32 sockets per address: participants come from distinct loopback addresses, as devices would. */
const PER_ADDRESS = 25;
const SECONDS = option('seconds', 10, Number);
const RATE = option('rate', 1, Number);
const OBSERVERS = option('observers', 8, Number);
const GOAL_P95_MS = 100;
const WARMUP_MS = 2_000;
const SETTLE_MS = 2_000;

const log = (text) => process.stderr.write(`[hub-ceiling] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const MESSAGE_SYNC = 0;

function updateMessage(update) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One participant: its own note, edited on its own doc; an observer also keeps the whole board. */
class Participant {
  constructor(index, url, observer, latencies, sentAt, localAddress) {
    this.index = index;
    this.observer = observer;
    this.noteId = `p${index}`;
    this.own = new Y.Doc();
    this.board = observer ? new Y.Doc() : null;
    this.seq = 0;
    this.ws = new WebSocket(url, { localAddress });
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
      this.ws.once('close', (code) => reject(new Error(`closed ${code}`)));
    });
    this.ws.on('error', () => {});
    this.own.on('update', (update) => this.send(updateMessage(update)));
    if (!observer) return;
    const seen = new Set();
    this.board.getMap('records').observeDeep((events) => {
      const at = performance.now();
      for (const event of events) {
        const id = event.path[0] ?? [...event.keysChanged][0];
        const record = this.board.getMap('records').get(id);
        const seq = record instanceof Y.Map ? record.get('seq') : undefined;
        if (typeof seq !== 'string' || seen.has(seq) || id === this.noteId) continue;
        seen.add(seq);
        const sent = sentAt.get(seq);
        // Only edits sent inside the measuring window count.
        if (sent !== undefined && latencies.windowStart !== null && sent >= latencies.windowStart) {
          latencies.push(at - sent);
          if (process.env.HUB_CEILING_DEBUG && at - sent > 50) log(`slow ${seq} ${Math.round(at - sent)} ms at +${Math.round(at - latencies.windowStart)}`);
        }
      }
    });
    this.ws.on('message', (data) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, reply, this.board, 'hub');
      if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
    });
  }

  send(message) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /** The first edit makes the note, later ones move it; `seq` says which edit it was. */
  edit(seq) {
    const records = this.own.getMap('records');
    this.own.transact(() => {
      let note = records.get(this.noteId);
      if (!(note instanceof Y.Map)) {
        note = new Y.Map();
        records.set(this.noteId, note);
        note.set('type', 'note');
        note.set('color', 'yellow');
        note.set('w', 160);
        note.set('h', 100);
        note.set('text', new Y.Text(`참가자 ${this.index}`));
      }
      note.set('x', (this.index % 40) * 180 + (this.seq % 10));
      note.set('y', Math.floor(this.index / 40) * 120);
      note.set('seq', seq);
      this.seq++;
    });
  }

  close() {
    this.ws.terminate();
    this.own.destroy();
    this.board?.destroy();
  }
}

async function measure(n) {
  const host = await startHostProcess();
  // The host's warnings (a link cut, a refused change) would explain a slow run: counted, first few shown.
  const warnings = new Map();
  host.process.stderr.on('data', (chunk) => {
    for (const line of String(chunk).split('\n')) {
      const event = /"level":"(?:warn|error)".*?"event":"([^"]+)"/.exec(line)?.[1] ?? /"event":"([^"]+)".*?"level":"(?:warn|error)"/.exec(line)?.[1];
      if (event) warnings.set(event, (warnings.get(event) ?? 0) + 1);
    }
  });
  const participants = [];
  try {
    const join = async () => {
      const response = await fetch(new URL('/api/join', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }), signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`POST /api/join: HTTP ${response.status}`);
      return response.json();
    };
    const tickets = [];
    for (let i = 0; i < n; i += 20) tickets.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, join))));
    const latencies = [];
    latencies.windowStart = null;
    const sentAt = new Map();
    const origin = host.url.replace(/^http/, 'ws');
    for (let i = 0; i < n; i++) {
      const { roomId, joinCode, memberToken } = tickets[i];
      const url = `${origin}/relay/${encodeURIComponent(roomId)}?code=${encodeURIComponent(joinCode)}&member=${encodeURIComponent(memberToken)}`;
      const localAddress = `127.0.${10 + Math.floor(i / PER_ADDRESS)}.${1 + (i % PER_ADDRESS)}`;
      participants.push(new Participant(i, url, i < OBSERVERS, latencies, sentAt, localAddress));
    }
    await Promise.all(participants.map((p) => p.opened));

    // Every participant edits `RATE` times a second, spread evenly over the second.
    const period = 1000 / RATE;
    const started = performance.now();
    let edits = 0;
    let windowEdits = 0;
    let windowStart = null;
    let windowEnd = null;
    const next = participants.map((_, i) => started + (i / n) * period);
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    const stopAt = started + WARMUP_MS + SECONDS * 1000;
    let hubBefore = null;
    while (performance.now() < stopAt) {
      const now = performance.now();
      if (windowStart === null && now - started >= WARMUP_MS) {
        windowStart = now;
        hubBefore = processUsage(host.process.pid);
        latencies.windowStart = now;
        loopDelay.enable();
      }
      for (let i = 0; i < n; i++) {
        if (next[i] > now) continue;
        next[i] += period;
        const seq = `${i}:${edits++}`;
        sentAt.set(seq, performance.now());
        participants[i].edit(seq);
        if (windowStart !== null) windowEdits++;
      }
      await sleep(5);
    }
    windowEnd = performance.now();
    const hubAfter = processUsage(host.process.pid);
    loopDelay.disable();
    // Edits still in flight arrive (or count as late) before the figures are taken.
    await sleep(SETTLE_MS);
    const windowMs = windowEnd - windowStart;
    const hubCpuMs = hubAfter && hubBefore ? hubAfter.cpuMs - hubBefore.cpuMs : null;
    // Each edit is timed by every observer but its own maker.
    const observers = Math.min(OBSERVERS, n);
    const expected = windowEdits * observers - windowEdits * (observers / n);
    if (warnings.size) log(`N=${n}: host warnings ${JSON.stringify(Object.fromEntries(warnings))}`);
    return {
      n,
      edits: windowEdits,
      samples: latencies.length,
      delivered: expected > 0 ? latencies.length / expected : null,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      hubCpuPercent: hubCpuMs === null ? null : (hubCpuMs / windowMs) * 100,
      hubCpuPerEditMs: hubCpuMs === null ? null : hubCpuMs / windowEdits,
      hubCpuPerDeliveryUs: hubCpuMs === null ? null : (hubCpuMs * 1000) / (windowEdits * (n - 1)),
      hubRssMB: hubAfter?.rssMB ?? null,
      clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    };
  } finally {
    for (const p of participants) p.close();
    await host.stop();
    rmSync(host.dataDir, { recursive: true, force: true });
  }
}

function report(r) {
  const at = `N=${r.n}`;
  emit(B, `${at}: propagation p50`, r.p50, 'ms', r.samples);
  emit(B, `${at}: propagation p95`, r.p95, 'ms', r.samples);
  emit(B, `${at}: propagation p99`, r.p99, 'ms', r.samples);
  emit(B, `${at}: edits seen by observers`, r.delivered === null ? null : r.delivered * 100, '%', r.samples);
  emit(B, `${at}: hub CPU`, r.hubCpuPercent, '% of a core', r.edits);
  emit(B, `${at}: hub CPU per edit`, r.hubCpuPerEditMs, 'ms', r.edits);
  emit(B, `${at}: hub CPU per edit per receiving link`, r.hubCpuPerDeliveryUs, 'µs', r.edits * (r.n - 1));
  emit(B, `${at}: hub RSS`, r.hubRssMB, 'MB', 1);
  emit(B, `${at}: client process event-loop delay p99`, r.clientLoopDelayP99Ms, 'ms', null);
}

const passes = (r) => r.p95 !== null && r.p95 <= GOAL_P95_MS && (r.delivered ?? 0) >= 0.99;
let best = null;
let worst = null;
for (const n of SIZES) {
  log(`N=${n}: ${SECONDS} s at ${RATE} edit/participant/s…`);
  const r = await measure(n);
  log(`N=${n}: p50 ${r.p50?.toFixed(1)} / p95 ${r.p95?.toFixed(1)} ms, hub ${r.hubCpuPercent?.toFixed(1)} % CPU, ${r.hubCpuPerEditMs?.toFixed(3)} ms/edit, seen ${(r.delivered * 100).toFixed(1)} %, client loop p99 ${r.clientLoopDelayP99Ms.toFixed(0)} ms`);
  report(r);
  if (passes(r)) best = r;
  else worst ??= r;
  // Past the goal, larger rooms still show how the hub's CPU grows; stop once it is clearly saturated.
  if (r.p95 === null || r.p95 > 10 * GOAL_P95_MS) break;
}
if (best && worst && worst.n > best.n && worst.n - best.n > 2) {
  const n = Math.round((best.n + worst.n) / 2);
  log(`N=${n} (bisecting)…`);
  const r = await measure(n);
  report(r);
  if (passes(r)) best = r;
}
emit(B, `largest N with p95 ≤ ${GOAL_P95_MS} ms (of those tried)`, best?.n ?? 0, 'participants', null);
