import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatJoinCode } from '../../shared/room/joinCode';
import { DEFAULT_PORT, parseHostArgs, runHostCli, type CliIo } from './cli';
import { fakeRenderer, tempDir } from './testSupport';

describe('parseHostArgs', () => {
  it('has sensible defaults', () => {
    expect(parseHostArgs([])).toEqual({ ok: true, options: { port: DEFAULT_PORT, dataDir: join(homedir(), '.madang', 'host'), bind: '0.0.0.0', title: '워크숍', help: false } });
  });

  it('reads every option, as "--x v" or "--x=v"', () => {
    const parsed = parseHostArgs(['--port', '0', '--data=/tmp/madang', '--bind', '127.0.0.1', '--title', ' 전주 시장 ']);
    expect(parsed).toEqual({ ok: true, options: { port: 0, dataDir: '/tmp/madang', bind: '127.0.0.1', title: '전주 시장', help: false } });
    expect(parseHostArgs(['--port=65535'])).toMatchObject({ ok: true, options: { port: 65535 } });
    expect(parseHostArgs(['--data', '~/rooms'])).toMatchObject({ ok: true, options: { dataDir: join(homedir(), 'rooms') } });
    expect(parseHostArgs(['--help'])).toMatchObject({ ok: true, options: { help: true } });
  });

  it.each([
    [['--port', '65536'], /--port must be a whole number from 0 to 65535/],
    [['--port', '-1'], /--port needs a value|--port must/],
    [['--port', 'abc'], /--port must/],
    [['--port=4.5'], /--port must/],
    [['--port'], /--port needs a value/],
    [['--port', '--data', 'x'], /--port needs a value/],
    [['--bind', 'my-laptop'], /--bind must be an IP address/],
    [['--title', '   '], /--title must be/],
    [['--verbose'], /unknown option --verbose/],
    [['4780'], /unexpected argument "4780"/],
  ])('refuses %j with one line', (argv, message) => {
    const parsed = parseHostArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });
});

type Captured = CliIo & { out: string[]; err: string[]; exited: Promise<number>; stop: () => void };

function capture(extra: Partial<CliIo> = {}): Captured {
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const io: Captured = {
    out: [],
    err: [],
    exited,
    stop: () => {
      throw new Error('no shutdown handler registered');
    },
    stdout: (text) => io.out.push(text),
    stderr: (text) => io.err.push(text),
    exit: (code) => resolveExit(code),
    onShutdown: (stop) => (io.stop = stop),
    interfaces: () => ({}),
    ...extra,
  };
  return io;
}

describe('runHostCli', () => {
  let dir: ReturnType<typeof tempDir>;
  let blocker: Server | undefined;
  beforeEach(() => (dir = tempDir()));
  afterEach(async () => {
    if (blocker) await new Promise((resolve) => blocker?.close(resolve));
    blocker = undefined;
    dir.remove();
  });

  it('exits 2 with a message on a bad port, printing nothing on stdout', async () => {
    const io = capture();
    await runHostCli(['--port', '99999'], io);
    expect(await io.exited).toBe(2);
    expect(io.err.join('')).toMatch(/^madang host: --port must be .*\n$/);
    expect(io.out).toEqual([]);
  });

  it('prints usage for --help', async () => {
    const io = capture();
    await runHostCli(['--help'], io);
    expect(await io.exited).toBe(0);
    expect(io.out.join('')).toContain('--port <n>');
  });

  it('starts, prints one JSON line on stdout, serves, and stops with exit 0', async () => {
    const io = capture({ staticDir: fakeRenderer(join(dir.path, 'www')) });
    const host = await runHostCli(['--port', '0', '--bind', '127.0.0.1', '--data', join(dir.path, 'data'), '--title', 'Market day'], io);
    expect(host).toBeDefined();

    expect(io.out).toHaveLength(1);
    const line = io.out[0] ?? '';
    expect(line.endsWith('\n')).toBe(true);
    const listening = JSON.parse(line) as Record<string, string>;
    expect(Object.keys(listening)).toEqual(['event', 'url', 'joinUrl', 'joinCode']);
    expect(listening.event).toBe('listening');
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(listening.joinUrl).toBe(`${listening.url}/?join=${listening.joinCode}`);
    expect(io.err.join('')).toContain(formatJoinCode(listening.joinCode ?? ''));

    const join_ = await fetch(`${listening.url}/api/join`, { method: 'POST', body: JSON.stringify({ code: listening.joinCode }) });
    expect(await join_.json()).toMatchObject({ sessionId: 'default', title: 'Market day' });

    io.stop();
    expect(await io.exited).toBe(0);
    await expect(fetch(`${listening.url}/api/health`)).rejects.toThrow();
  });

  it('exits 1 with one clear line when the port is taken', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const io = capture({ staticDir: join(dir.path, 'www') });
    await runHostCli(['--port', String(port), '--bind', '127.0.0.1', '--data', join(dir.path, 'data')], io);
    expect(await io.exited).toBe(1);
    const err = io.err.join('');
    expect(err).toMatch(new RegExp(`^madang host: port ${port} is already in use.*\\n$`));
    expect(err).not.toMatch(/\n\s+at /);
    expect(io.out).toEqual([]);
  });
});
