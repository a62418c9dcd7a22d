// The host as a program started it: stdout and stderr piped to a reader. When that reader goes
// away (a log collector restarted, `npm run host | head`), the host keeps serving the room and
// idles; before, each log line's broken write came back as an uncaught exception whose own log
// line broke again, and the host spun at a full core for as long as it ran.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test, expect } from './support/fixtures';

const CLI = new URL('../out/host/cli.mjs', import.meta.url).pathname;

/** CPU time (user + system) the process has used, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

test('a host whose log reader goes away keeps serving, and does not spin', async () => {
  const data = mkdtempSync(join(tmpdir(), 'madang-log-pipe-'));
  const child = spawn(process.execPath, [CLI, '--port', '0', '--bind', '127.0.0.1', '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const { url } = JSON.parse(first) as { url: string };
    // Nobody reads the host's output any more: our ends of its pipes are closed.
    const closed = Promise.all([once(child.stdout!, 'close'), once(child.stderr!, 'close')]);
    child.stdout!.destroy();
    child.stderr!.destroy();
    await closed;
    // Something the host logs: a join with a wrong code (a warning line).
    const wrong = await fetch(`${url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'WRONG1' }) });
    expect(wrong.status).toBe(404);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);

    // Over the next second an idle host uses next to no CPU; spinning, it used the whole second
    // (and, its event loop never free, stopped answering HTTP at all).
    const before = cpuMs(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(cpuMs(child.pid!) - before).toBeLessThan(500);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  } finally {
    child.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});
