// Soak with chaos (a benchmark, not a CI test): N participants, each its own Node process with
// real WebRTC (soak-peer/peer.mjs), edit at a person's pace (a note made, moved, retyped or
// recoloured every few seconds) and move their cursors, for a set time, while a driver kills
// peers (SIGKILL; they restart from their local store), cuts peers off the network (their link is
// dropped while they keep editing, then restored) and kills the host once (SIGKILL, restarted on
// the same port and data folder). Then editing stops and the run waits for every peer to settle.
// It reports: lost edits (edits a peer had in its local store that the host's final board lacks;
// goal 0), whether every peer and the host hold byte-identical state, p50/p95/p99 propagation
// (edit made → seen by another peer), peak memory per peer, and messages per edit.
// (There is no voting on the board yet, so edits are makes, moves, retypes and recolours.)
// Usage: npm run bench -- soak [--seconds=600] [--peers=20] [--edit-every-ms=3000] [--cursor-hz=5]
//        [--chaos-every=15] [--settle=90] [--faults=kill,cut,host]
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { bundleTs } from '../lib/import-ts.mjs';
import { startHostProcess } from '../lib/host-process.mjs';
import { emit, option, percentile, processUsage } from './lib/metrics.mjs';

const B = 'soak';
const SECONDS = option('seconds', 600, Number);
const PEERS = option('peers', 20, Number);
const EDIT_EVERY_MS = option('edit-every-ms', 3000, Number);
const CURSOR_HZ = option('cursor-hz', 5, Number);
const CHAOS_EVERY_S = option('chaos-every', 15, Number);
const SETTLE_S = option('settle', 90, Number);
/** Which faults the driver injects: peer kills, network cuts, the host kill. */
const FAULTS = option('faults', ['kill', 'cut', 'host'], (raw) => raw.split(','));
const PEER_SCRIPT = new URL('./soak-peer/peer.mjs', import.meta.url).pathname;
const root = new URL('../../', import.meta.url);

