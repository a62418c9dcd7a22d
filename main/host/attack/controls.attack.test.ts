// Issue 11 as a hostile participant would try it against a real host on loopback: every control
// (timer, vote, private mode, follow, step tools, roles) written into the board by a modified
// client is undone by the hub; ballots and private notes reach the host only, are held to the
// round the facilitator set, and reach other devices only when the facilitator reveals them.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Board, createNotes } from '../../../shared/board';
import { sessionMap, ownersMap } from '../../../shared/board/schema';
import type { RoomInfo } from '../../../shared/room/api';
import type { HubNotice } from '../../../shared/sync/protocol';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import { MEMBER_TOKEN_HEADER, ballotRoute, privateNotesRoute, voteResultsRoute } from '../../../shared/workshop/api';
import { closeVote, openVote, readVote, revealVote } from '../../../shared/workshop/vote';
import { readPrivateMode, setPrivateMode } from '../../../shared/workshop/privateMode';
import { startTimer } from '../../../shared/workshop/timer';
import { setMemberRole } from '../../../shared/workshop/stepRules';
import { memberOfToken } from '../../../shared/room/api';
import { createMemoryLogger } from '../log';
import { createHost, type Host } from '../server';
import { fakeRenderer, joinAsParticipant, tempDir, untilSync } from '../testSupport';

let dir: ReturnType<typeof tempDir>;
let host: Host;
let room: RoomInfo;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

async function startHost(): Promise<void> {
  host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 'test', log: createMemoryLogger(), interfaces: () => ({}), wrtc: null });
  room = await host.openRoom({ sessionId: 'session-1', title: '골목 안전' });
}

beforeEach(async () => {
  dir = tempDir();
  await startHost();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await host.close();
  dir.remove();
});

type Client = { sync: RoomSync; board: Board; notices: HubNotice[]; token: string };

/** The app's own room client for a member token (its permission checks are skipped below where a test needs it). */
async function connect(token: string, seed?: (board: Board) => void): Promise<Client> {
  const doc = new Y.Doc();
  const board = seed ? Board.create(doc, { boardId: 'session-1', title: '골목 안전' }) : Board.open(doc);
  seed?.(board);
  board.setActor(memberOfToken(token));
  const sync = await RoomSync.open({
    doc, roomId: room.roomId, joinCode: room.joinCode, hostOrigin: host.url, memberToken: token, wrtc: null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'], timing: { resyncMs: 300 },
  });
  const notices: HubNotice[] = [];
  sync.onNotice((n) => notices.push(n));
  cleanups.push(() => sync.destroy());
  await untilSync(sync, (s) => s.synced);
  return { sync, board, notices, token };
}

async function facilitator(): Promise<Client> {
  return connect(room.memberToken, (board) => createNotes(board, [
    { id: 'n-dark', x: 0, y: 0, author: '진행자', text: '가로등이 어둡다' },
    { id: 'n-fast', x: 200, y: 0, author: '진행자', text: '차가 빠르다' },
    { id: 'n-bins', x: 400, y: 0, author: '진행자', text: '쓰레기통이 없다' },
  ]));
}

async function participant(): Promise<Client> {
  const client = await connect(await joinAsParticipant(host.url, room.joinCode));
  await untilSync(client.sync, () => client.board.notes().length >= 3);
  return client;
}

