// One peer of the sync benchmark (scripts/bench/sync.mjs), in its own Node process with real
// WebRTC (@roamhq/wrtc). It loads the bundled sync-peer/lib.ts (path in argv[2]) once, then runs one
// client of one system, stock y-webrtc or our RoomSync, as the parent tells it over IPC.
//
// Parent → peer: { id, cmd, args }; peer → parent: { id, ok: true, result } | { id, ok: false, error }.
// Unprompted peer → parent: { ev: 'loaded' | 'linked' | 'linkFailed' | 'allNotes' | 'error', ... }.
// Times are absolute ms on the machine's clock (performance.timeOrigin + performance.now()), so
// the parent and every peer compare them directly.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { keepWrtcToLoopback } from '../lib/loopback-wrtc.mjs';

if (!process.send) {
  process.stderr.write('This is a peer process of scripts/bench/sync.mjs; run that instead.\n');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const wrtc = require('@roamhq/wrtc');
const { WebSocket } = await import('ws');
// lib0's websocket client (y-webrtc's signaling) uses the global WebSocket, which Node 20 lacks.
globalThis.WebSocket = WebSocket;
const { Y, WebrtcProvider, RoomSync, Board, createNote, makeBoardOfNotes, ROOT_META, ROOT_RECORDS } = await import(pathToFileURL(process.argv[2]).href);

const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.connected && process.send(message);

keepWrtcToLoopback(wrtc);

// --- Every data-channel message this process sends (stock y-webrtc has no hook of its own).
// libwebrtc's SCTP transport announces 256 KiB as its max message size; larger sends are lost.
const MAX_MESSAGE_BYTES = 262_144;
const channel = { sends: 0, bytes: 0, oversize: 0, largest: 0, received: 0, receivedBytes: 0 };
const onSent = { sends: 0, bytes: 0 }; // RoomSync's own count: data channel or relay socket
const relay = { sends: 0, bytes: 0, received: 0, receivedBytes: 0 }; // frames on RoomSync's relay WebSocket
const sizeOf = (data) => (typeof data === 'string' ? Buffer.byteLength(data) : (data?.byteLength ?? 0));
let cpuSince = { usage: process.cpuUsage(), at: performance.now() };
const dcSend = wrtc.RTCDataChannel.prototype.send;
wrtc.RTCDataChannel.prototype.send = function (data) {
  const bytes = sizeOf(data);
  channel.sends++;
  channel.bytes += bytes;
  channel.largest = Math.max(channel.largest, bytes);
  if (bytes > MAX_MESSAGE_BYTES) channel.oversize++;
  return dcSend.call(this, data);
};
// What arrives: in a star everything a participant receives was sent by the hub.
const dcDispatch = wrtc.RTCDataChannel.prototype.dispatchEvent;
wrtc.RTCDataChannel.prototype.dispatchEvent = function (event) {
  if (event?.type === 'message') {
    channel.received++;
    channel.receivedBytes += sizeOf(event.data);
  }
  return dcDispatch.call(this, event);
};
/** The relay's socket class for RoomSync: ws's, counting frames both ways (signaling keeps the plain one). */
class CountingWebSocket extends WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', (event) => {
      relay.received++;
      relay.receivedBytes += sizeOf(event.data);
    });
  }

  send(data, ...rest) {
    relay.sends++;
    relay.bytes += sizeOf(data);
    return super.send(data, ...rest);
  }
}

let doc = new Y.Doc();
let board = null;
let system = null;
let provider = null; // stock
let sync = null; // madang
let awareness = null;
let startedAt = 0;
let linkedAt = null;
let index = -1;
const received = new Map(); // edit id → latency ms
const latestFrom = new Map(); // sender index → highest sequence seen
let editsSent = 0;
let awarenessChanges = 0;
let drops = 0;
const timers = new Set();

const later = (fn, ms) => {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, Math.max(0, ms));
  timers.add(t);
  return t;
};
const untilTime = (at) => new Promise((resolve) => later(resolve, at - now()));
const recordCount = () => doc.getMap(ROOT_RECORDS).size;

function stockLinks() {
  const conns = provider?.room ? [...provider.room.webrtcConns.entries()] : [];
  return {
    peerId: provider?.room?.peerId ?? null,
    connected: conns.filter(([, c]) => c.connected).map(([id]) => id),
    // y-webrtc's own 'synced' (room.synced): it marks a connection synced only if its SyncStep2
    // arrives while the room is unsynced, so per-connection flags undercount; the room flag is
    // what the provider reports.
    synced: provider?.room?.synced ?? false,
    signalingConnected: provider ? provider.signalingConns.some((c) => c.connected) : false,
  };
}

