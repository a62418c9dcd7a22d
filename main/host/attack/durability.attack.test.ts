// Faults and hostile participants against the host's storage and history, on a real host on
// loopback (HTTP API, y-websocket relay, hub, files in a temp folder). Participants speak the
// public protocol only: y-websocket's own client against /relay. Measured before this work: with
// its board file unreadable the room opened empty and the first edit replaced a 300-note file
// (88,071 → 349 bytes); a damaged file left the room silently empty; a participant's
// meta.schemaVersion = 999 made the board read-only everywhere and no restore could undo it.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Board, createNotes, deleteRecords } from '../../../shared/board';
import {
  API_ROUTES,
  HostStorageStatusSchema,
  HostVersionsResponseSchema,
  RestoreHostVersionResponseSchema,
  SaveHostVersionResponseSchema,
  hostHistoryRoute,
  relayEndpoint,
  restoreHostVersionRoute,
  type RoomInfo,
} from '../../../shared/room/api';
import type { StoreFs } from '../hub/boardStore';
import { createMemoryLogger } from '../log';
import { createHost, type Host, type HostOptions } from '../server';
import { fakeRenderer, joinAsParticipant, tempDir } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host | undefined;
const providers: WebsocketProvider[] = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});
beforeEach(() => {
  dir = tempDir('madang-attack-');
});
afterEach(async () => {
  for (const provider of providers.splice(0)) provider.destroy();
  await host?.close();
  host = undefined;
  dir.remove();
});

async function startHost(options: Partial<HostOptions> = {}, dataDir = dir.path): Promise<Host> {
  host = await createHost({
    port: 0,
    bind: '127.0.0.1',
    dataDir,
    staticDir: fakeRenderer(`${dir.path}/www`),
    version: 'test',
    log: createMemoryLogger(),
    interfaces: () => ({}),
    wrtc: null,
    ...options,
  });
  return host;
}

async function restart(options: Partial<HostOptions> = {}): Promise<Host> {
  for (const provider of providers.splice(0)) provider.destroy();
  await host?.close();
  return startHost(options);
}

/** A participant: y-websocket's client on the host's relay with a member token from joining, and a doc of its own. */
async function participant(room: RoomInfo, doc = new Y.Doc()): Promise<{ doc: Y.Doc; provider: WebsocketProvider }> {
  return client(room, await joinAsParticipant(host!.url, room.joinCode), doc);
}

/** The facilitator's app on the relay (its token comes with opening the room). */
function facilitator(room: RoomInfo, doc = new Y.Doc()): { doc: Y.Doc; provider: WebsocketProvider } {
  return client(room, room.memberToken, doc);
}

function client(room: RoomInfo, memberToken: string, doc: Y.Doc): { doc: Y.Doc; provider: WebsocketProvider } {
  const { url, params } = relayEndpoint(host!.url, room.joinCode, memberToken);
  const provider = new WebsocketProvider(url, room.roomId, doc, { WebSocketPolyfill: WebSocket as never, params, disableBc: true });
  providers.push(provider);
  return { doc, provider };
}

/** Resolves when `test(doc)` holds, checked on every update of the doc; bounded. */
function until(doc: Y.Doc, test: (doc: Y.Doc) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!test(doc)) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error('timed out'));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      doc.off('update', check);
    };
    doc.on('update', check);
    check();
  });
}

/** Resolves when the hub holds `count` notes, as a fresh participant joining now sees them. */
async function hubHas(room: RoomInfo, count: number): Promise<void> {
  const observer = await participant(room);
  await until(observer.doc, () => notes(observer.doc) === count);
  observer.provider.destroy();
}

const notes = (doc: Y.Doc) => {
  const board = Board.open(doc);
  const count = board.notes().length;
  board.dispose();
  return count;
};

/** Notes added in a participant's app: board metadata is the room's, so it is not written here. */
function addNotes(doc: Y.Doc, count: number): void {
  const board = Board.open(doc);
  board.setActor({ memberId: 'participant', role: 'participant' });
  createNotes(board, Array.from({ length: count }, (_, i) => ({ text: `골목 안전 의견 ${i}: 가로등이 어둡고 차가 빠릅니다`, x: (i % 20) * 200, y: Math.floor(i / 20) * 200, author: '주민' })));
  board.dispose();
}

