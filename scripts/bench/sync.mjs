// Bench: room sync, stock y-webrtc 10.3 (full mesh, its own signaling server) against Madang
// (RoomSync clients around the host's hub), in the same run. Every peer is its own Node process
// (scripts/bench/sync-peer/peer.mjs) with real WebRTC from @roamhq/wrtc, all on loopback.
// Prints ONE JSON object on stdout; progress goes to stderr.
//
// Output (times in ms; every list row may instead be { ..., failed: true, reason }):
// {
//   bench: 'sync', machine: { cpus, cpuModel, node, platform }, config: {...}, wallMs, warnings?: string[],
//   lateJoin: { stock: Row[], madang: Row[] }
//     Row = { notes, bytes, ms, syncedMs?, hub?: { seederSyncedMs, seededAndFetchedMs } }
//     A seeding peer builds makeBoardOfNotes(notes) (bytes: its Y.encodeStateAsUpdate) and connects.
//     Stock: it stays, the only copy. Madang: once a probe peer has fetched the whole board from the
//     hub, seeder and probe leave. Then a fresh, already loaded peer starts its client; ms = until
//     its doc holds every note (syncedMs: until RoomSync.whenSynced).
//   propagation: { stock: Row[], madang: Row[] }
//     Row = { peers, formed: { linked, of, formMs, connectionDrops, missingPairs (stock) | transports (madang) },
//             edits, editsMissed, expectedReceptions, p50, p95, p99, max, lost, messagesPerEdit, bytesPerEdit,
//             messages: {...}, distinctStates: { update, json }, unresponsivePeers?, settleMs, connectionDrops,
//             peerCpuPercent: { mean, max }, loadAverage1m, serverCpuPercent }
//     Every peer adds one small note a second (id = sender + sequence, text = send time) for
//     editSeconds; latency = receive time − send time for each (edit, other peer). Stock edits
//     run on whatever mesh formed within formTimeoutMs. distinctStates: distinct hashes of
//     Y.encodeStateAsUpdate and of the board's canonical JSON over all peers after settling.
//   joinStorm: { peers, timeoutMs, stock: Trial[], madang: Trial[] }
//     Trial = { trial, allConnectedMs | null, connected, of, medianMs, connectionDrops, meanConnections + missingPairs (stock) | transports (madang) }
//     All peers loaded, then started at one instant. A stock peer counts once y-webrtc says synced
//     and it has all N−1 data channels; a madang peer once RoomSync.whenSynced resolves.
//   cursors: { peers, hz, seconds, stock: Row, madang: Row }
//     Row = { linked, peerCpuPercent: { mean, max }, peerRssMB: { mean, max }, server: { role, pid, cpuPercent, rssMB },
//             eventLoopDelayP99Ms: { mean, max }, connectionDrops, achievedHz: { mean, min }, awarenessDeliveredInWindow }
//     server: the y-webrtc signaling server (stock) or the host with its hub (madang), from /proc.
//   goals: { madang: { <name>: { goal, value, met } } }   the issue's goals (late join 5,000 and 20,000 notes,
//     propagation at 20 and 40 peers, join storm), for what was measured
// }
// A system or measure that cannot run reports { failed: true, reason } and the rest still runs.
//
// Subset (flags, or env SYNC_BENCH_<NAME> for `npm run bench`): --only=lateJoin,propagation,joinStorm,cursors
// --systems=stock,madang --peers=10,20,30,40 --notes=500,2000,5000,20000 --edit-seconds=15
// --storm-peers=40 --storm-trials=3 --cursor-peers=20 --cursor-seconds=10
// e.g. node scripts/bench/sync.mjs --only=lateJoin --systems=stock --notes=500
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { bundleTs } from '../lib/import-ts.mjs';
import { startHostProcess } from '../lib/host-process.mjs';

const root = new URL('../../', import.meta.url);
const PEER_SCRIPT = new URL('./sync-peer/peer.mjs', import.meta.url).pathname;
const STOCK_SERVER = new URL('node_modules/y-webrtc/bin/server.js', root).pathname;

// ---------- configuration ----------

