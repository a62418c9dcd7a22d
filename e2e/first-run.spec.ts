// The first run as a facilitator meets it: `npm start` where Electron cannot run serves the app
// through the host, in a real terminal (a pseudo-terminal from `script`). What the terminal
// prints must be what the facilitator's screen shows: no room of its own, the facilitator's
// address, then the join code, address and QR code of the room the facilitator opens there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, openApp } from './support/fixtures';

const root = new URL('..', import.meta.url).pathname;

type Terminal = { child: ChildProcess; output: () => string; waitFor: (what: string | RegExp) => Promise<string>; stop: () => Promise<void> };

/** `npm start`'s script in a pseudo-terminal; Electron is made unfindable and undownloadable. */
function startInTerminal(args: string[]): Terminal {
  const scratch = mkdtempSync(join(tmpdir(), 'madang-first-run-'));
  const command = ['node', 'scripts/start.mjs', ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // No Electron here even where one is installed, and its download fails at once, on loopback.
      ELECTRON_OVERRIDE_DIST_PATH: join(scratch, 'no-electron'),
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
      electron_config_cache: join(scratch, 'cache'),
      COLUMNS: '120',
    },
  });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8').replaceAll('\r\n', '\n');
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    waitFor: (what) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = typeof what === 'string' ? text.includes(what) : what.test(text);
          if (found) {
            waiters.delete(check);
            resolve(text);
          }
        };
        waiters.add(check);
        void exited.then(() => reject(new Error(`npm start ended before printing ${String(what)}:\n${text}`)));
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

const qrRows = (text: string) => text.split('\n').filter((line) => line.includes('\x1b[30;47m')).length;

test('npm start prints the room the facilitator opens on screen, and participants who use it join that board', async ({ browser }) => {
  const data = mkdtempSync(join(tmpdir(), 'madang-first-run-data-'));
  const terminal = startInTerminal(['--port', '0', '--bind', '127.0.0.1', '--data', data]);
  try {
    const atStart = await terminal.waitFor(/Press Ctrl\+C to stop\.\n/);
    expect(atStart).toContain('Electron is not installed here');
    const facilitatorUrl = /Facilitator: open this address in a browser on this computer:\n\s+(http:\/\/127\.0\.0\.1:\d+)\n/.exec(atStart)?.[1];
    expect(facilitatorUrl).toBeDefined();
    // No room of the host's own: nothing to join yet, and people read sentences, not JSON.
    expect(atStart).not.toMatch(/Join code:|참여 코드 \//);
    expect(qrRows(atStart)).toBe(0);
    expect(atStart.split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);

    const facilitator = await openApp(await (await browser.newContext({ locale: 'ko-KR' })).newPage(), facilitatorUrl!);
    await facilitator.getByLabel('세션 이름').fill('골목 안전 워크숍');
    await facilitator.getByRole('button', { name: '만들기' }).click();
    await facilitator.getByRole('button', { name: '방 열기' }).click();
    const shownCode = (await facilitator.getByTestId('join-code').textContent())!.trim();
    const shownUrl = (await facilitator.getByTestId('join-url').textContent())!.trim();

    const afterOpen = (await terminal.waitFor(shownUrl)).slice(atStart.length);
    expect(afterOpen).toContain('Room open: 골목 안전 워크숍');
    expect(afterOpen).toContain(`참여 코드 / Join code:  ${shownCode}\n`);
    expect(afterOpen).toContain(`참여 주소 / Join URL:  ${shownUrl}\n`);
    expect(qrRows(afterOpen)).toBeGreaterThan(10);

    // A participant who uses what the terminal printed lands on the facilitator's board.
    const printedUrl = /Join URL:\s+(\S+)\n/.exec(afterOpen)![1]!;
    const guest = await openApp(await (await browser.newContext({ locale: 'ko-KR' })).newPage(), printedUrl);
    await expect(guest.getByRole('heading', { name: '골목 안전 워크숍' })).toBeVisible();
    await expect(facilitator.getByTestId('presence-list').getByRole('listitem')).toHaveCount(2);

    // The whole session in the terminal: sentences and one QR code, no log lines.
    expect(terminal.output().split('\n').filter((line) => line.trimStart().startsWith('{'))).toEqual([]);
    await guest.context().close();
    await facilitator.context().close();
  } finally {
    await terminal.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
