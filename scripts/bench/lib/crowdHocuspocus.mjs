// The crowd bench's join storm on a room that syncs through an external Hocuspocus server
// (`npm run sync-server`, docs/sync.md "Scale-out") instead of the host's hub: the sync server and
// a host pointing at it (--sync-server, the same data folder) as their own processes, and N Node
// clients of the app's own RoomSync in this process, each given its ticket by POST /api/join and
// syncing through the server the ticket names. Measured as the bench's Node run on the star is
// (scripts/bench/crowd.mjs, nodeRun), so the two figures stand side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHostProcess, startSyncServerProcess } from '../../lib/host-process.mjs';
import { importTs } from '../../lib/import-ts.mjs';
import { processUsage } from './metrics.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * N clients join at once, then each adds `notes` notes one at a time. Returns the time until all
 * are synced with the server, the time from the last edit until every client holds every note
 * (null when not within `timeoutS`), and the sync server's CPU time and memory at the end.
 */
export async function hocuspocusNodeRun({ n, notes, timeoutS }) {
  const { openCrowdPeer } = await importTs('scripts/bench/lib/crowdPeer.ts');
  globalThis.WebSocket ??= WebSocket;
  const dataDir = mkdtempSync(join(tmpdir(), 'madang-crowd-hocuspocus-'));
  // The server first: it makes the folder's member secret, which the host then reads.
  const syncServer = await startSyncServerProcess({ dataDir });
  let host = null;
  const peers = [];
  try {
    host = await startHostProcess({ dataDir, args: ['--sync-server', syncServer.url] });
    const start = performance.now();
    const tickets = await Promise.all(Array.from({ length: n }, () => fetch(new URL('/api/join', host.url), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: host.joinCode }),
    }).then((r) => r.json())));
    if (!tickets.every((t) => t.server?.url === syncServer.url)) throw new Error('the host\'s tickets do not name the sync server');
    peers.push(...(await Promise.all(tickets.map((t) => openCrowdPeer({ roomId: t.roomId, joinCode: t.joinCode, hostOrigin: host.url, memberToken: t.memberToken, server: t.server, WebSocket })))));
    const deadline = performance.now() + timeoutS * 1000;
    while (!peers.every((p) => p.synced()) && performance.now() < deadline) await sleep(20);
    const allSynced = performance.now();
    let lastEdit = 0;
    await Promise.all(peers.map(async (peer, p) => {
      for (let k = 0; k < notes; k++) {
        peer.addNote(`참가자 ${p} 메모 ${k}`, k * 180, p * 140);
        await sleep(5);
      }
      lastEdit = Math.max(lastEdit, performance.now());
    }));
    const total = n * notes;
    while (!peers.every((p) => p.notes() === total) && performance.now() < deadline) await sleep(10);
    const converged = peers.every((p) => p.notes() === total) ? performance.now() : null;
    const usage = processUsage(syncServer.process.pid);
    return {
      allSyncedMs: allSynced - start,
      convergeAfterLastEditMs: converged === null ? null : converged - lastEdit,
      serverCpuMs: usage?.cpuMs ?? null,
      serverRssMB: usage?.rssMB ?? null,
    };
  } finally {
    for (const peer of peers) peer.destroy();
    await host?.stop();
    await syncServer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node scripts/bench/lib/crowdHocuspocus.mjs [n] [notes] [timeoutS]`: one run, one JSON line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [n = 24, notes = 20, timeoutS = 120] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await hocuspocusNodeRun({ n, notes, timeoutS })));
}