function option(name, fallback, parse) {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const raw = flag ? flag.slice(name.length + 3) : process.env[`SYNC_BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
  return raw === undefined || raw === '' ? fallback : parse(raw);
}
const list = (raw) => raw.split(',').map((s) => s.trim()).filter(Boolean);
const numbers = (raw) => list(raw).map(Number).filter((n) => Number.isFinite(n) && n > 0);

const MEASURES = ['lateJoin', 'propagation', 'joinStorm', 'cursors'];
const SYSTEMS = ['stock', 'madang'];
const config = {
  only: option('only', MEASURES, list).filter((m) => MEASURES.includes(m)),
  systems: option('systems', SYSTEMS, list).filter((s) => SYSTEMS.includes(s)),
  notes: option('notes', [500, 2000, 5000, 20_000], numbers),
  peers: option('peers', [10, 20, 30, 40], numbers),
  editSeconds: option('edit-seconds', 15, Number),
  stormPeers: option('storm-peers', 40, Number),
  stormTrials: option('storm-trials', 3, Number),
  cursorPeers: option('cursor-peers', 20, Number),
  cursorSeconds: option('cursor-seconds', 10, Number),
  cursorHz: 10,
  seed: 7,
  // Every wait is bounded: these are the bounds.
  lateJoinTimeoutMs: 15_000,
  formTimeoutMs: 20_000,
  settleMaxMs: 10_000,
  stormTimeoutMs: 20_000,
};
const SPAWN_TIMEOUT_MS = 90_000;
const REQUEST_TIMEOUT_MS = 30_000;
const WATCHDOG_MS = 14 * 60_000; // npm run bench gives each bench 15 minutes
const HOST_STOP_MS = 5000;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const runStart = performance.now();
const log = (message) => process.stderr.write(`sync +${((performance.now() - runStart) / 1000).toFixed(1)}s: ${message}\n`);
const round = (v, digits = 1) => (v == null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const message = (error) => String(error?.message ?? error).split('\n')[0];
/** Things that went wrong around the measurement (not in it): reported in the output too. */
const warnings = [];
const warn = (text) => {
  warnings.push(text);
  log(`warning: ${text}`);
};

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
  ]);
}

// ---------- cleanup: every child we start is killed, whatever happens ----------

const children = new Set();
const dataDirs = new Set();
let bundlePath = null;

function killEverything() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  if (bundlePath) rmSync(bundlePath, { force: true });
}
process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    log(`${signal}: stopping every peer and server`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Forwards a child's output lines (those `keep` accepts) to our stderr, prefixed, and not without end. */
function forward(stream, label, maxLines = 40, keep = () => true) {
  let lines = 0;
  createInterface({ input: stream }).on('line', (line) => {
    if (!keep(line)) return;
    if (++lines <= maxLines) process.stderr.write(`[${label}] ${line}\n`);
    else if (lines === maxLines + 1) process.stderr.write(`[${label}] (further output suppressed)\n`);
  });
}

async function stopChild(child, graceMs = 2000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(graceMs)]);
  }
}

// ---------- peers ----------

class Peer {
  constructor(label) {
    this.label = label;
    this.pending = new Map();
    this.events = new Map();
    this.waiters = [];
    this.nextId = 1;
    this.child = track(fork(PEER_SCRIPT, [bundlePath], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }));
    forward(this.child.stdout, label);
    forward(this.child.stderr, label);
    this.child.on('message', (m) => this.onMessage(m));
    // e.g. a send on the IPC channel of a peer that just died: its 'exit' handles the rest.
    this.child.on('error', (error) => log(`${label}: ${message(error)}`));
    this.child.once('exit', (code, signal) => {
      this.exited = `exited (${code ?? signal})`;
      for (const { reject } of this.pending.values()) reject(new Error(`${label} ${this.exited}`));
      this.pending.clear();
      for (const w of this.waiters) w.reject(new Error(`${label} ${this.exited}`));
      this.waiters = [];
    });
  }

  onMessage(m) {
    if (m.ev) {
      if (!this.events.has(m.ev)) this.events.set(m.ev, m);
      for (const w of this.waiters.filter((x) => x.names.includes(m.ev))) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
      return;
    }
    const request = this.pending.get(m.id);
    if (!request) return;
    this.pending.delete(m.id);
    if (m.ok) request.resolve(m.result);
    else request.reject(new Error(`${this.label}: ${m.error}`));
  }

  request(cmd, args = {}, timeoutMs = REQUEST_TIMEOUT_MS) {
    if (this.exited) return Promise.reject(new Error(`${this.label} ${this.exited}`));
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    try {
      this.child.send({ id, cmd, args });
    } catch (error) {
      this.pending.delete(id);
      return Promise.reject(error);
    }
    return withTimeout(answer, timeoutMs, `${this.label} ${cmd}`).finally(() => this.pending.delete(id));
  }

  /** The first of the named events (already seen, or still to come). */
  event(names, timeoutMs) {
    names = [].concat(names);
    for (const name of names) if (this.events.has(name)) return Promise.resolve(this.events.get(name));
    if (this.exited) return Promise.reject(new Error(`${this.label} ${this.exited}`));
    const waiter = { names };
    const promise = new Promise((resolve, reject) => Object.assign(waiter, { resolve, reject }));
    this.waiters.push(waiter);
    return withTimeout(promise, timeoutMs, `${this.label} waiting for ${names.join('/')}`).finally(() => {
      const i = this.waiters.indexOf(waiter);
      if (i >= 0) this.waiters.splice(i, 1);
    });
  }

  async close() {
    if (this.exited) return;
    await this.request('exit', {}, 2000).catch(() => {});
    await stopChild(this.child, 1500);
  }
}

/** n peer processes, every one loaded (modules, wrtc) before this returns. */
async function spawnPeers(n, label) {
  const peers = Array.from({ length: n }, (_, i) => new Peer(`${label}#${i}`));
  try {
    await Promise.all(peers.map((p) => p.event('loaded', SPAWN_TIMEOUT_MS)));
  } catch (error) {
    await closePeers(peers);
    throw error;
  }
  return peers;
}

const closePeers = (peers) => Promise.all(peers.map((p) => p.close()));
/** Like all(), but a peer that fails or does not answer in time gives null instead of failing the run. */
const each = (peers, cmd, args, timeoutMs) => Promise.all(peers.map((p, i) => p.request(cmd, typeof args === 'function' ? args(i) : args, timeoutMs).catch(() => null)));
const all = (peers, cmd, args, timeoutMs) => Promise.all(peers.map((p, i) => p.request(cmd, typeof args === 'function' ? args(i) : args, timeoutMs)));

/** Waits (bounded) until every peer has sent `linked`; returns each peer's event or null. */
async function waitLinked(peers, timeoutMs) {
  return Promise.all(peers.map((p) => p.event(['linked', 'linkFailed'], timeoutMs).then((e) => (e.ev === 'linked' ? e : null), () => null)));
}

// ---------- the two systems ----------

async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// The stock server calls server.listen(PORT), i.e. every interface; this preload pins it to
// loopback without touching its code.
const LOOPBACK_LISTEN = `data:text/javascript,${encodeURIComponent(`
import net from 'node:net';
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  return typeof port === 'number' || typeof port === 'string' ? listen.call(this, { port: Number(port), host: '127.0.0.1' }, ...rest.filter((a) => typeof a === 'function')) : listen.call(this, port, ...rest);
};`)}`;

