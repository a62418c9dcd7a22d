// Attacks on the y-websocket relay (/relay/<roomId>), as measured in issue 8, against a real host
// on loopback. Attackers speak the relay's wire format only.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/signaling/protocol';
import { peekMessage, updateMessage } from '../../../shared/sync/protocol';
import { RELAY_LIMITS } from '../hub/relay';
import { JOIN_FAILURE_LIMITS } from '../limiter';
import { join, relaySocket, signalingSocket, startTestHost, type Socket, type TestHost } from './support';

/** y-websocket's SyncStep1 with an empty state vector: "send me the whole board" (4 bytes). */
const SYNC_REQUEST = new Uint8Array([0, 0, 1, 0]);

let t: TestHost;
const sockets: Socket[] = [];
const track = (socket: Socket) => (sockets.push(socket), socket);

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await t.dispose();
});

describe('guessing join codes through the relay', () => {
  it('answers a wrong code and another room\'s code with the same 4401, so neither tells a code is valid', async () => {
    t = await startTestHost();
    const other = await t.host.openRoom({ sessionId: 'session-2', title: 'Other' });
    const wrong = await track(relaySocket(t.host, t.room.roomId, 'ZZZZZZ', '127.0.0.2')).closed;
    const otherRoomsCode = await track(relaySocket(t.host, t.room.roomId, other.joinCode, '127.0.0.3')).closed;
    expect(wrong).toBe(CLOSE_CODES.unauthorised);
    expect(otherRoomsCode).toBe(CLOSE_CODES.unauthorised);
  });

  it('stops a guesser after the join-failure limit (was 1,526 guesses/s), and counts it with /api/join and signaling', async () => {
    t = await startTestHost();
    const guesser = '127.0.0.4';
    for (let i = 0; i < JOIN_FAILURE_LIMITS.maxFailures; i++) {
      expect(await track(relaySocket(t.host, t.room.roomId, `WRONG${i}`, guesser)).closed).toBe(CLOSE_CODES.unauthorised);
    }
    // Blocked: even the right code now gets 4429, on the relay and on signaling alike.
    expect(await track(relaySocket(t.host, t.room.roomId, t.room.joinCode, guesser)).closed).toBe(CLOSE_CODES.rateLimited);
    expect(await track(signalingSocket(t.host, t.room.joinCode, guesser)).closed).toBe(CLOSE_CODES.rateLimited);
    // Someone else at another address is not affected.
    const honest = track(relaySocket(t.host, t.room.roomId, t.room.joinCode, '127.0.0.5'));
    expect(await honest.opened).toBe(true);
    expect(peekMessage(await honest.next())?.type).toBe('syncStep1');
  });

  it('counts failures at /api/join towards the relay\'s limit', async () => {
    t = await startTestHost();
    // The API test client is 127.0.0.1; so is this relay socket.
    for (let i = 0; i < JOIN_FAILURE_LIMITS.maxFailures; i++) expect((await join(t.host, `BAD${i}XX`)).status).toBe(404);
    expect(await track(relaySocket(t.host, t.room.roomId, t.room.joinCode)).closed).toBe(CLOSE_CODES.rateLimited);
  });
});

describe('relay sockets from one address and in one room', () => {
  it(`accepts ${RELAY_LIMITS.maxSocketsPerAddress} sockets from one address and refuses more with 4429 (600 were accepted)`, async () => {
    t = await startTestHost();
    const from = '127.0.0.6';
    const admitted = Array.from({ length: RELAY_LIMITS.maxSocketsPerAddress }, () => track(relaySocket(t.host, t.room.roomId, t.room.joinCode, from)));
    expect(await Promise.all(admitted.map((s) => s.opened))).toEqual(admitted.map(() => true));
    // The host greets each one: they are in the room, not just upgraded.
    await Promise.all(admitted.map((s) => s.next()));
    expect(await track(relaySocket(t.host, t.room.roomId, t.room.joinCode, from)).closed).toBe(CLOSE_CODES.rateLimited);
    // Another device is still welcome.
    const other = track(relaySocket(t.host, t.room.roomId, t.room.joinCode, '127.0.0.7'));
    expect(peekMessage(await other.next())?.type).toBe('syncStep1');
  });

  it(`refuses socket ${RELAY_LIMITS.maxSocketsPerRoom + 1} of one room with 4409, from however many addresses`, async () => {
    t = await startTestHost();
    const perAddress = RELAY_LIMITS.maxSocketsPerAddress;
    const inRoom = Array.from({ length: RELAY_LIMITS.maxSocketsPerRoom }, (_, i) => track(relaySocket(t.host, t.room.roomId, t.room.joinCode, `127.0.1.${1 + Math.floor(i / perAddress)}`)));
    await Promise.all(inRoom.map((s) => s.next()));
    expect(await track(relaySocket(t.host, t.room.roomId, t.room.joinCode, '127.0.2.1')).closed).toBe(CLOSE_CODES.roomFull);
    // Another room on the same host is not full.
    const other = await t.host.openRoom({ sessionId: 'session-2', title: 'Other' });
    expect(peekMessage(await track(relaySocket(t.host, other.roomId, other.joinCode, '127.0.2.1')).next())?.type).toBe('syncStep1');
  });
});

