// Issue 8 §1, as a hostile participant would try it against a real host on loopback. The
// attacker speaks the public relay protocol (y-websocket framing of y-protocols messages) with a
// member token from POST /api/join, like any browser; the facilitator is the app's RoomSync.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { Board, createNotes } from '../../../shared/board';
import { metaMap, recordsMap, sessionMap } from '../../../shared/board/schema';
import { memberOfToken, relayEndpoint, type RoomInfo } from '../../../shared/room/api';
import { goToStep, readAgenda, readStep, setAgenda } from '../../../shared/workshop';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import { MESSAGE, readNotice, type HubNotice } from '../../../shared/sync/protocol';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import { createMemoryLogger } from '../log';
import { createHost, type Host } from '../server';
import { fakeRenderer, joinAsParticipant, rawPresenceMessage, tempDir, untilSync } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let room: RoomInfo;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

beforeEach(async () => {
  dir = tempDir();
  host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 'test', log: createMemoryLogger(), interfaces: () => ({}), wrtc: null });
  room = await host.openRoom({ sessionId: 'session-1', title: '골목 안전' });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await host.close();
  dir.remove();
});

/** The facilitator's app: its board with two notes, synced to the room through the relay. */
async function facilitatorWithBoard(): Promise<{ sync: RoomSync; board: Board }> {
  const doc = new Y.Doc();
  const board = Board.create(doc, { boardId: 'session-1', title: '골목 안전' });
  createNotes(board, [
    { x: 0, y: 0, author: '진행자', text: '가로등이 어둡다' },
    { x: 200, y: 0, author: '진행자', text: '차가 빠르다' },
  ]);
  const sync = await RoomSync.open({
    doc, roomId: room.roomId, joinCode: room.joinCode, hostOrigin: host.url, memberToken: room.memberToken, wrtc: null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'], timing: { resyncMs: 300 },
  });
  cleanups.push(() => sync.destroy());
  await untilSync(sync, (s) => s.synced);
  return { sync, board };
}

/** A hostile client on the relay: a doc kept in step with the room, and raw messages on demand. */
class RelayClient {
  readonly doc = new Y.Doc();
  readonly notices: HubNotice[] = [];
  /** Everyone's presence as the hub sends it to this client. */
  readonly presence = new Map<number, unknown>();
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(token: string) {
    const { url, params } = relayEndpoint(host.url, room.joinCode, token);
    this.ws = new WebSocket(`${url}/${room.roomId}?${new URLSearchParams(params)}`);
    this.opened = new Promise((resolve) => this.ws.once('open', () => resolve()));
    // Like any y-websocket client: ask for what the hub has.
    this.ws.once('open', () => this.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, this.doc))));
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.send(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
    });
    cleanups.push(() => this.ws.terminate());
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /** Resolves once `test` holds, checked on every message from the hub. */
  until(test: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.ws.off('message', check);
        resolve();
      };
      const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      this.ws.on('message', check);
      setImmediate(check);
    });
  }

  private receive(message: Uint8Array): void {
    const notice = readNotice(message);
    if (notice) return void this.notices.push(notice);
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.awareness) {
      const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      for (let n = decoding.readVarUint(inner); n > 0; n--) {
        const id = decoding.readVarUint(inner);
        decoding.readVarUint(inner);
        this.presence.set(id, JSON.parse(decoding.readVarString(inner)));
      }
      return;
    }
    if (type !== MESSAGE.sync) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MESSAGE.sync);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
  }
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const texts = (doc: Y.Doc) => Board.open(doc).notes().map((n) => n.text).sort();