async function startStock() {
  const port = await freePort();
  const child = track(spawn(process.execPath, ['--import', LOOPBACK_LISTEN, STOCK_SERVER], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] }));
  forward(child.stderr, 'y-webrtc server');
  const ready = new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => line.includes('running') && resolve());
    child.once('exit', (code) => reject(new Error(`y-webrtc signaling server exited (${code})`)));
  });
  try {
    await withTimeout(ready, 10_000, 'y-webrtc signaling server');
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const room = `bench-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    system: 'stock',
    pid: child.pid,
    peerArgs: { system: 'stock', room, signaling: `ws://127.0.0.1:${port}` },
    stats: async () => null,
    stop: () => stopChild(child),
  };
}

let madangProblem = null; // why madang cannot run at all, found once

async function startMadang() {
  if (madangProblem) throw new Error(madangProblem);
  const host = await startHostProcess();
  track(host.process);
  dataDirs.add(host.dataDir);
  // The host's banner and QR code are for people; only its warnings and errors matter here.
  forward(host.process.stderr, 'host', 20, (line) => /"level":"(warn|error)"/.test(line) && !line.includes('"http.upgradeSocketError"'));
  // Bounded: the host gets HOST_STOP_MS to shut down on SIGTERM, then it is killed.
  const stop = async () => {
    const started = now();
    const stopped = await Promise.race([host.stop().then(() => true), sleep(HOST_STOP_MS).then(() => false)]);
    if (!stopped) warn(`the host (pid ${host.process.pid}) did not exit within ${HOST_STOP_MS} ms of SIGTERM; killed`);
    else if (now() - started > 2000) warn(`the host took ${Math.round(now() - started)} ms to exit after SIGTERM`);
    await stopChild(host.process);
    rmSync(host.dataDir, { recursive: true, force: true });
    dataDirs.delete(host.dataDir);
  };
  try {
    const response = await withTimeout(fetch(new URL('/api/join', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }) }), 10_000, 'POST /api/join');
    if (!response.ok) throw new Error(`POST /api/join: HTTP ${response.status}`);
    const ticket = await response.json();
    // The facilitator's own machine (loopback) opens the room again and gets its member token:
    // the peer that seeds a board writes its metadata, which only the facilitator may.
    const opened = await withTimeout(fetch(new URL('/api/rooms', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sessionId: ticket.sessionId, title: ticket.title }) }), 10_000, 'POST /api/rooms');
    if (!opened.ok) throw new Error(`POST /api/rooms: HTTP ${opened.status}`);
    const room = await opened.json();
    if (room.roomId !== ticket.roomId) throw new Error('POST /api/rooms opened another room than the one participants join');
    return {
      system: 'madang',
      pid: host.process.pid,
      facilitatorToken: room.memberToken,
      peerArgs: { system: 'madang', roomId: ticket.roomId, joinCode: ticket.joinCode, hostOrigin: host.url },
      /** The hub's counters, or null when the host does not serve them (yet). */
      stats: async () => {
        try {
          const r = await withTimeout(fetch(new URL('/api/stats', host.url)), 5000, 'GET /api/stats');
          return r.ok ? ((await r.json()).hub ?? null) : null;
        } catch {
          return null;
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const startSystem = (system) => (system === 'stock' ? startStock() : startMadang());

/** Runs fn with a fresh system (server or host) and n fresh peers; always cleans both up. */
async function withRoom(system, n, label, fn) {
  const sys = await startSystem(system);
  let peers = [];
  try {
    peers = await spawnPeers(n, `${system}/${label}`);
    return await fn(sys, peers);
  } finally {
    await closePeers(peers);
    await sys.stop();
  }
}

// ---------- measures ----------

async function lateJoin(system) {
  const rows = [];
  for (const notes of config.notes) {
    log(`lateJoin ${system} ${notes} notes`);
    let bytes;
    try {
      rows.push(await withRoom(system, system === 'madang' ? 3 : 2, `late${notes}`, async (sys, [seeder, joiner, probe]) => {
        ({ bytes } = await seeder.request('seed', { notes, seed: config.seed }, 120_000));
        const seededAt = now();
        await seeder.request('connect', { ...sys.peerArgs, ...(sys.facilitatorToken ? { memberToken: sys.facilitatorToken } : {}), expectPeers: 0, linkTimeoutMs: 60_000 }, 60_000);
        let hub = null;
        if (system === 'madang') {
          const linked = await seeder.event(['linked', 'linkFailed'], 65_000);
          if (linked.ev !== 'linked') throw new Error(`the seeding peer never synced with the hub: ${linked.error}`);
          // whenSynced on the seeder does not mean the hub has its board yet (the upload may still
          // be on its way), so a probe peer fetches it first; then both leave and the joiner gets
          // the board from the hub alone.
          await probe.request('connect', { ...sys.peerArgs, expectNotes: notes });
          const probed = await probe.event('allNotes', 60_000).catch(() => null);
          if (!probed) {
            const state = await probe.request('status').catch(() => ({}));
            throw new Error(`the hub did not serve the whole board within 60 s of seeding (a probe peer holds ${state.notes ?? '?'} of ${notes} records)`);
          }
          hub = { seededAndFetchedMs: round(probed.at - seededAt, 0), seederSyncedMs: round(linked.ms, 0) };
          await Promise.all([seeder.close(), probe.close()]);
        } else {
          // Stock has no server copy: the seeder stays, and must be subscribed before the joiner asks.
          const deadline = now() + 10_000;
          while (!(await seeder.request('status')).signalingConnected) {
            if (now() > deadline) throw new Error('the seeding peer never reached the signaling server');
            await sleep(50);
          }
        }
        await joiner.request('connect', { ...sys.peerArgs, expectNotes: notes, expectPeers: system === 'madang' ? 0 : undefined, linkTimeoutMs: config.lateJoinTimeoutMs });
        const done = await joiner.event('allNotes', config.lateJoinTimeoutMs).catch(() => null);
        if (done) {
          const synced = system === 'madang' ? await joiner.event(['linked', 'linkFailed'], 5000).catch(() => null) : null;
          return { notes, bytes, ms: round(done.ms), ...(synced?.ev === 'linked' ? { syncedMs: round(synced.ms) } : {}), ...(hub ? { hub } : {}) };
        }
        const state = await joiner.request('status').catch(() => ({}));
        let reason = `no complete board within ${config.lateJoinTimeoutMs} ms (the joiner holds ${state.notes ?? '?'} of ${notes} records)`;
        if (system === 'stock') {
          const sent = await seeder.request('counters').catch(() => null);
          if (sent?.channel.oversize) reason += `; the seeder sent ${sent.channel.oversize} data-channel message(s) over 256 KiB (largest ${sent.channel.largest} bytes), which libwebrtc drops`;
        } else if (state.state) reason += `; joiner state ${JSON.stringify(state.state)}`;
        return { notes, bytes, failed: true, reason, ...(hub ? { hub } : {}) };
      }));
    } catch (error) {
      rows.push({ notes, ...(bytes ? { bytes } : {}), failed: true, reason: message(error) });
    }
    log(`  → ${JSON.stringify(rows.at(-1))}`);
  }
  return rows;
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const distinct = (values) => new Set(values).size;

/** Pairs of stock peers that are not connected both ways, from each peer's own view. */
function missingPairs(statuses) {
  const byId = new Map(statuses.map((s, i) => [s?.peerId, i]));
  const sees = statuses.map((s) => new Set((s?.connected ?? []).map((id) => byId.get(id))));
  let missing = 0;
  for (let i = 0; i < statuses.length; i++) for (let j = i + 1; j < statuses.length; j++) if (!sees[i].has(j) || !sees[j].has(i)) missing++;
  return missing;
}

async function propagationRun(system, n) {
  return withRoom(system, n, `prop${n}`, async (sys, peers) => {
    const formStart = now();
    await all(peers, 'connect', (i) => ({ ...sys.peerArgs, peerIndex: i, withBoard: true, expectPeers: n - 1, linkTimeoutMs: config.formTimeoutMs }));
    const linked = await waitLinked(peers, config.formTimeoutMs);
    const linkedCount = linked.filter(Boolean).length;
    const formed = { linked: linkedCount, of: n, formMs: linkedCount === n ? round(Math.max(...linked.map((e) => e.at)) - formStart, 0) : null };
    const statuses = await each(peers, 'status', {}, 10_000);
    formed.connectionDrops = statuses.reduce((a, st) => a + (st?.drops ?? 0), 0);
    if (system === 'stock') formed.missingPairs = missingPairs(statuses);
    else formed.transports = countBy(statuses.map((s) => s?.state?.transport ?? 'unknown'));
    // An incomplete mesh still gets its edits: what it loses is part of the measurement.
    log(`  formed ${JSON.stringify(formed)}`);

    await sleep(500); // let the last sync exchanges finish before counting messages
    await each(peers, 'resetCounters', {}, 10_000);
    const hubBefore = await sys.stats();
    const serverBefore = procSample(sys.pid);
    const durationMs = config.editSeconds * 1000;
    const startAt = now() + 500;
    await each(peers, 'edits', { startAt, durationMs, intervalMs: 1000 }, 10_000);
    await sleep(startAt + durationMs + 200 - now());

    // Settle: until every edit arrived everywhere, or the counts stop moving, at most settleMaxMs.
    // A peer too busy to answer a poll does not stop the run: it counts as unresponsive.
    const settleStart = now();
    let last = -1;
    let stableSince = now();
    for (;;) {
      const progress = (await each(peers, 'progress', {}, 5000)).filter(Boolean);
      const sent = progress.reduce((a, p) => a + p.sent, 0);
      const got = progress.reduce((a, p) => a + p.received, 0);
      if (progress.length === n && got === sent * (n - 1)) break;
      if (got !== last) {
        last = got;
        stableSince = now();
      } else if (now() - stableSince >= 2000) break;
      if (now() - settleStart >= config.settleMaxMs) break;
      await sleep(250);
    }
    const settleMs = now() - settleStart;
    const reports = await each(peers, 'report', {}, 15_000);
    const counters = (await each(peers, 'counters', {}, 10_000)).filter(Boolean);
    const hubAfter = await sys.stats();
    const serverAfter = procSample(sys.pid);

    // Edits each peer made: its own count, or for a peer that did not answer, the highest
    // sequence anyone received from it.
    const sentBy = reports.map((r, i) => r?.sent ?? Math.max(0, ...reports.map((o) => o?.latestFrom[i] ?? 0)));
    const edits = sentBy.reduce((a, b) => a + b, 0);
    const answered = reports.map((r, i) => [r, i]).filter(([r]) => r);
    const expected = answered.reduce((a, [, i]) => a + edits - sentBy[i], 0);
    const receivedCount = answered.reduce((a, [r]) => a + r.received, 0);
    const latencies = answered.flatMap(([r]) => r.latencies).filter(Number.isFinite).sort((a, b) => a - b);
    const sum = (pick) => counters.reduce((a, c) => a + pick(c), 0);
    // Messages on the wire, counted the same way in both systems: what every peer process sends
    // (data channels, and for madang its relay socket); for madang also what the hub sends, from
    // its own counters when the host serves them, else as the frames the peers received.
    const peerSends = sum((c) => c.channel.sends + c.relay.sends);
    const peerBytes = sum((c) => c.channel.bytes + c.relay.bytes);
    const messages = { peerDataChannelSends: sum((c) => c.channel.sends) };
    let total = peerSends;
    let totalBytes = peerBytes;
    if (system === 'madang') {
      Object.assign(messages, { peerRelaySends: sum((c) => c.relay.sends), onSentCount: sum((c) => c.onSent.sends) });
      if (hubBefore && hubAfter) {
        Object.assign(messages, { hubSends: hubAfter.messagesOut - hubBefore.messagesOut, hubReceived: hubAfter.messagesIn - hubBefore.messagesIn, hubSource: 'GET /api/stats' });
        totalBytes += hubAfter.bytesOut - hubBefore.bytesOut;
      } else {
        Object.assign(messages, { hubSends: sum((c) => c.channel.received + c.relay.received), hubSource: 'frames received by the peers (GET /api/stats unavailable)' });
        totalBytes += sum((c) => c.channel.receivedBytes + c.relay.receivedBytes);
      }
      total += messages.hubSends;
    }
    if (counters.length < n) messages.countedPeers = counters.length;
    const states = answered.map(([r]) => r);
    return {
      peers: n,
      formed,
      edits,
      // Edits whose turn came after the window because the peer's event loop was stalled: not made.
      editsMissed: n * config.editSeconds - edits,
      expectedReceptions: expected,
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? null),
      lost: expected - receivedCount,
      messagesPerEdit: edits ? round(total / edits) : null,
      bytesPerEdit: edits ? Math.round(totalBytes / edits) : null,
      messages,
      distinctStates: { update: distinct(states.map((r) => r.stateHash)), json: distinct(states.map((r) => r.jsonHash)) },
      ...(answered.length < n ? { unresponsivePeers: n - answered.length } : {}),
      settleMs: round(settleMs, 0),
      connectionDrops: sum((c) => c.drops),
      // All peers share 2 cores here: how busy they were explains the latencies.
      peerCpuPercent: { mean: round(counters.reduce((a, c) => a + c.cpuPercent, 0) / Math.max(1, counters.length)), max: round(Math.max(0, ...counters.map((c) => c.cpuPercent))) },
      loadAverage1m: round(loadavg()[0], 2),
      // The stock signaling server idles once the mesh is up; madang's host relays every edit.
      ...(serverBefore && serverAfter ? { serverCpuPercent: round(((serverAfter.cpuMs - serverBefore.cpuMs) / (serverAfter.at - serverBefore.at)) * 100) } : {}),
    };
  });
}

function countBy(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

async function propagation(system) {
  const rows = [];
  for (const n of config.peers) {
    log(`propagation ${system} ${n} peers, ${config.editSeconds} s of edits`);
    try {
      rows.push(await propagationRun(system, n));
    } catch (error) {
      rows.push({ peers: n, failed: true, reason: message(error) });
    }
    const { formed: _f, messages: _m, ...brief } = rows.at(-1);
    log(`  → ${JSON.stringify(brief)}`);
  }
  return rows;
}

async function joinStorm(system) {
  const n = config.stormPeers;
  const trials = [];
  for (let trial = 1; trial <= config.stormTrials; trial++) {
    log(`joinStorm ${system} trial ${trial}: ${n} peers`);
    try {
      trials.push(await withRoom(system, n, `storm${trial}`, async (sys, peers) => {
        // Far enough ahead that every peer has its start time before it comes.
        const goAt = now() + 1000;
        await all(peers, 'connect', { ...sys.peerArgs, startAt: goAt, expectPeers: n - 1, linkTimeoutMs: config.stormTimeoutMs });
        const linked = await waitLinked(peers, goAt + config.stormTimeoutMs - now());
        const times = linked.filter(Boolean).map((e) => e.at - goAt).sort((a, b) => a - b);
        const statuses = await each(peers, 'status', {}, 10_000);
        const drops = { connectionDrops: statuses.reduce((a, st) => a + (st?.drops ?? 0), 0) };
        const extra = system === 'stock'
          ? { meanConnections: round(statuses.reduce((a, s) => a + (s?.connected.length ?? 0), 0) / n), missingPairs: missingPairs(statuses) }
          : { transports: countBy(statuses.map((s) => s?.state?.transport ?? 'unknown')) };
        return { trial, allConnectedMs: times.length === n ? round(times.at(-1), 0) : null, connected: times.length, of: n, medianMs: round(percentile(times, 50), 0), ...extra, ...drops };
      }));
    } catch (error) {
      trials.push({ trial, allConnectedMs: null, failed: true, reason: message(error) });
    }
    log(`  → ${JSON.stringify(trials.at(-1))}`);
  }
  return trials;
}

// /proc/<pid>/stat fields 14 and 15 (utime, stime) are in clock ticks.
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).stdout) || 100;
function procSample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return { at: now(), cpuMs, rssMB: rssKb / 1024 };
  } catch {
    return null;
  }
}