/** Someone else's edit arrived: its id names sender and sequence, its text is the send time. */
function onBoardChange(change) {
  if (change.local) return;
  const at = now();
  for (const id of change.added) {
    const match = /^e-(\d+)-(\d+)$/.exec(id);
    if (!match || received.has(id) || Number(match[1]) === index) continue;
    const sentAt = Number(board.get(id)?.text);
    received.set(id, Number.isFinite(sentAt) ? at - sentAt : NaN);
    latestFrom.set(match[1], Math.max(latestFrom.get(match[1]) ?? 0, Number(match[2])));
  }
}

function watchNotes(expected) {
  const check = () => {
    if (recordCount() < expected) return;
    doc.off('update', check);
    send({ ev: 'allNotes', at: now(), ms: now() - startedAt, notes: recordCount() });
  };
  doc.on('update', check);
  check();
}

function watchLinks(expectPeers, timeoutMs) {
  const done = (ev, extra = {}) => {
    linkedAt = ev === 'linked' ? now() : null;
    send({ ev, at: now(), ms: now() - startedAt, ...extra });
  };
  if (system === 'madang') {
    sync.whenSynced(timeoutMs).then(() => done('linked'), (error) => done('linkFailed', { error: String(error?.message ?? error) }));
    return;
  }
  // Stock: synced with, and connected to, every other peer (what a full mesh means).
  const giveUpAt = now() + timeoutMs;
  const poll = setInterval(() => {
    const links = stockLinks();
    if (links.synced && links.connected.length >= expectPeers) done('linked');
    else if (now() > giveUpAt) done('linkFailed', { error: `${links.connected.length} of ${expectPeers} peers connected after ${timeoutMs} ms` });
    else return;
    clearInterval(poll);
  }, 20);
  timers.add(poll);
}

/** POST /api/join with the room's code: the member token of a new participant. */
async function joinRoom(hostOrigin, joinCode) {
  const response = await fetch(new URL('/api/join', hostOrigin), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: joinCode }), signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`POST /api/join: HTTP ${response.status}`);
  return (await response.json()).memberToken;
}

async function connect({ system: which, room, signaling, roomId, joinCode, hostOrigin, memberToken, startAt, expectPeers, expectNotes, withBoard, peerIndex, linkTimeoutMs = 60_000 }) {
  system = which;
  index = peerIndex ?? -1;
  if (withBoard) {
    board = Board.create(doc, { boardId: 'bench-sync', title: 'sync bench' });
    board.observe(onBoardChange);
  }
  const start = async () => {
    startedAt = now();
    if (expectNotes != null) watchNotes(expectNotes);
    if (which === 'stock') {
      provider = new WebrtcProvider(room, doc, { signaling: [signaling], peerOpts: { config: { iceServers: [] }, wrtc } });
      awareness = provider.awareness;
    } else {
      if (typeof RoomSync !== 'function') throw new Error('RoomSync is not available in this build of the peer library');
      // Each peer is its own participant, with the member token the host gives at join (as a browser gets it).
      sync = await RoomSync.open({
        doc, roomId, joinCode, hostOrigin, wrtc, WebSocket: CountingWebSocket, memberToken: memberToken ?? (await joinRoom(hostOrigin, joinCode)),
        onSent: (bytes) => {
          onSent.sends++;
          onSent.bytes += bytes;
        },
      });
      awareness = sync.awareness;
    }
    // Data channels that closed after opening (y-webrtc then announces again and reconnects).
    const webrtcProvider = provider ?? sync?.webrtc;
    webrtcProvider?.on?.('peers', ({ removed }) => (drops += removed.length));
    awareness.on('change', ({ added, updated }, origin) => {
      if (origin === 'local') return;
      awarenessChanges += added.concat(updated).filter((c) => c !== awareness.clientID).length;
    });
    if (expectPeers != null) watchLinks(expectPeers, linkTimeoutMs);
  };
  if (startAt == null) {
    await start();
    return { startedAt };
  }
  // A storm: every peer starts at the same instant; the parent does not wait for it.
  untilTime(startAt).then(start).catch((error) => send({ ev: 'linkFailed', at: now(), error: String(error?.message ?? error) }));
  return { scheduled: startAt };
}

function status() {
  return {
    system,
    notes: recordCount(),
    linkedAt,
    drops,
    ...(system === 'stock' ? stockLinks() : {}),
    ...(sync ? { state: sync.getState() } : {}),
  };
}