describe('a hostile participant against the host', { timeout: 30_000 }, () => {
  it('cannot wipe the board: everything comes back for everyone, the attacker is told, the facilitator logs it', async () => {
    const { sync } = await facilitatorWithBoard();
    const log: HubNotice[] = [];
    sync.onNotice((n) => log.push(n));
    const mallory = new RelayClient(await joinAsParticipant(host.url, room.joinCode));
    await mallory.until(() => texts(mallory.doc).length === 2);

    const started = Date.now();
    mallory.doc.transact(() => {
      const records = recordsMap(mallory.doc);
      for (const id of [...records.keys()]) records.delete(id);
    });
    await mallory.until(() => mallory.notices.length > 0 && texts(mallory.doc).length === 2);
    await untilSync(sync, () => log.length > 0);
    // The facilitator never lost a note, and the attacker's own copy shows them again.
    expect(texts(sync.doc)).toEqual(['가로등이 어둡다', '차가 빠르다']);
    expect(texts(mallory.doc)).toEqual(['가로등이 어둡다', '차가 빠르다']);
    expect(mallory.notices[0]).toMatchObject({ kind: 'refused', reason: 'notOwner' });
    expect(log[0]).toMatchObject({ kind: 'log', entry: { reason: 'notOwner' } });
    console.info(`wipe undone on the attacker's screen in ${Date.now() - started} ms`);
  });

  it('cannot make the board read-only for everyone by writing schemaVersion 999', async () => {
    const { sync } = await facilitatorWithBoard();
    const mallory = new RelayClient(await joinAsParticipant(host.url, room.joinCode));
    await mallory.until(() => texts(mallory.doc).length === 2);
    metaMap(mallory.doc).set('schemaVersion', 999);
    await mallory.until(() => mallory.notices.length > 0 && metaMap(mallory.doc).get('schemaVersion') === 1);
    expect(Board.open(sync.doc).readOnly).toBe(false);
  });

  it('cannot move the workshop\'s step, rewrite its agenda or give itself a role: undone for everyone', async () => {
    const { sync, board } = await facilitatorWithBoard();
    setAgenda(board, { title: '다시 정의', steps: [
      { title: '문제 나무', prompt: '원인과 결과', minutes: 20, phase: 'redefine', template: 'problemTree' },
      { title: '어떻게 하면', prompt: '질문으로', minutes: 15, phase: 'redefine', template: 'hmw' },
    ] });
    goToStep(board, 0);
    const token = await joinAsParticipant(host.url, room.joinCode);
    const mallory = new RelayClient(token);
    await mallory.until(() => sessionMap(mallory.doc).get('step') === 0);
    const memberId = memberOfToken(token)!.memberId;

    // (The hub tells the same refusal once a second, so the notices are not counted per attempt.)
    sessionMap(mallory.doc).set('step', 1);
    await mallory.until(() => mallory.notices.length === 1 && sessionMap(mallory.doc).get('step') === 0);
    sessionMap(mallory.doc).set('roles', { [memberId]: 'co-facilitator' });
    await mallory.until(() => sessionMap(mallory.doc).get('roles') === undefined);
    sessionMap(mallory.doc).set('agenda', { title: 'mine', steps: [] });
    await mallory.until(() => (sessionMap(mallory.doc).get('agenda') as { title: string }).title === '다시 정의');
    expect(mallory.notices[0]).toMatchObject({ kind: 'refused', reason: 'session' });
    const refusedBefore = mallory.notices.length;
    // The facilitator's board never moved.
    await untilSync(sync, () => true);
    expect(readStep(board)).toBe(0);
    expect(readAgenda(board).title).toBe('다시 정의');

    // Made a co-facilitator by the facilitator, the same participant may move the step.
    sessionMap(sync.doc).set('roles', { [memberId]: 'co-facilitator' });
    await mallory.until(() => sessionMap(mallory.doc).get('roles') !== undefined);
    sessionMap(mallory.doc).set('step', 1);
    await untilSync(sync, () => readStep(board) === 1);
    expect(mallory.notices).toHaveLength(refusedBefore);
  });

  it('cannot change anything as an observer', async () => {
    const { sync } = await facilitatorWithBoard();
    const token = await joinAsParticipant(host.url, room.joinCode);
    sessionMap(sync.doc).set('roles', { [memberOfToken(token)!.memberId]: 'observer' });
    const watcher = new RelayClient(token);
    await watcher.until(() => texts(watcher.doc).length === 2 && sessionMap(watcher.doc).get('roles') !== undefined);
    createNotes(Board.open(watcher.doc), [{ x: 0, y: 400, author: '참관', text: '몰래 쓴 메모' }]);
    await watcher.until(() => watcher.notices.length === 1 && texts(watcher.doc).length === 2);
    expect(watcher.notices[0]).toMatchObject({ kind: 'refused', reason: 'observer' });
    expect(texts(sync.doc)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  });

  it('cannot rename the facilitator or make itself facilitator through presence', async () => {
    const { sync } = await facilitatorWithBoard();
    sync.awareness.setLocalStateField('user', { name: '진행자', color: '#123456', role: 'facilitator' });
    const alice = new RelayClient(await joinAsParticipant(host.url, room.joinCode));
    const mallory = new RelayClient(await joinAsParticipant(host.url, room.joinCode));
    await Promise.all([alice.opened, mallory.opened]);
    mallory.send(rawPresenceMessage([[sync.doc.clientID, 10_000, { user: { name: '해커', role: 'facilitator' } }], [777, 1, { user: { name: '말로리', role: 'facilitator' } }]]));
    // What Alice is sent is what the hub kept.
    const states = alice.presence;
    await alice.until(() => states.has(777) && states.has(sync.doc.clientID));
    expect(states.get(sync.doc.clientID)).toMatchObject({ user: { name: '진행자', role: 'facilitator' } });
    expect(states.get(777)).toMatchObject({ user: { name: '말로리', role: 'participant' } });
  });

  it('cannot forge a facilitator token, or another room\'s', async () => {
    const token = await joinAsParticipant(host.url, room.joinCode);
    const forged = new RelayClient(token.replace('.p.', '.f.'));
    expect(await forged.closed).toBe(CLOSE_CODES.unauthorised);
    const other = await host.openRoom({ sessionId: 'session-2', title: '다른 방' });
    const borrowed = new RelayClient(other.memberToken);
    expect(await borrowed.closed).toBe(CLOSE_CODES.unauthorised);
  });

  it('stays out once removed: its token is refused by the relay and by /api/join', async () => {
    await facilitatorWithBoard();
    const token = await joinAsParticipant(host.url, room.joinCode);
    const mallory = new RelayClient(token);
    await mallory.opened;
    mallory.send(rawPresenceMessage([[4242, 1, { user: { name: '말로리' } }]]));
    await mallory.until(() => true);
    await expect.poll(() => host.removeParticipant(room.roomId, 4242)).toBe(true);
    expect(await mallory.closed).toBe(CLOSE_CODES.forbiddenTopic);
    expect(await new RelayClient(token).closed).toBe(CLOSE_CODES.forbiddenTopic);
    const again = await fetch(`${host.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: room.joinCode, memberToken: token }) });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: 'join.removed' });
  });

  it('cannot store a 50 MB note: refused, told why, nothing kept, and the host stays responsive', async () => {
    const { sync } = await facilitatorWithBoard();
    const mallory = new RelayClient(await joinAsParticipant(host.url, room.joinCode));
    await mallory.until(() => texts(mallory.doc).length === 2);
    const before = Y.encodeStateVector(sync.doc);
    // Made on a copy and sent once, as a script would (the attacker's own doc stays as the room's).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(mallory.doc));
    let huge: Uint8Array | null = null;
    copy.on('update', (update: Uint8Array) => (huge = update));
    ([...recordsMap(copy).values()][0]!.get('text') as Y.Text).insert(0, 'x'.repeat(50 * 1024 * 1024));
    mallory.send(syncMessage((e) => syncProtocol.writeUpdate(e, huge!)));
    await mallory.until(() => mallory.notices.length > 0, 25_000);
    expect(mallory.notices[0]).toMatchObject({ kind: 'refused', reason: 'updateTooLarge' });
    const health = await fetch(`${host.url}/api/health`);
    expect(health.status).toBe(200);
    expect(Y.encodeStateVector(sync.doc)).toEqual(before);
    expect(texts(sync.doc)).toEqual(['가로등이 어둡다', '차가 빠르다']);
  });
});
