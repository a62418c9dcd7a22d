// Starts the built host CLI (`node out/host/cli.mjs`, what `npm run host` runs) on a free loopback
// port with its own data directory and reads its one JSON line. Shared by the e2e fixtures and the
// benchmarks, so both drive the host exactly as a user starts it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CLI = new URL('../../out/host/cli.mjs', import.meta.url).pathname;
const SYNC_SERVER_CLI = new URL('../../out/host/sync-server.mjs', import.meta.url).pathname;

/** Starts a built CLI and reads its first stdout line, which must be `{"event":"listening",…}`. */
async function startListening(name, argv) {
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stopping = false;
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  // A host that dies under a test says why, instead of leaving only "connection refused" behind.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[host] exited unexpectedly (${code ?? signal}); the end of its stderr:\n${stderr.slice(-4000)}\n`);
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${stderr}`)));
  });
  const listening = JSON.parse(line);
  if (listening.event !== 'listening') throw new Error(`unexpected first line from the ${name}: ${line}`);
  const stop = () =>
    new Promise((resolve) => {
      stopping = true;
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { child, listening, stop };
}

/**
 * `bind` other than loopback (e.g. '0.0.0.0' for pictures with a LAN join address) is reachable from the LAN.
 * `args`: more host options, e.g. ['--sync-server', url].
 */
export async function startHostProcess({ port = 0, dataDir = mkdtempSync(join(tmpdir(), 'madang-host-')), bind = '127.0.0.1', args = [] } = {}) {
  const { child, listening, stop } = await startListening('host', [CLI, '--port', String(port), '--bind', bind, '--data', dataDir, ...args]);
  return {
    url: listening.url,
    joinUrl: listening.joinUrl,
    joinCode: listening.joinCode,
    dataDir,
    process: child,
    stop,
    /** Stops the host and deletes its data directory. */
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the built sync server (`npm run sync-server`) on a free loopback port for the member
 * secret of `dataDir`: a host started on the same folder with `--sync-server <url>` syncs its rooms
 * through it. Start it first: it makes the secret when the folder has none.
 */
export async function startSyncServerProcess({ dataDir }) {
  const { child, listening, stop } = await startListening('sync server', [SYNC_SERVER_CLI, '--data', dataDir, '--port', '0', '--address', '127.0.0.1']);
  return { url: listening.url, process: child, stop };
}