async function cursors(system) {
  const n = config.cursorPeers;
  log(`cursors ${system}: ${n} peers at ${config.cursorHz} Hz for ${config.cursorSeconds} s`);
  let row;
  try {
    row = await withRoom(system, n, 'cursors', async (sys, peers) => {
      await all(peers, 'connect', (i) => ({ ...sys.peerArgs, peerIndex: i, expectPeers: n - 1, linkTimeoutMs: config.formTimeoutMs }));
      const linked = (await waitLinked(peers, config.formTimeoutMs)).filter(Boolean).length;
      log(`  ${linked} of ${n} linked`);
      await sleep(500);
      const durationMs = config.cursorSeconds * 1000;
      const startAt = now() + 500;
      const running = all(peers, 'cursors', { startAt, hz: config.cursorHz, durationMs }, durationMs + 30_000);
      await sleep(startAt - now());
      const samples = [procSample(sys.pid)];
      while (now() < startAt + durationMs) {
        await sleep(Math.min(500, startAt + durationMs - now()));
        samples.push(procSample(sys.pid));
      }
      const rows = await running;
      const first = samples[0];
      const lastSample = samples.at(-1);
      const server = first && lastSample
        ? { pid: sys.pid, cpuPercent: round(((lastSample.cpuMs - first.cpuMs) / (lastSample.at - first.at)) * 100), rssMB: round(Math.max(...samples.filter(Boolean).map((s) => s.rssMB))) }
        : { pid: sys.pid, error: 'could not read /proc for the server process' };
      const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
      // Against what was actually set: a starved peer sets fewer than hz × seconds.
      const expected = rows.reduce((a, r) => a + r.sets, 0) * (n - 1);
      const rates = rows.map((r) => r.sets / config.cursorSeconds);
      return {
        linked,
        peerCpuPercent: { mean: round(mean(rows.map((r) => r.cpuPercent))), max: round(Math.max(...rows.map((r) => r.cpuPercent))) },
        peerRssMB: { mean: round(mean(rows.map((r) => r.rssMeanMB))), max: round(Math.max(...rows.map((r) => r.rssMaxMB))) },
        server: { role: system === 'stock' ? 'y-webrtc signaling server' : 'madang host (hub)', ...server },
        eventLoopDelayP99Ms: { mean: round(rows.reduce((a, r) => a + r.loopDelayP99Ms, 0) / n), max: round(Math.max(...rows.map((r) => r.loopDelayP99Ms))) },
        connectionDrops: rows.reduce((a, r) => a + r.drops, 0),
        achievedHz: { mean: round(rates.reduce((a, b) => a + b, 0) / n), min: round(Math.min(...rates)) },
        // Cursor changes seen from others within the window, against every set reaching every other peer.
        awarenessDeliveredInWindow: expected ? round(rows.reduce((a, r) => a + r.awarenessChanges, 0) / expected, 3) : null,
      };
    });
  } catch (error) {
    row = { failed: true, reason: message(error) };
  }
  log(`  → ${JSON.stringify(row)}`);
  return row;
}

