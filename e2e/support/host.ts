// Starts the real host CLI (`node out/host/cli.mjs`, what `npm run host` runs) on a free
// loopback port with its own data directory, and reads its one JSON line.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  url: string;
  joinUrl: string;
  joinCode: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
  /** Stops and starts again on the same port and data directory. */
  restart(): Promise<RunningHost>;
}

const CLI = join(import.meta.dirname, '../../out/host/cli.mjs');

export async function startHost(options: { port?: number; dataDir?: string } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'madang-e2e-host-'));
  const child = spawn(process.execPath, [CLI, '--port', String(options.port ?? 0), '--bind', '127.0.0.1', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before listening:\n${stderr}`)));
  });
  const listening = JSON.parse(line) as { event: string; url: string; joinUrl: string; joinCode: string };
  if (listening.event !== 'listening') throw new Error(`unexpected first line: ${line}`);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const port = Number(new URL(listening.url).port);
  return {
    ...listening,
    dataDir,
    process: child,
    stop,
    restart: async () => {
      await stop();
      return startHost({ port, dataDir });
    },
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