async function api(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers[MEMBER_TOKEN_HEADER] = token;
  const res = await fetch(`${host.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Whether `doc` has every change `other` has made itself. */
const seen = (doc: Y.Doc, other: Y.Doc) => (Y.decodeStateVector(Y.encodeStateVector(doc)).get(other.clientID) ?? 0) >= Y.getState(other.store, other.clientID);
const session = (doc: Y.Doc) => JSON.stringify(sessionMap(doc).toJSON());
const hasText = (doc: Y.Doc, text: string) => Board.open(doc).notes().some((n) => n.text === text);

describe('the hub and host against a participant at the controls', { timeout: 30_000 }, () => {
  it('undoes every control a participant writes into the board, for everyone, and says why', async () => {
    const fac = await facilitator();
    startTimer(fac.board, 300);
    openVote(fac.board, { budget: 3 });
    setPrivateMode(fac.board, true);
    const mallory = await participant();
    await untilSync(mallory.sync, () => readPrivateMode(mallory.board.doc)?.on === true && readVote(mallory.board.doc) !== null);
    const agreed = session(fac.board.doc);
    const attempts: Array<[string, unknown]> = [
      ['timer', { state: 'paused', duration: 300_000, remaining: 0 }],
      ['vote', { ...readVote(mallory.board.doc), state: 'revealed', results: [{ recordId: 'n-fast', count: 99 }] }],
      ['private', { ...readPrivateMode(mallory.board.doc), on: false }],
      ['follow', { mode: 'bring', rect: { x: 9e6, y: 9e6, w: 10, h: 10 }, frameId: null, seq: 99 }],
      ['tools', { allowed: [] }],
      ['roles', { [memberOfToken(mallory.token)!.memberId]: 'co-facilitator' }],
    ];
    for (const [key, value] of attempts) {
      // As a modified client: straight into the document, no permission check.
      mallory.board.doc.transact(() => sessionMap(mallory.board.doc).set(key, value));
      expect(session(mallory.board.doc), key).not.toBe(agreed);
      // Undone on Mallory's screen and the facilitator's (each times out otherwise).
      await untilSync(mallory.sync, () => session(mallory.board.doc) === agreed);
      await untilSync(fac.sync, () => seen(fac.board.doc, mallory.board.doc) && session(fac.board.doc) === agreed);
    }
    // Told why (the same reason is told once a second, however often it is tried).
    expect(mallory.notices[0]).toMatchObject({ kind: 'refused', reason: 'session' });
    // The app's own commands say no without sending anything.
    expect(startTimer(mallory.board, 10)).toBe(false);
    expect(revealVote(mallory.board)).toBe(false);
    expect(setPrivateMode(mallory.board, false)).toBe(false);
  });

  it('takes ballots only with a member token of this room, within budget and stacking, while the vote is open', async () => {
    const fac = await facilitator();
    const alice = await participant();
    openVote(fac.board, { budget: 2, stacking: false });
    await untilSync(alice.sync, () => readVote(alice.board.doc)?.state === 'open');
    const round = readVote(alice.board.doc)!.round;
    const path = ballotRoute(room.roomId);

    expect((await api('PUT', path, null, { round, dots: [] })).status).toBe(403);
    expect((await api('PUT', path, alice.token.replace('.p.', '.f.'), { round, dots: [] })).status).toBe(403);
    const other = await host.openRoom({ sessionId: 'session-2', title: '다른 방' });
    expect((await api('PUT', path, other.memberToken, { round, dots: [] })).status).toBe(403);
    expect(await api('PUT', path, alice.token, { round, dots: [{ recordId: 'n-dark', count: 2 }] })).toEqual({ status: 409, body: { error: 'controls.noStacking' } });
    expect(await api('PUT', path, alice.token, { round, dots: [{ recordId: 'n-dark', count: 1 }, { recordId: 'n-fast', count: 1 }, { recordId: 'n-bins', count: 1 }] })).toEqual({ status: 409, body: { error: 'controls.overBudget' } });
    expect(await api('PUT', path, alice.token, { round, dots: [{ recordId: 'nope', count: 1 }] })).toEqual({ status: 409, body: { error: 'controls.unknownRecord' } });
    expect(await api('PUT', path, alice.token, { round: 'ffffffff', dots: [] })).toEqual({ status: 409, body: { error: 'controls.wrongRound' } });
    expect((await api('PUT', path, alice.token, { round, dots: 'all' })).status).toBe(400);
    expect((await api('PUT', path, alice.token, { round, dots: Array.from({ length: 5000 }, () => ({ recordId: 'n-dark', count: 1 })) })).status).toBe(413);

    expect(await api('PUT', path, alice.token, { round, dots: [{ recordId: 'n-dark', count: 1 }] })).toEqual({ status: 200, body: { round, dots: [{ recordId: 'n-dark', count: 1 }] } });
    // A voter changes their mind until the vote closes; then the ballot stays as it was.
    expect((await api('PUT', path, alice.token, { round, dots: [{ recordId: 'n-fast', count: 1 }] })).status).toBe(200);
    closeVote(fac.board);
    await untilSync(alice.sync, () => readVote(alice.board.doc)?.state === 'closed');
    expect(await api('PUT', path, alice.token, { round, dots: [{ recordId: 'n-dark', count: 1 }] })).toEqual({ status: 409, body: { error: 'controls.notOpen' } });
    expect(await api('GET', path, alice.token)).toEqual({ status: 200, body: { round, dots: [{ recordId: 'n-fast', count: 1 }] } });
  });

  it('hides the counts from participants until the reveal, then ranks three voters\' dots on every screen', async () => {
    const fac = await facilitator();
    const [a, b, c] = [await participant(), await participant(), await participant()];
    openVote(fac.board, { budget: 3, stacking: true });
    await untilSync(c.sync, () => readVote(c.board.doc)?.state === 'open');
    const round = readVote(fac.board.doc)!.round;
    const cast = (who: Client, dots: Array<[string, number]>) => api('PUT', ballotRoute(room.roomId), who.token, { round, dots: dots.map(([recordId, count]) => ({ recordId, count })) });
    expect((await cast(a, [['n-fast', 2], ['n-dark', 1]])).status).toBe(200);
    expect((await cast(b, [['n-fast', 1], ['n-bins', 2]])).status).toBe(200);
    expect((await cast(c, [['n-bins', 1], ['n-fast', 1]])).status).toBe(200);

    // Before the reveal: a participant may not read the counts, and nothing of them is in any document.
    expect(await api('GET', voteResultsRoute(room.roomId), a.token)).toEqual({ status: 403, body: { error: 'error.forbidden' } });
    expect(await api('GET', voteResultsRoute(room.roomId), fac.token)).toEqual({
      status: 200, body: { round, voters: 3, results: [{ recordId: 'n-fast', count: 4 }, { recordId: 'n-bins', count: 3 }, { recordId: 'n-dark', count: 1 }] },
    });
    for (const who of [a, b, c, fac]) expect(readVote(who.board.doc)?.results).toBeUndefined();
    // A co-facilitator (a role the facilitator gave) may read them too.
    setMemberRole(fac.board, memberOfToken(c.token)!.memberId, 'co-facilitator');
    await untilSync(c.sync, () => c.board.role() === 'co-facilitator');
    expect((await api('GET', voteResultsRoute(room.roomId), c.token)).status).toBe(200);

    revealVote(fac.board);
    const ranked = [{ recordId: 'n-fast', count: 4 }, { recordId: 'n-bins', count: 3 }, { recordId: 'n-dark', count: 1 }];
    for (const who of [a, b, fac]) {
      await untilSync(who.sync, () => readVote(who.board.doc)?.results !== undefined);
      expect(readVote(who.board.doc)).toMatchObject({ state: 'revealed', results: ranked });
    }
  });

  it('keeps private notes from every other device until the reveal, then puts them on the board as their authors\'', async () => {
    const fac = await facilitator();
    const alice = await participant();
    const bob = await participant();
    setPrivateMode(fac.board, true);
    await untilSync(alice.sync, () => readPrivateMode(alice.board.doc)?.on === true);
    const round = readPrivateMode(alice.board.doc)!.round;
    const note = { round, text: '밤에 골목이 무섭다', x: 10, y: 500, author: '앨리스' };
    const posted = await api('POST', privateNotesRoute(room.roomId), alice.token, note);
    expect(posted.status).toBe(200);
    expect((await api('POST', privateNotesRoute(room.roomId), alice.token, { ...note, round: 'ffffffff' })).status).toBe(409);
    expect((await api('POST', privateNotesRoute(room.roomId), alice.token, { ...note, text: 'x'.repeat(20_000) })).status).toBe(413);
    // Only its author reads it back.
    expect((await api('GET', privateNotesRoute(room.roomId), alice.token)).body).toMatchObject({ round, notes: [{ text: '밤에 골목이 무섭다' }] });
    expect((await api('GET', privateNotesRoute(room.roomId), bob.token)).body).toEqual({ round, notes: [] });

    // Everything the room said so far has reached Bob (a later edit arrived), and the note did not.
    createNotes(fac.board, [{ x: 0, y: 900, author: '진행자', text: '표시' }]);
    await untilSync(bob.sync, () => hasText(bob.board.doc, '표시'));
    for (const doc of [bob.board.doc, alice.board.doc, fac.board.doc]) expect(hasText(doc, '밤에 골목이 무섭다')).toBe(false);

    // A participant cannot end it; the facilitator's end reveals it to everyone, owned by its author.
    expect(setPrivateMode(alice.board, false)).toBe(false);
    setPrivateMode(fac.board, false);
    await untilSync(bob.sync, () => hasText(bob.board.doc, '밤에 골목이 무섭다'));
    const revealed = Board.open(bob.board.doc).notes().find((n) => n.text === '밤에 골목이 무섭다')!;
    expect(revealed).toMatchObject({ author: '앨리스', geometry: { x: 10, y: 500 } });
    expect(ownersMap(bob.board.doc).get(revealed.id)).toBe(memberOfToken(alice.token)!.memberId);
    // After the round, nothing more is taken.
    expect((await api('POST', privateNotesRoute(room.roomId), alice.token, note)).status).toBe(409);
  });

  it('an anonymous round reveals notes with no author and no owner', async () => {
    const fac = await facilitator();
    const alice = await participant();
    setPrivateMode(fac.board, true, { anonymous: true });
    await untilSync(alice.sync, () => readPrivateMode(alice.board.doc)?.on === true);
    const round = readPrivateMode(alice.board.doc)!.round;
    expect((await api('POST', privateNotesRoute(room.roomId), alice.token, { round, text: '익명 의견', x: 0, y: 0, author: '앨리스' })).status).toBe(200);
    setPrivateMode(fac.board, false);
    await untilSync(alice.sync, () => hasText(alice.board.doc, '익명 의견'));
    const revealed = Board.open(alice.board.doc).notes().find((n) => n.text === '익명 의견')!;
    expect(revealed.author).toBe('');
    expect(ownersMap(alice.board.doc).has(revealed.id)).toBe(false);
  });

  it('an observer can neither vote nor write private notes', async () => {
    const fac = await facilitator();
    const olga = await participant();
    setMemberRole(fac.board, memberOfToken(olga.token)!.memberId, 'observer');
    openVote(fac.board, { budget: 1 });
    setPrivateMode(fac.board, true);
    await untilSync(olga.sync, () => olga.board.role() === 'observer' && readPrivateMode(olga.board.doc)?.on === true);
    const round = readVote(olga.board.doc)!.round;
    expect((await api('PUT', ballotRoute(room.roomId), olga.token, { round, dots: [{ recordId: 'n-dark', count: 1 }] })).status).toBe(403);
    expect((await api('POST', privateNotesRoute(room.roomId), olga.token, { round: readPrivateMode(olga.board.doc)!.round, text: 'x', x: 0, y: 0, author: 'o' })).status).toBe(403);
  });

  it('keeps ballots and private notes across a restart of the host', async () => {
    const fac = await facilitator();
    const alice = await participant();
    openVote(fac.board, { budget: 2 });
    setPrivateMode(fac.board, true);
    await untilSync(alice.sync, () => readVote(alice.board.doc) !== null && readPrivateMode(alice.board.doc)?.on === true);
    const round = readVote(alice.board.doc)!.round;
    const privateRound = readPrivateMode(alice.board.doc)!.round;
    expect((await api('PUT', ballotRoute(room.roomId), alice.token, { round, dots: [{ recordId: 'n-bins', count: 2 }] })).status).toBe(200);
    expect((await api('POST', privateNotesRoute(room.roomId), alice.token, { round: privateRound, text: '재시작 뒤에도', x: 0, y: 0, author: '앨리스' })).status).toBe(200);
    for (const cleanup of cleanups.splice(0)) cleanup();
    await host.close();
    await startHost();

    expect(await api('GET', ballotRoute(room.roomId), alice.token)).toEqual({ status: 200, body: { round, dots: [{ recordId: 'n-bins', count: 2 }] } });
    const again = await connect(room.memberToken);
    await untilSync(again.sync, () => readPrivateMode(again.board.doc)?.on === true);
    setPrivateMode(again.board, false);
    await untilSync(again.sync, () => hasText(again.board.doc, '재시작 뒤에도'));
  });
});