// ---------- goals (madang only, as the issue states them) ----------

function goals(result) {
  const out = {};
  const add = (name, goal, value, met) => (out[name] = { goal, value, met });
  const late = result.lateJoin?.madang;
  for (const [notes, limit] of [[5000, 500], [20_000, 2000]]) {
    const row = late?.find((r) => r.notes === notes);
    if (row) add(`lateJoin${notes}`, `≤ ${limit} ms`, row.ms ?? row.reason, row.ms != null && row.ms <= limit);
  }
  for (const row of result.propagation?.madang ?? []) {
    const limit = { 20: 50, 40: 100 }[row.peers];
    if (!limit) continue; // the issue states goals for 20 and 40 peers
    if (row.failed) {
      add(`propagation${row.peers}`, 'runs', row.reason, false);
      continue;
    }
    add(`propagation${row.peers}`, `p95 ≤ ${limit} ms, 0 lost, 1 state, ≤ ${2 * row.peers} messages/edit`, { p95: row.p95, lost: row.lost, distinctStates: row.distinctStates, messagesPerEdit: row.messagesPerEdit },
      row.p95 != null && row.p95 <= limit && row.lost === 0 && row.distinctStates.update === 1 && row.distinctStates.json === 1 && row.messagesPerEdit != null && row.messagesPerEdit <= 2 * row.peers);
  }
  const storm = result.joinStorm?.madang;
  if (storm) add('joinStorm', `${config.stormPeers} of ${config.stormPeers} within 5000 ms in every trial`, storm.map((t) => t.allConnectedMs ?? `${t.connected ?? 0}/${config.stormPeers}`), storm.every((t) => t.allConnectedMs != null && t.allConnectedMs <= 5000));
  return out;
}

