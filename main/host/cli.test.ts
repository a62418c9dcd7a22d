import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoomInfoSchema, type RoomInfo } from '../../shared/room/api';
import { formatJoinCode } from '../../shared/room/joinCode';
import { DEFAULT_PORT, parseHostArgs, runHostCli, type CliIo } from './cli';
import { fakeRenderer, tempDir } from './testSupport';

describe('parseHostArgs', () => {
  it('has sensible defaults', () => {
    expect(parseHostArgs([])).toEqual({ ok: true, options: { port: DEFAULT_PORT, dataDir: join(homedir(), '.madang', 'host'), bind: '0.0.0.0', title: '워크숍', log: undefined, syncServer: null, help: false } });
  });

  it('reads every option, as "--x v" or "--x=v"', () => {
    const parsed = parseHostArgs(['--port', '0', '--data=/tmp/madang', '--bind', '127.0.0.1', '--title', ' 전주 시장 ']);
    expect(parsed).toEqual({ ok: true, options: { port: 0, dataDir: '/tmp/madang', bind: '127.0.0.1', title: '전주 시장', log: undefined, syncServer: null, help: false } });
    expect(parseHostArgs(['--port=65535'])).toMatchObject({ ok: true, options: { port: 65535 } });
    expect(parseHostArgs(['--data', '~/rooms'])).toMatchObject({ ok: true, options: { dataDir: join(homedir(), 'rooms') } });
    expect(parseHostArgs(['--help'])).toMatchObject({ ok: true, options: { help: true } });
    expect(parseHostArgs(['--log', 'json'])).toMatchObject({ ok: true, options: { log: 'json' } });
    expect(parseHostArgs(['--log=text'])).toMatchObject({ ok: true, options: { log: 'text' } });
  });

  it('opens no room of its own with --no-default-room (what npm start runs)', () => {
    expect(parseHostArgs(['--no-default-room'])).toMatchObject({ ok: true, options: { title: null } });
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
    [['--log', 'xml'], /--log must be text or json/],
    [['--no-default-room=yes'], /--no-default-room takes no value/],
    [['--no-default-room', '--title', 'x'], /cannot go with --no-default-room/],
    [['4780'], /unexpected argument "4780"/],
    [['--sync-server', 'http://10.0.0.5:4790'], /--sync-server must be ws:\/\/host:port or wss:\/\/host:port/],
    [['--sync-server', 'ws://10.0.0.5:4790/other'], /--sync-server must be ws/],
    [['--sync-server=ws://10.0.0.5:4790?room=x'], /--sync-server must be ws/],
    [['--sync-server'], /--sync-server needs a value/],
  ])('refuses %j with one line', (argv, message) => {
    const parsed = parseHostArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).not.toContain('\n');
    }
  });
});

