// `npm run portal:reference -- --port <p> --data <dir>`: one JSON line when listening, then it
// answers the ingest contract at that URL.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const cleanups: Array<() => void> = [];
afterEach(() => { for (const cleanup of cleanups.splice(0)) cleanup(); });

describe('scripts/portal-reference.mjs', () => {
  it('prints {"event":"listening","url":…} and serves the receiver there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madang-portal-cli-'));
    const child = spawn(process.execPath, ['scripts/portal-reference.mjs', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(() => { child.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const event = JSON.parse(line);
    expect(event).toEqual({ event: 'listening', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    const health = await fetch(`${event.url}/v1/health`);
    expect(await health.json()).toEqual({ ok: true });
  }, 30_000);
});