// ---------- main ----------

/** Builds the host if its sources changed, and finds whether RoomSync exists at all. */
function prepareMadang() {
  if (!existsSync(new URL('shared/sync/roomSync.ts', root))) return 'shared/sync/roomSync.ts does not exist yet';
  const build = spawnSync(process.execPath, [new URL('scripts/build.mjs', root).pathname, '--if-needed'], { stdio: ['ignore', 2, 2], timeout: 300_000 });
  if (build.status !== 0) {
    const failed = `node scripts/build.mjs --if-needed failed (${build.status ?? build.signal})`;
    // Often a renderer file mid-edit; the host build already in out/ can still be measured.
    if (!existsSync(new URL('out/host/cli.mjs', root))) return failed;
    warn(`${failed}: measuring the host already built in out/host, which may be older than its sources`);
  }
  return null;
}

/** The peer library, bundled once for every peer; a stand-in RoomSync when the real one cannot be bundled. */
async function bundlePeerLibrary(withRoomSync) {
  const stub = {
    name: 'no-room-sync',
    setup(build) {
      build.onResolve({ filter: /(^|\/)shared\/sync\/roomSync(\.ts)?$/ }, () => ({ path: 'roomSync', namespace: 'no-room-sync' }));
      build.onLoad({ filter: /.*/, namespace: 'no-room-sync' }, () => ({ contents: 'export const RoomSync = undefined;', loader: 'js' }));
    },
  };
  const external = ['@roamhq/wrtc', 'ws'];
  let code;
  if (withRoomSync) {
    try {
      code = await bundleTs('scripts/bench/sync-peer/lib.ts', { external });
    } catch (error) {
      madangProblem = `bundling shared/sync/roomSync.ts failed: ${message(error)}`;
    }
  }
  code ??= await bundleTs('scripts/bench/sync-peer/lib.ts', { external, plugins: [stub] });
  const dir = new URL('.bench/', root);
  mkdirSync(dir, { recursive: true });
  bundlePath = new URL(`sync-peer-lib-${process.pid}.mjs`, dir).pathname;
  writeFileSync(bundlePath, code);
}

