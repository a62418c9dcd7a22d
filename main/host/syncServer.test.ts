// A room synced through an external Hocuspocus server instead of the facilitator's host: a real
// @hocuspocus/server on loopback with the Madang extension, and a facilitator and two
// participants as RoomSync clients in this process (the same class the browser runs; a browser
// e2e is left to the crowd benchmark). Waits are on state changes, each bounded.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Server } from '@hocuspocus/server';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Board, createNote, deleteRecords } from '../../shared/board';
import { ownersMap, recordsMap } from '../../shared/board/schema';
import { memberOfToken } from '../../shared/room/api';
import { RoomSync, type RoomSyncOptions } from '../../shared/sync/roomSync';
import { createMemoryLogger, type MemoryLogger } from './log';
import { MemberTokens } from './members';
import { madangSyncExtension } from './syncServer';
import { untilSync } from './testSupport';

const ROOM = 'room-hocuspocus';
let server: Server;
let tokens: MemberTokens;
let log: MemoryLogger;
const syncs: RoomSync[] = [];

beforeAll(() => {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
});

beforeEach(async () => {
  tokens = MemberTokens.ephemeral();
  log = createMemoryLogger();
  server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false, extensions: [madangSyncExtension(tokens, log)] });
  await server.listen();
});

afterEach(async () => {
  for (const sync of syncs.splice(0)) sync.destroy();
  await server.destroy();
});

async function member(memberToken: string): Promise<RoomSync> {
  const sync = await RoomSync.open({
    doc: new Y.Doc(),
    roomId: ROOM,
    // Unused with a sync server: no signaling, no relay, no host.
    joinCode: 'ABCDEF',
    hostOrigin: 'http://127.0.0.1:9',
    memberToken,
    wrtc: null,
    WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'],
    timing: { resyncMs: 300 },
    server: { kind: 'hocuspocus', url: server.webSocketURL },
  });
  syncs.push(sync);
  return sync;
}

const contentOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex') + recordsMap(doc).size;

/** Until every client holds the same board, checked on every change of any of them. */
function converged(...clients: RoomSync[]): Promise<void> {
  const same = () => clients.every((sync) => contentOf(sync.doc) === contentOf(clients[0]!.doc));
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!same()) return;
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error('clients did not converge'));
    }, 10_000);
    const stop = () => {
      clearTimeout(timer);
      for (const sync of clients) sync.doc.off('update', check);
    };
    for (const sync of clients) sync.doc.on('update', check);
    check();
  });
}

describe('a room on an external Hocuspocus server', () => {
  it('syncs a facilitator and two participants through it, with the room\'s rules enforced there', async () => {
    const facilitator = await member(tokens.issueFacilitator(ROOM));
    const minjiToken = tokens.issueParticipant(ROOM);
    const minji = await member(minjiToken);
    const jun = await member(tokens.issueParticipant(ROOM));
    for (const sync of [facilitator, minji, jun]) await untilSync(sync, (s) => s.transport === 'server' && s.synced);

    const board = Board.create(facilitator.doc, { boardId: 'board-1', title: '마을 지도' });
    const agenda = createNote(board, { id: 'agenda', x: 0, y: 0, text: '오늘의 질문', author: '진행자' })!;
    const minjiBoard = Board.open(minji.doc);
    await untilSync(minji, () => minjiBoard.get(agenda) !== undefined);
    const idea = createNote(minjiBoard, { id: 'idea', x: 200, y: 0, text: '놀이터에 그늘을', author: '민지' })!;
    await untilSync(jun, () => recordsMap(jun.doc).has(idea) && ownersMap(jun.doc).has(idea));
    // The server, like the hub, wrote who made each record.
    expect(ownersMap(jun.doc).get(idea)).toBe(memberOfToken(minjiToken)?.memberId);

    // Jun's app (or a modified one) deletes Minji's note: the server undoes it for everyone.
    recordsMap(jun.doc).delete(idea);
    await untilSync(jun, () => recordsMap(jun.doc).has(idea));
    expect(log.entries.some((e) => e.event === 'syncServer.refused')).toBe(true);
    await converged(facilitator, minji, jun);
    // Minji may delete her own; everyone sees it go.
    deleteRecords(minjiBoard, [idea]);
    await converged(facilitator, minji, jun);
    for (const sync of [facilitator, minji, jun]) expect(Object.keys(recordsMap(sync.doc).toJSON())).toEqual([agenda]);
  }, 30_000);

  it('refuses a token that is not the room\'s: the client ends instead of retrying', async () => {
    const stranger = await member(MemberTokens.ephemeral().issueParticipant(ROOM));
    await untilSync(stranger, (s) => s.ended === 'closed');
    expect(log.entries.some((e) => e.event === 'syncServer.rejected')).toBe(true);
  });
});
