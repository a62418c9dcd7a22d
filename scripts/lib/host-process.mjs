// Starts the built host CLI (`node out/host/cli.mjs`, what `npm run host` runs) on a free loopback
// port with its own data directory and reads its one JSON line. Shared by the e2e fixtures and the
// benchmarks, so both drive the host exactly as a user starts it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const CLI = new URL('../../out/host/cli.mjs', import.meta.url).pathname;

/** `bind` other than loopback (e.g. '0.0.0.0' for pictures with a LAN join address) is reachable from the LAN. */
export async function startHostProcess({ port = 0, dataDir = mkdtempSync(join(tmpdir(), 'madang-host-')), bind = '127.0.0.1' } = {}) {
  const child = spawn(process.execPath, [CLI, '--port', String(port), '--bind', bind, '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before listening:\n${stderr}`)));
  });
  const listening = JSON.parse(line);
  if (listening.event !== 'listening') throw new Error(`unexpected first line from the host: ${line}`);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
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