function runEdits({ startAt, durationMs, intervalMs }) {
  const end = startAt + durationMs;
  const edit = (at) => {
    if (at >= end) return;
    later(() => {
      // Edits are only made inside the window, so the count is final once it is over.
      if (now() >= end) return;
      const seq = ++editsSent;
      const sentAt = now();
      createNote(board, { id: `e-${index}-${seq}`, text: sentAt.toFixed(3), x: index * 260, y: seq * 170, author: `peer ${index}` });
      edit(at + intervalMs);
    }, at - now());
  };
  // Staggered at random within the first interval, as people do not type in step.
  edit(startAt + Math.random() * intervalMs);
  return { until: end };
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function report() {
  const sha = (data) => createHash('sha1').update(data).digest('hex');
  const json = { meta: doc.getMap(ROOT_META).toJSON(), records: doc.getMap(ROOT_RECORDS).toJSON() };
  return {
    sent: editsSent,
    received: received.size,
    latencies: [...received.values()].map((ms) => Math.round(ms * 100) / 100),
    latestFrom: Object.fromEntries(latestFrom),
    stateHash: sha(Y.encodeStateAsUpdate(doc)),
    jsonHash: sha(canonical(json)),
  };
}

async function cursors({ startAt, hz, durationMs }) {
  await untilTime(startAt);
  awarenessChanges = 0;
  const cpu0 = process.cpuUsage();
  const t0 = now();
  const rss = [process.memoryUsage.rss()];
  let sets = 0;
  const move = setInterval(() => {
    sets++;
    awareness.setLocalStateField('cursor', { x: Math.round(Math.random() * 4000), y: Math.round(Math.random() * 3000) });
  }, 1000 / hz);
  const sample = setInterval(() => rss.push(process.memoryUsage.rss()), 250);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  timers.add(move).add(sample);
  await untilTime(t0 + durationMs);
  clearInterval(move);
  clearInterval(sample);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const wallMs = now() - t0;
  return {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
    rssMeanMB: rss.reduce((a, b) => a + b, 0) / rss.length / 1048576,
    rssMaxMB: Math.max(...rss) / 1048576,
    sets,
    awarenessChanges,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    drops,
  };
}

function teardown() {
  for (const t of timers) clearTimeout(t);
  try {
    if (provider) {
      // y-webrtc 10.3's destroy() alone leaves its signaling socket open and reconnecting.
      provider.disconnect();
      provider.destroy();
    }
    sync?.destroy();
    board?.dispose();
    doc.destroy();
  } catch (error) {
    process.stderr.write(`teardown: ${error?.message ?? error}\n`);
  }
}

const commands = {
  seed: ({ notes, seed }) => {
    doc = new Y.Doc();
    makeBoardOfNotes(doc, notes, seed);
    return { bytes: Y.encodeStateAsUpdate(doc).byteLength, notes: recordCount() };
  },
  connect,
  status,
  edits: runEdits,
  progress: () => ({ sent: editsSent, received: received.size }),
  counters: () => {
    const cpu = process.cpuUsage(cpuSince.usage);
    return { drops, channel: { ...channel }, relay: { ...relay }, onSent: { ...onSent }, cpuPercent: ((cpu.user + cpu.system) / 1000 / (performance.now() - cpuSince.at)) * 100 };
  },
  resetCounters: () => {
    cpuSince = { usage: process.cpuUsage(), at: performance.now() };
    Object.assign(channel, { sends: 0, bytes: 0, oversize: 0, largest: 0, received: 0, receivedBytes: 0 });
    Object.assign(relay, { sends: 0, bytes: 0, received: 0, receivedBytes: 0 });
    Object.assign(onSent, { sends: 0, bytes: 0 });
    return true;
  },
  report,
  cursors,
  exit: () => {
    teardown();
    later(() => process.exit(0), 20);
    return true;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const handler = commands[cmd];
    if (!handler) throw new Error(`unknown command ${cmd}`);
    send({ id, ok: true, result: await handler(args ?? {}) });
  } catch (error) {
    send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
// The parent is gone (crashed or killed): do not linger.
process.on('disconnect', () => process.exit(0));
// A failing peer connection deep in simple-peer must not end the measurement for this peer.
process.on('uncaughtException', (error) => {
  process.stderr.write(`uncaught: ${error?.stack ?? error}\n`);
  send({ ev: 'error', error: String(error?.message ?? error) });
});
process.on('unhandledRejection', (error) => process.stderr.write(`unhandled rejection: ${error?.stack ?? error}\n`));
send({ ev: 'loaded', at: now() });