/** The host's copy of the room's board as it is on disk (what a restart would load). */
function onDisk(roomId: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(join(dir.path, 'boards', `${roomId}.yjs`)));
  return doc;
}

/** An API call as the facilitator's app makes it (loopback), or as someone else would (`headers`). */
async function api(path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, host!.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end();
  });
}

const storage = async () => HostStorageStatusSchema.parse((await api(API_ROUTES.storage)).body);

/** The real file system, except that reading `file` fails with EACCES (tests run as root, so mode 000 would not stop a read). */
function unreadable(file: string): StoreFs {
  return {
    ...fsPromises,
    readFile: ((path: string, ...rest: unknown[]) =>
      path === file
        ? Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))
        : (fsPromises.readFile as (...args: unknown[]) => Promise<Buffer>)(path, ...rest)) as StoreFs['readFile'],
  };
}

describe('durability attacks and faults', { timeout: 30_000 }, () => {
  it('a board file the host cannot read is never overwritten, and the facilitator is told the room is not being saved', async () => {
    await startHost();
    const room = await host!.openRoom({ sessionId: 's1', title: 'Workshop' });
    const a = await participant(room);
    addNotes(a.doc, 300);
    await hubHas(room, 300);
    await restart(); // writes the board on close
    const file = join(dir.path, 'boards', `${room.roomId}.yjs`);
    const before = readFileSync(file);
    expect(notes(onDisk(room.roomId))).toBe(300);

    // The fault: the file is there but cannot be read.
    await restart({ boardFs: unreadable(file) });
    const status = await storage();
    expect(status.rooms.find((r) => r.roomId === room.roomId)).toMatchObject({ boardFile: 'unreadable', survivesRestart: false });
    // A participant on a fresh device edits the (empty) room; the hub takes the edit.
    const b = await participant(room);
    addNotes(b.doc, 1);
    await hubHas(room, 1);
    await host!.close(); // flushes every pending write
    host = undefined;

    const after = readFileSync(file);
    console.info(`unreadable board file: ${before.byteLength} bytes before, ${after.byteLength} bytes after an edit and a host shutdown`);
    expect(after.equals(before)).toBe(true);

    // Readable again: the stored board and the participant's copy both come back.
    await startHost();
    const d = await participant(room, b.doc);
    await until(d.doc, () => notes(d.doc) === 301);
  });

  it('a damaged board file is moved aside, the facilitator is told at once and offered the newest host version, whose restore reaches every client', async () => {
    await startHost();
    const room = await host!.openRoom({ sessionId: 's1', title: 'Workshop' });
    const a = await participant(room);
    addNotes(a.doc, 300);
    await hubHas(room, 300);
    const saved = SaveHostVersionResponseSchema.parse((await api(hostHistoryRoute(room.roomId), { method: 'POST' })).body).version;
    expect(saved.notes).toBe(300);
    await restart();
    writeFileSync(join(dir.path, 'boards', `${room.roomId}.yjs`), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00, 0x01]));

    await restart();
    const status = (await storage()).rooms.find((r) => r.roomId === room.roomId);
    expect(status).toMatchObject({ boardFile: 'damaged', survivesRestart: true, newestVersion: saved });
    // A participant on a new device sees the empty board; the facilitator restores the offered version.
    const b = await participant(room);
    await new Promise<void>((resolve) => b.provider.once('sync', () => resolve()));
    expect(notes(b.doc)).toBe(0);
    const restored = await api(restoreHostVersionRoute(room.roomId, saved.id), { method: 'POST' });
    expect(RestoreHostVersionResponseSchema.parse(restored.body).restored).toEqual(saved);
    await until(b.doc, () => notes(b.doc) === 300);
    expect((await storage()).rooms.find((r) => r.roomId === room.roomId)?.boardFile).toBe('ok');
  });

  // A participant cannot do this at all (main/host/attack/authority.attack.test.ts); the facilitator's
  // own app can, by mistake or as a newer version of Madang, and a host version undoes it.
  it('a board wiped and marked "newer" (schemaVersion 999) from the facilitator\'s app is restored for everyone', async () => {
    await startHost();
    const room = await host!.openRoom({ sessionId: 's1', title: 'Workshop' });
    const honest = await participant(room);
    addNotes(honest.doc, 50);
    await hubHas(room, 50);
    const good = SaveHostVersionResponseSchema.parse((await api(hostHistoryRoute(room.roomId), { method: 'POST' })).body).version;

    const attacker = facilitator(room);
    await until(attacker.doc, () => notes(attacker.doc) === 50);
    attacker.doc.transact(() => {
      const board = Board.open(attacker.doc);
      deleteRecords(board, board.all().map((r) => r.id));
      board.dispose();
      attacker.doc.getMap('meta').set('schemaVersion', 999);
    });
    await until(honest.doc, () => Board.open(honest.doc).readOnly && notes(honest.doc) === 0);

    const result = await api(restoreHostVersionRoute(room.roomId, good.id), { method: 'POST' });
    expect(result.status).toBe(200);
    await until(honest.doc, () => !Board.open(honest.doc).readOnly && notes(honest.doc) === 50);
    await until(attacker.doc, () => notes(attacker.doc) === 50);
    // The wiped board is a version too ('before-restore'), named after the version restored.
    const versions = HostVersionsResponseSchema.parse((await api(hostHistoryRoute(room.roomId))).body).versions;
    expect(versions[0]).toMatchObject({ reason: 'before-restore', restoredFrom: good.createdAt, notes: 0 });
  });

  it('a participant can neither list, save nor restore the room\'s versions', async () => {
    await startHost();
    const room = await host!.openRoom({ sessionId: 's1', title: 'Workshop' });
    const a = await participant(room);
    addNotes(a.doc, 3);
    await hubHas(room, 3);
    const good = SaveHostVersionResponseSchema.parse((await api(hostHistoryRoute(room.roomId), { method: 'POST' })).body).version;
    // A participant's browser names the host by its LAN address; a page elsewhere sends its own origin.
    const lan = { host: `192.168.1.20:${host!.port}` };
    const foreignPage = { origin: 'http://evil.example' };
    for (const headers of [lan, foreignPage]) {
      expect((await api(hostHistoryRoute(room.roomId), { headers })).status).toBe(403);
      expect((await api(hostHistoryRoute(room.roomId), { method: 'POST', headers })).status).toBe(403);
      expect((await api(restoreHostVersionRoute(room.roomId, good.id), { method: 'POST', headers })).status).toBe(403);
      expect((await api(API_ROUTES.storage, { headers })).status).toBe(403);
    }
    // Nor is a closed room's history reachable.
    expect((await api(restoreHostVersionRoute('no-such-room', good.id), { method: 'POST' })).status).toBe(404);
  });

  it('a data folder that cannot be written shows a lasting warning, and a room opened meanwhile says it will not survive a restart', async () => {
    const dataDir = join(dir.path, 'data');
    mkdirSync(dataDir);
    await startHost({}, dataDir);
    expect((await storage()).dataFolder).toBe('ok');
    // The fault: the folder is gone and a file stands in its way (root ignores permissions, not this).
    rmSync(dataDir, { recursive: true });
    writeFileSync(dataDir, 'not a folder');
    const room = await host!.openRoom({ sessionId: 's1', title: 'Opened meanwhile' });
    const first = await storage();
    expect(first.dataFolder).not.toBe('ok');
    expect(first.rooms.find((r) => r.roomId === room.roomId)?.survivesRestart).toBe(false);
    // Lasting: asked again, still there.
    expect((await storage()).dataFolder).toBe(first.dataFolder);
    // Fixed: the next look clears it, and the room is written down once something is saved.
    rmSync(dataDir);
    mkdirSync(dataDir);
    await host!.openRoom({ sessionId: 's2', title: 'After the fix' });
    const fixed = await storage();
    expect(fixed.dataFolder).toBe('ok');
    expect(fixed.rooms.every((r) => r.survivesRestart)).toBe(true);
  });
});