describe('readers that stop reading', () => {
  it('closes readers over their share with 4408 and one log line each, and the others go on (8 slow readers took 971 → 2,904 MB)', async () => {
    const MiB = 1024 * 1024;
    // The defaults (256 MiB for all readers, boards up to 64 MiB) scaled down to keep the test light.
    t = await startTestHost({ relayLimits: { outputBudgetBytes: 24 * MiB, maxBufferedBytes: 20 * MiB } });
    const board = bigBoard(800);
    const writer = track(relaySocket(t.host, t.room.roomId, t.room.joinCode));
    await writer.next();
    await writer.send(updateMessage(Y.encodeStateAsUpdate(board)));
    const healthy = track(relaySocket(t.host, t.room.roomId, t.room.joinCode, '127.0.0.9'));
    await healthy.waitFor((m) => peekMessage(m)?.type === 'syncStep1');
    await healthy.send(SYNC_REQUEST);
    await healthy.waitFor((m) => peekMessage(m)?.type === 'syncStep2');

    // Eight sockets each ask for the whole board (8 MB) and read nothing. Each resumes reading
    // once the host has given up on it, to see the close code it was sent.
    const slow = Array.from({ length: 8 }, (_, i) => track(relaySocket(t.host, t.room.roomId, t.room.joinCode, `127.0.3.${i + 1}`)));
    const closedCodes = slow.map(async (socket, i) => {
      await t.log.until((e) => e.event === 'relay.slowReader' && e.remote === `127.0.3.${i + 1}`);
      socket.resumeReading();
      return socket.closed;
    });
    for (const socket of slow) {
      await socket.next();
      socket.stopReading();
      await socket.send(SYNC_REQUEST);
    }
    const first = await Promise.race(closedCodes);
    expect(first).toBe(CLOSE_CODES.timeout);
    const lines = t.log.entries.filter((e) => e.event === 'relay.slowReader');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((e) => e.code === CLOSE_CODES.timeout && typeof e.buffered === 'number')).toBe(true);

    // Those who read are unaffected: an edit still reaches the healthy reader.
    const edit = new Y.Doc();
    Y.applyUpdate(edit, Y.encodeStateAsUpdate(board));
    addNote(edit, 'after', 'still here');
    await writer.send(updateMessage(Y.encodeStateAsUpdate(edit, Y.encodeStateVector(board))));
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(board));
    await healthy.waitFor((m) => {
      const message = peekMessage(m);
      if (message?.type === 'update' || message?.type === 'syncStep2') Y.applyUpdate(received, message.update);
      return String(received.getMap<Y.Map<unknown>>('records').get('after')?.get('text')) === 'still here';
    });
  });

  it('answers a socket that asks for the whole board again and again only once it has read the last answer', async () => {
    t = await startTestHost();
    const board = bigBoard(400);
    const writer = track(relaySocket(t.host, t.room.roomId, t.room.joinCode));
    await writer.next();
    await writer.send(updateMessage(Y.encodeStateAsUpdate(board)));

    const asker = track(relaySocket(t.host, t.room.roomId, t.room.joinCode, '127.0.0.10'));
    await asker.next();
    asker.stopReading();
    for (let i = 0; i < 20; i++) await asker.send(SYNC_REQUEST);
    // A message the hub cannot read is logged once handled; those before it were handled first.
    await asker.send(new Uint8Array([0, 9]));
    await t.log.until((e) => e.event === 'hub.badMessage');
    asker.resumeReading();
    await asker.send(new Uint8Array([3])); // queryAwareness: its answer ends what we count
    let boards = 0;
    await asker.waitFor((m) => {
      if (peekMessage(m)?.type === 'syncStep2') boards++;
      return peekMessage(m)?.type === 'awareness';
    });
    expect(boards).toBe(1);
  });
});

/** A board of `notes` notes of 10,000 characters each (the longest a note may be): about 10 kB a note. */
function bigBoard(notes: number): Y.Doc {
  const board = new Y.Doc();
  board.transact(() => {
    for (let i = 0; i < notes; i++) addNote(board, `r${i}`, String(i % 10).repeat(10_000));
  });
  return board;
}

function addNote(doc: Y.Doc, id: string, text: string): void {
  const note = new Y.Map<unknown>();
  doc.getMap('records').set(id, note);
  note.set('type', 'note');
  note.set('text', new Y.Text(text));
}