const log = (text) => process.stderr.write(`[soak ${((performance.now() - t0) / 1000).toFixed(1)}s] ${text}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const t0 = performance.now();
const watchdog = setTimeout(() => {
  log('watchdog: the run took too long; stopping');
  cleanup();
  process.exit(1);
}, (SECONDS + SETTLE_S + 180) * 1000);

// --- set-up: the peer library, the host, a member token per participant
const libDir = new URL('.bench/', root);
mkdirSync(libDir, { recursive: true });
const lib = new URL(`soak-peer-lib-${process.pid}.mjs`, libDir).pathname;
writeFileSync(lib, await bundleTs('scripts/bench/sync-peer/lib.ts', { external: ['@roamhq/wrtc', 'ws'] }));
const stores = mkdtempSync(join(tmpdir(), 'madang-soak-'));
let host = await startHostProcess();
const port = Number(new URL(host.url).port);
const dataDir = host.dataDir;
const tickets = [];
for (let i = 0; i < PEERS; i++) {
  const response = await fetch(new URL('/api/join', host.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }), signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`POST /api/join: HTTP ${response.status}`);
  tickets.push(await response.json());
}
const roomId = tickets[0].roomId;

// --- peers
const acks = []; // { client, clock } of every edit a peer stored locally
const latencies = []; // [madeAt, ms]: when the edit was made (machine clock) and how long it took to arrive
/** [from, to] on the machine clock: a fault and the 10 s after it ended (recovery). */
const faultWindows = [];
const clock = () => performance.timeOrigin + performance.now();
const RECOVERY_MS = 10_000;
const peakRss = new Array(PEERS).fill(0);
let sentByGone = 0; // messages of peer processes that were killed
const faults = { peerKills: 0, networkCuts: 0, hostKills: 0 };
const peers = [];

function startPeer(i) {
  const child = fork(PEER_SCRIPT, [lib, join(stores, `peer-${i}.bin`)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const peer = { i, child, alive: true, online: true, sent: 0, waiters: [] };
  child.stderr.on('data', (chunk) => process.stderr.write(`[peer ${i}] ${chunk}`));
  child.on('message', (m) => {
    if (m.ev === 'loaded') child.send({ cmd: 'start', args: { ...tickets[i], hostOrigin: host.url, index: i, editEveryMs: EDIT_EVERY_MS, cursorHz: CURSOR_HZ } });
    else if (m.ev === 'ack') acks.push({ client: m.client, clock: m.clock });
    else if (m.ev === 'latency') latencies.push(...m.ms);
    else if (m.ev === 'usage' || m.ev === 'report') {
      peakRss[i] = Math.max(peakRss[i], m.rssMB);
      peer.sent = m.sent;
    } else if (m.ev === 'error') log(`peer ${i}: ${m.message}`);
    if (m.ev === 'report') peer.waiters.shift()?.(m);
  });
  child.on('exit', () => (peer.alive = false));
  peers[i] = peer;
  return peer;
}

function killPeer(peer) {
  sentByGone += peer.sent;
  peer.alive = false;
  peer.child.kill('SIGKILL');
}

const report = (peer) => new Promise((resolve) => {
  const timer = setTimeout(() => resolve(null), 5_000);
  peer.waiters.push((m) => {
    clearTimeout(timer);
    resolve(m);
  });
  peer.child.send({ cmd: 'report' });
});

async function hubStats() {
  try {
    const response = await fetch(new URL('/api/stats', host.url), { signal: AbortSignal.timeout(5_000) });
    return response.ok ? (await response.json()).hub : null;
  } catch {
    return null;
  }
}

function cleanup() {
  for (const peer of peers) if (peer?.alive) peer.child.kill('SIGKILL');
  host?.process.kill('SIGKILL');
  rmSync(stores, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(lib, { force: true });
}

// --- the run
log(`${PEERS} peers for ${SECONDS} s, a fault (${FAULTS.join(', ')}) every ~${CHAOS_EVERY_S} s${FAULTS.includes('host') ? ', the host killed once halfway' : ''}`);
for (let i = 0; i < PEERS; i++) startPeer(i);
const hostCpu = { before: 0, ms: 0 };
let hubMessagesOut = 0;
let hubMessagesIn = 0;
const started = performance.now();
const endAt = started + SECONDS * 1000;
let hostKilled = false;
const pending = new Set();
while (performance.now() < endAt) {
  await sleep(Math.min(endAt - performance.now(), CHAOS_EVERY_S * 1000 * (0.5 + Math.random())));
  if (performance.now() >= endAt) break;
  if (FAULTS.includes('host') && !hostKilled && performance.now() - started > (SECONDS * 1000) / 2) {
    hostKilled = true;
    faults.hostKills++;
    const stats = await hubStats();
    hubMessagesOut += stats?.messagesOut ?? 0;
    hubMessagesIn += stats?.messagesIn ?? 0;
    hostCpu.ms += processUsage(host.process.pid)?.cpuMs ?? 0;
    log('killing the host');
    const from = clock();
    host.process.kill('SIGKILL');
    await new Promise((resolve) => host.process.once('exit', resolve));
    await sleep(2_000);
    host = await startHostProcess({ port, dataDir });
    faultWindows.push([from, clock() + RECOVERY_MS]);
    log('host back');
    continue;
  }
  const peer = peers[Math.floor(Math.random() * PEERS)];
  if (!peer.alive || !peer.online) continue;
  const kinds = FAULTS.filter((kind) => kind === 'kill' || kind === 'cut');
  if (kinds.length === 0) continue;
  if (kinds[Math.floor(Math.random() * kinds.length)] === 'kill') {
    faults.peerKills++;
    log(`killing peer ${peer.i}`);
    killPeer(peer);
    const from = clock();
    const restart = sleep(2_000 + Math.random() * 3_000).then(() => {
      startPeer(peer.i);
      faultWindows.push([from, clock() + RECOVERY_MS]);
    });
    pending.add(restart);
    void restart.then(() => pending.delete(restart));
  } else {
    faults.networkCuts++;
    log(`cutting peer ${peer.i} off`);
    peer.online = false;
    peer.child.send({ cmd: 'offline' });
    const from = clock();
    const back = sleep(3_000 + Math.random() * 5_000).then(() => {
      faultWindows.push([from, clock() + RECOVERY_MS]);
      if (peer.alive) peer.child.send({ cmd: 'online' });
      peer.online = true;
    });
    pending.add(back);
    void back.then(() => pending.delete(back));
  }
}
await Promise.all(pending);
const editingMs = performance.now() - started;
log(`editing over (${acks.length} edits stored locally); waiting for every peer to settle`);
for (const peer of peers) if (peer.alive) peer.child.send({ cmd: 'quiet' });

// --- settle: every peer synced and holding the same state
let reports = [];
let settledMs = null;
const settleStart = performance.now();
while (performance.now() - settleStart < SETTLE_S * 1000) {
  await sleep(1_000);
  reports = await Promise.all(peers.map((peer) => (peer.alive ? report(peer) : null)));
  const ok = reports.every((r) => r && r.synced && !r.pendingLocal) && new Set(reports.map((r) => r?.stateVector)).size === 1;
  if (ok) {
    settledMs = performance.now() - settleStart;
    break;
  }
}
if (settledMs === null) {
  for (const [i, r] of reports.entries()) log(`peer ${i} at the end: ${r ? `${r.transport}, synced ${r.synced}, pending ${r.pendingLocal}, state ${r.stateVector.slice(0, 16)}…` : 'no answer'}`);
}
const stats = await hubStats();
hubMessagesOut += stats?.messagesOut ?? 0;
hubMessagesIn += stats?.messagesIn ?? 0;
hostCpu.ms += processUsage(host.process.pid)?.cpuMs ?? 0;
for (const peer of peers) if (peer.alive) peer.child.kill('SIGTERM');
// The host stops as a user stops it (SIGTERM writes its board); its copy is what we compare with.
// Bounded: a host that does not exit is killed (its board file was written within 2 s of the
// last change, long before).
const stopped = await Promise.race([host.stop().then(() => true), sleep(10_000).then(() => false)]);
if (!stopped) {
  log('the host did not exit within 10 s of SIGTERM; killed');
  host.process.kill('SIGKILL');
}
const hostDoc = new Y.Doc();
Y.applyUpdate(hostDoc, readFileSync(join(dataDir, 'boards', `${roomId}.yjs`)));
const hostVector = Y.decodeStateVector(Y.encodeStateVector(hostDoc));
const hostHash = createHash('sha256').update(Y.encodeStateAsUpdate(hostDoc)).digest('hex');
const lost = acks.filter(({ client, clock }) => (hostVector.get(client) ?? 0) < clock).length;
const identical = reports.filter((r) => r?.hash === hostHash).length;
const notes = hostDoc.getMap('records').size;
const peerMessages = sentByGone + peers.reduce((sum, peer) => sum + (reports[peer.i]?.sent ?? peer.sent), 0);

log(`lost ${lost} of ${acks.length}; ${identical}/${PEERS} peers byte-identical with the host; settled ${settledMs === null ? 'never' : `${Math.round(settledMs)} ms`}`);
emit(B, 'duration of editing', editingMs / 1000, 's', PEERS);
emit(B, 'peers', PEERS, 'count', null);
emit(B, 'faults: peers killed (SIGKILL, restarted from their store)', faults.peerKills, 'count', null);
emit(B, 'faults: peers cut off the network', faults.networkCuts, 'count', null);
emit(B, 'faults: host killed (SIGKILL, restarted)', faults.hostKills, 'count', null);
emit(B, 'edits stored locally by peers', acks.length, 'count', PEERS);
emit(B, 'lost edits (stored by a peer, missing on the host)', lost, 'count', acks.length);
emit(B, 'peers byte-identical with the host at the end', identical, 'count', PEERS);
emit(B, 'time to settle after editing stopped', settledMs, 'ms', PEERS);
emit(B, 'records on the board at the end', notes, 'count', null);
const all = latencies.map(([, ms]) => ms);
// Edits made while no fault was under way (nor in the 10 s after one): the room working normally.
const calm = latencies.filter(([at]) => !faultWindows.some(([from, to]) => at >= from && at <= to)).map(([, ms]) => ms);
for (const p of [50, 95, 99]) emit(B, `propagation p${p}, all edits`, percentile(all, p), 'ms', all.length);
for (const p of [50, 95, 99]) emit(B, `propagation p${p}, edits made away from faults`, percentile(calm, p), 'ms', calm.length);
emit(B, 'peak RSS per peer (max over peers)', Math.max(...peakRss), 'MB', PEERS);
emit(B, 'peak RSS per peer (median over peers)', percentile(peakRss, 50), 'MB', PEERS);
emit(B, 'messages the hub received per edit (edits, presence, resync)', acks.length ? hubMessagesIn / acks.length : null, 'count', acks.length);
emit(B, 'messages per edit (peers sent + hub sent; includes presence and resync)', acks.length ? (peerMessages + hubMessagesOut) / acks.length : null, 'count', acks.length);
emit(B, 'host CPU over the run', (hostCpu.ms / (performance.now() - t0)) * 100, '% of a core', null);
clearTimeout(watchdog);
rmSync(stores, { recursive: true, force: true });
rmSync(dataDir, { recursive: true, force: true });
rmSync(lib, { force: true });
process.exit(0);
