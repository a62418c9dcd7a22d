// One participant of the soak benchmark (scripts/bench/soak.mjs), in its own Node process with
// real WebRTC on loopback: RoomSync around the host's hub, a board it edits at a person's pace,
// a cursor it moves, and a local store like the app's (every update appended to a file, read back
// on start), so a peer killed and started again comes back with what it had stored.
//
// argv: <bundled sync-peer lib> <store file>. Parent → peer: { cmd: 'start', args } | 'offline' |
// 'online' | 'quiet' | 'report'. Peer → parent: { ev: 'ack', client, clock } once an edit is in the
// local store; { ev: 'latency', ms: [[madeAt, ms], …] }, { ev: 'usage', rssMB, sent }, { ev: 'report', … }.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { keepWrtcToLoopback } from '../lib/loopback-wrtc.mjs';

if (!process.send) {
  process.stderr.write('This is a peer process of scripts/bench/soak.mjs; run that instead.\n');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const wrtc = require('@roamhq/wrtc');
const { WebSocket } = await import('ws');
globalThis.WebSocket = WebSocket;
const { Y, RoomSync, Board, createNote, moveRecords, editText, recolorNotes, ROOT_RECORDS } = await import(pathToFileURL(process.argv[2]).href);
const storeFile = process.argv[3];

keepWrtcToLoopback(wrtc);

const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.connected && process.send(message);
const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'];

// The local store: length-prefixed updates, appended synchronously (a killed process loses
// nothing it appended: the bytes are in the kernel's page cache).
const doc = new Y.Doc();
if (existsSync(storeFile)) {
  const bytes = readFileSync(storeFile);
  const updates = [];
  for (let at = 0; at + 4 <= bytes.length; ) {
    const length = bytes.readUInt32LE(at);
    if (at + 4 + length > bytes.length) break; // a torn last record
    updates.push(new Uint8Array(bytes.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates), 'store');
}
doc.on('update', (update, origin) => {
  if (origin === 'store') return;
  const header = Buffer.alloc(4);
  header.writeUInt32LE(update.byteLength);
  appendFileSync(storeFile, Buffer.concat([header, update]));
});

let args = null;
let sync = null;
let board = null;
let editing = false;
let sent = 0;
let seq = 0;
const mine = [];
const latencies = [];
const random = () => Math.random();

async function connect() {
  sync = await RoomSync.open({
    doc, roomId: args.roomId, joinCode: args.joinCode, hostOrigin: args.hostOrigin, memberToken: args.memberToken,
    wrtc, WebSocket, onSent: () => sent++,
  });
  sync.awareness.setLocalStateField('user', { name: `참가자 ${args.index}`, color: '#e03131', role: 'participant' });
}

function disconnect() {
  sync?.destroy();
  sync = null;
}

/** One edit as a person makes them: a new note now and then, mostly moving notes, some typing. */
function edit() {
  const notes = board.notes();
  const stamp = `${args.index}:${++seq}:${Math.round(now())}`;
  const roll = random();
  doc.transact(() => {
    let id;
    if (roll < 0.2 || mine.length === 0) {
      id = createNote(board, { text: `참가자 ${args.index}의 생각 ${seq}`, x: Math.round(random() * 4000), y: Math.round(random() * 3000), author: `참가자 ${args.index}` });
      if (id) mine.push(id);
    } else if (roll < 0.7 && notes.length) {
      id = notes[Math.floor(random() * notes.length)].id;
      moveRecords(board, [{ id, x: Math.round(random() * 4000), y: Math.round(random() * 3000) }]);
    } else if (roll < 0.9) {
      id = mine[Math.floor(random() * mine.length)];
      editText(board, id, `참가자 ${args.index}의 생각 ${seq} (고침)`);
    } else {
      id = mine[Math.floor(random() * mine.length)];
      recolorNotes(board, [id], COLORS[seq % COLORS.length]);
    }
    // When this edit was made, on the record it touched, for others to time its arrival.
    const record = id ? doc.getMap(ROOT_RECORDS).get(id) : undefined;
    if (record instanceof Y.Map) record.set('soakStamp', stamp);
  });
  // The update handler has appended it to the store: acknowledged locally.
  send({ ev: 'ack', client: doc.clientID, clock: Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0 });
}

function watchArrivals() {
  doc.getMap(ROOT_RECORDS).observeDeep((events, txn) => {
    if (txn.local) return;
    const at = now();
    for (const event of events) {
      const record = event.path.length === 0 ? null : event.target;
      const touched = record ? [record] : [...event.keysChanged].map((id) => event.target.get(id));
      for (const r of touched) {
        if (!(r instanceof Y.Map) || (record && !event.keysChanged.has('soakStamp'))) continue;
        const stamp = r.get('soakStamp');
        const [by, , made] = typeof stamp === 'string' ? stamp.split(':') : [];
        if (by !== String(args.index) && Number.isFinite(Number(made))) latencies.push([Number(made), at - Number(made)]);
      }
    }
  });
}

const timers = [];
function every(ms, fn) {
  timers.push(setInterval(fn, ms));
}

process.on('message', async (message) => {
  try {
    if (message.cmd === 'start') {
      args = message.args;
      await connect();
      board = Board.open(doc);
      watchArrivals();
      editing = true;
      // Each edit after a random pause around the mean, so peers do not edit in lockstep.
      const nextEdit = () => timers.push(setTimeout(() => {
        if (editing) edit();
        nextEdit();
      }, args.editEveryMs * (0.5 + random())));
      nextEdit();
      every(1000 / args.cursorHz, () => {
        if (editing && sync) sync.awareness.setLocalStateField('cursor', { x: Math.round(random() * 4000), y: Math.round(random() * 3000) });
      });
      every(2000, () => {
        if (latencies.length) send({ ev: 'latency', ms: latencies.splice(0) });
        send({ ev: 'usage', rssMB: process.memoryUsage().rss / 1024 / 1024, sent });
      });
      send({ ev: 'started', client: doc.clientID });
    } else if (message.cmd === 'offline') {
      disconnect();
    } else if (message.cmd === 'online') {
      if (!sync) await connect();
    } else if (message.cmd === 'quiet') {
      editing = false;
      sync?.awareness.setLocalStateField('cursor', null);
    } else if (message.cmd === 'report') {
      if (latencies.length) send({ ev: 'latency', ms: latencies.splice(0) });
      const state = Y.encodeStateAsUpdate(doc);
      send({
        ev: 'report',
        stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64'),
        hash: createHash('sha256').update(state).digest('hex'),
        synced: sync?.getState().synced ?? false,
        pendingLocal: sync?.getState().pendingLocal ?? true,
        transport: sync?.getState().transport ?? 'offline',
        rssMB: process.memoryUsage().rss / 1024 / 1024,
        sent,
      });
    }
  } catch (error) {
    send({ ev: 'error', message: String(error?.stack ?? error) });
  }
});
send({ ev: 'loaded' });