async function main() {
  const started = now();
  const result = {
    bench: 'sync',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, node: process.version, platform: `${process.platform}-${process.arch}` },
    config,
  };
  const watchdog = setTimeout(() => {
    log(`watchdog: ${WATCHDOG_MS / 60_000} min passed, printing what was measured`);
    result.incomplete = `stopped by the watchdog after ${WATCHDOG_MS} ms`;
    if (warnings.length) result.warnings = warnings;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(1);
  }, WATCHDOG_MS);

  if (config.systems.includes('madang')) madangProblem = prepareMadang();
  await bundlePeerLibrary(config.systems.includes('madang') && madangProblem === null);
  if (madangProblem) log(`madang cannot run: ${madangProblem}`);

  const measures = { lateJoin, propagation, joinStorm, cursors };
  for (const name of config.only) {
    result[name] = {};
    if (name === 'joinStorm') Object.assign(result[name], { peers: config.stormPeers, timeoutMs: config.stormTimeoutMs });
    if (name === 'cursors') Object.assign(result[name], { peers: config.cursorPeers, hz: config.cursorHz, seconds: config.cursorSeconds });
    for (const system of config.systems) {
      try {
        if (system === 'madang' && madangProblem) throw new Error(madangProblem);
        result[name][system] = await measures[name](system);
      } catch (error) {
        result[name][system] = { failed: true, reason: message(error) };
      }
    }
  }
  if (config.systems.includes('madang')) result.goals = { madang: goals(result) };
  if (warnings.length) result.warnings = warnings;
  result.wallMs = Math.round(now() - started);
  clearTimeout(watchdog);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
