// `npm run sync-server` as a host sees it: started on the host's data folder, it admits the
// members that host issues (the shared member-secret) and the room syncs through it.
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { recordsMap } from '../../shared/board/schema';
import { Board, createNote } from '../../shared/board';
import { parseSyncServer } from '../../shared/room/syncServer';
import { RoomSync, type RoomSyncOptions } from '../../shared/sync/roomSync';
import { createMemoryLogger } from './log';
import { createHost, type Host } from './server';
import { DEFAULT_SYNC_SERVER_PORT, parseSyncServerArgs, startSyncServer, type RunningSyncServer } from './syncServerCli';
import { fakeRenderer, joinAsParticipant, tempDir, untilSync } from './testSupport';

describe('parseSyncServerArgs', () => {
  it('reads --data, --port and --address, listening on loopback unless told', () => {
    expect(parseSyncServerArgs(['--data', '/tmp/h', '--port=0'])).toEqual({ ok: true, options: { dataDir: '/tmp/h', port: 0, address: '127.0.0.1', help: false } });
    expect(parseSyncServerArgs(['--address', '0.0.0.0'])).toMatchObject({ ok: true, options: { port: DEFAULT_SYNC_SERVER_PORT, address: '0.0.0.0' } });
  });

  it.each([[['--port', '70000']], [['--address', 'sync.local']], [['--data']], [['--token', 'x']], [['4790']]])('refuses %j with one line', (argv) => {
    const parsed = parseSyncServerArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).not.toContain('\n');
  });
});

describe('a host pointing at the sync server of its data folder', () => {
  let dir: ReturnType<typeof tempDir>;
  let server: RunningSyncServer | undefined;
  let host: Host | undefined;
  const syncs: RoomSync[] = [];
  beforeAll(() => {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  });
  afterEach(async () => {
    for (const sync of syncs.splice(0)) sync.destroy();
    await host?.close();
    await server?.close();
    dir.remove();
  });

  it('syncs the facilitator and a participant through the server, with the tokens the host issued', async () => {
    dir = tempDir();
    const dataDir = join(dir.path, 'data');
    server = await startSyncServer({ dataDir, port: 0, address: '127.0.0.1' }, createMemoryLogger());
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const parsed = parseSyncServer(server.url);
    if (!parsed.ok) throw new Error(parsed.error);
    host = await createHost({ port: 0, bind: '127.0.0.1', dataDir, staticDir: fakeRenderer(join(dir.path, 'www')), version: 't', log: createMemoryLogger(), interfaces: () => ({}), syncServer: parsed.server });
    const room = await host.openRoom({ sessionId: 'session-1', title: '마을 지도' });
    const open = async (memberToken: string) => {
      const sync = await RoomSync.open({
        doc: new Y.Doc(),
        roomId: room.roomId,
        joinCode: room.joinCode,
        hostOrigin: host!.url,
        memberToken,
        wrtc: null,
        WebSocket: WebSocket as unknown as RoomSyncOptions['WebSocket'],
        timing: { resyncMs: 300 },
        server: room.server!,
      });
      syncs.push(sync);
      return sync;
    };
    const facilitator = await open(room.memberToken);
    const participant = await open(await joinAsParticipant(host.url, room.joinCode));
    for (const sync of [facilitator, participant]) await untilSync(sync, (s) => s.transport === 'server' && s.synced);
    const note = createNote(Board.create(facilitator.doc, { boardId: 'session-1', title: '마을 지도' }), { x: 0, y: 0, text: '그늘', author: '진행자' })!;
    await untilSync(participant, () => recordsMap(participant.doc).has(note));
    // Nothing went through the host's hub.
    expect(host.hubStats().links).toBe(0);
  }, 30_000);
});