describe('--sync-server and MADANG_SYNC_SERVER', () => {
  it('makes every room sync through the external server, given as one origin', () => {
    expect(parseHostArgs(['--sync-server', 'ws://10.0.0.5:4790/'])).toMatchObject({ ok: true, options: { syncServer: { kind: 'hocuspocus', url: 'ws://10.0.0.5:4790' } } });
    expect(parseHostArgs([], { MADANG_SYNC_SERVER: 'wss://sync.madang.kr' })).toMatchObject({ ok: true, options: { syncServer: { kind: 'hocuspocus', url: 'wss://sync.madang.kr' } } });
    // The flag wins over the environment.
    expect(parseHostArgs(['--sync-server=ws://127.0.0.1:4790'], { MADANG_SYNC_SERVER: 'ws://10.0.0.9:1' })).toMatchObject({ ok: true, options: { syncServer: { url: 'ws://127.0.0.1:4790' } } });
  });

  it('stops start-up on a bad environment value, and never echoes it (it may hold a password)', () => {
    const parsed = parseHostArgs([], { MADANG_SYNC_SERVER: 'ws://admin:hunter2@10.0.0.5:4790' });
    expect(parsed).toMatchObject({ ok: false, error: expect.stringMatching(/^MADANG_SYNC_SERVER must be ws:\/\/host:port/) });
    if (!parsed.ok) expect(parsed.error).not.toContain('hunter2');
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
    // Not a terminal: the logs on stderr are JSON lines too, for whatever collects them.
    expect(io.err.join('').trimEnd().split('\n').map((l) => JSON.parse(l) as { event: string })[0]).toMatchObject({ event: 'host.listening' });

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

/** Everything a person would see, without the colours of the QR code. */
const seen = (io: Captured) => io.out.join('').replaceAll('\x1b[30;47m', '').replaceAll('\x1b[0m', '');
const qrRows = (text: string) => text.split('\n').filter((line) => /^[ █▀▄]{20,}$/.test(line)).length;

async function openRoomFromFacilitatorScreen(url: string, sessionId: string, title: string): Promise<RoomInfo> {
  const response = await fetch(`${url}/api/rooms`, { method: 'POST', body: JSON.stringify({ sessionId, title }) });
  expect(response.status).toBe(200);
  return RoomInfoSchema.parse(await response.json());
}

describe('runHostCli for the facilitator (--no-default-room, as npm start runs it)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  const args = () => ['--no-default-room', '--port', '0', '--bind', '127.0.0.1', '--data', join(dir.path, 'data')];

  it('in a terminal: sentences, no JSON; a room appears with its code and QR only once the facilitator opens it', async () => {
    const io = capture({ staticDir: fakeRenderer(join(dir.path, 'www')), stdoutIsTerminal: true });
    const host = await runHostCli(args(), io);
    expect(host).toBeDefined();
    const atStart = seen(io);
    expect(atStart).toContain(`    ${host!.url}\n`);
    expect(atStart).toContain('Facilitator: open this address in a browser on this computer');
    expect(atStart).toContain('진행자는 이 컴퓨터의 브라우저에서');
    expect(atStart).not.toMatch(/Join code:|참여 코드 \//);
    expect(qrRows(atStart)).toBe(0);
    expect(atStart.split('\n').filter((line) => line.trim().startsWith('{'))).toEqual([]);

    const room = await openRoomFromFacilitatorScreen(host!.url, 'session-1', '골목 안전\x1b[2J 워크숍');
    const afterOpen = seen(io).slice(atStart.length);
    // The title comes from a person: its escape character never reaches the terminal.
    expect(afterOpen).toContain(`Room open: 골목 안전 [2J 워크숍`);
    expect(afterOpen).toContain(formatJoinCode(room.joinCode));
    expect(afterOpen).toContain(room.joinUrl);
    expect(qrRows(afterOpen)).toBeGreaterThan(10);
    expect(io.out.join('')).not.toContain('\x1b[2J');

    // The facilitator's screen asks again on every reload: the same room is not printed twice.
    await openRoomFromFacilitatorScreen(host!.url, 'session-1', '골목 안전\x1b[2J 워크숍');
    expect(seen(io).length).toBe(atStart.length + afterOpen.length);

    await host!.closeRoom(room.roomId);
    expect(seen(io).slice(atStart.length + afterOpen.length)).toContain(`Join code ${formatJoinCode(room.joinCode)} no longer works`);
    expect(io.err.join('')).toBe('');
    io.stop();
    expect(await io.exited).toBe(0);
  });

  it('for programs: a listening line without a room, then one JSON line per room opened and closed', async () => {
    const io = capture({ staticDir: fakeRenderer(join(dir.path, 'www')) });
    const host = await runHostCli(args(), io);
    const lines = () => io.out.join('').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines()).toEqual([{ event: 'listening', url: host!.url }]);
    const room = await openRoomFromFacilitatorScreen(host!.url, 'session-1', 'Market day');
    await host!.closeRoom(room.roomId);
    expect(lines().slice(1)).toEqual([
      { event: 'roomOpened', roomId: room.roomId, title: 'Market day', joinUrl: room.joinUrl, joinCode: room.joinCode },
      { event: 'roomClosed', roomId: room.roomId },
    ]);
    expect(JSON.parse(io.err.join('').split('\n')[0] ?? '')).toMatchObject({ event: 'host.listening' });
    io.stop();
    expect(await io.exited).toBe(0);
  });

  it('a host-opened room is printed in a terminal as one anyone joins as a participant', async () => {
    const io = capture({ staticDir: fakeRenderer(join(dir.path, 'www')), stdoutIsTerminal: true });
    const host = await runHostCli(['--port', '0', '--bind', '127.0.0.1', '--data', join(dir.path, 'data'), '--title', 'Market day'], io);
    const room = host!.defaultRoom()!;
    expect(seen(io)).toContain(formatJoinCode(room.joinCode));
    expect(seen(io)).toContain('everyone joins it as a participant');
    expect(qrRows(seen(io))).toBeGreaterThan(10);
    io.stop();
    expect(await io.exited).toBe(0);
  });
});
