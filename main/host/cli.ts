// `npm run host`: the workshop host without Electron, e.g. on a spare laptop or a server; also
// what `npm start` runs where Electron cannot (with --no-default-room: the facilitator's browser
// on this computer opens the rooms). Two output forms (terminal.ts chooses):
// - text, for a person at a terminal: sentences, and each room's join code and QR code as the
//   facilitator's screen shows them; warnings and errors as readable lines, nothing else;
// - json, for programs (stdout not a terminal, or --log json): stdout carries one JSON line once
//   listening, then one per room opened or closed; the JSON logs go to stderr.
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json';
import { DISCOVERY_PORT, discoveryName } from '../../shared/room/discovery';
import type { RoomInfo } from '../../shared/room/api';
import { parseSyncServer, type SyncServerConfig } from '../../shared/room/syncServer';
import { captureProcessOutput, createLogger, streamWriter } from './log';
import { isLoopbackAddress, type InterfaceSource } from './network';
import { createHost, type Host } from './server';
import { loadWrtc } from './hub/wrtc';
import { chooseOutputForm, createTerminalLogger, OUTPUT_FORMS, roomClosedText, roomText, startText, stopHintText, type OutputForm } from './terminal';
import { isEntryPoint } from './entryPoint';
import { DEFAULT_DATA_DIR, flagValue, parseDataDir, parsePort } from './cliArgs';

export type CliOptions = {
  port: number;
  dataDir: string;
  bind: string;
  /** Title of the room the host opens itself; null: none (--no-default-room). */
  title: string | null;
  /** --log; undefined: chosen by whether stdout is a terminal. */
  log: OutputForm | undefined;
  /** --sync-server (or MADANG_SYNC_SERVER): every room syncs through this Hocuspocus server; null: the host's hub. */
  syncServer: SyncServerConfig | null;
  help: boolean;
};
export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; error: string };

export const DEFAULT_PORT = 4780;
export const DEFAULT_TITLE = '워크숍';
export const DEFAULT_SESSION_ID = 'default';

export const HOST_USAGE = `Usage: npm run host -- [options]

Runs the Madang workshop host: the participant web app, its API and signaling on one port.

Options:
  --port <n>       port to listen on, 0–65535 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data <dir>     where rooms are kept (default ~/.madang/host)
  --bind <addr>    IP address to listen on (default 0.0.0.0, every network)
  --title <text>   title of the room the host opens itself (default ${DEFAULT_TITLE})
  --no-default-room
                   open no room at start: the facilitator opens rooms from a browser on
                   this computer, and each one's join code and QR code are printed here
                   (what \`npm start\` does when it cannot run Electron)
  --sync-server <ws://host:port>
                   every room syncs through this external Hocuspocus server (started
                   with \`npm run sync-server\` on the same --data folder) instead of this
                   host; also from the MADANG_SYNC_SERVER environment variable
  --log <form>     text (sentences and QR codes; the default in a terminal) or json (one
                   JSON line per event; the default when stdout is not a terminal)
  --help           show this help
`;

const FLAGS = ['port', 'data', 'bind', 'title', 'no-default-room', 'log', 'sync-server', 'help'] as const;
const SWITCHES: readonly Flag[] = ['help', 'no-default-room'];
type Flag = (typeof FLAGS)[number];

/** Parses the CLI arguments (and MADANG_SYNC_SERVER); every problem is a one-line message. */
export function parseHostArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedArgs {
  const options: CliOptions = { port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, bind: '0.0.0.0', title: DEFAULT_TITLE, log: undefined, syncServer: null, help: false };
  let syncServer: { value: string; from: string } | null = env.MADANG_SYNC_SERVER ? { value: env.MADANG_SYNC_SERVER, from: 'MADANG_SYNC_SERVER' } : null;
  let titleGiven = false;
  let noDefaultRoom = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(arg);
    if (!match) return { ok: false, error: `unexpected argument "${arg}" (see --help)` };
    const name = match[1] as Flag;
    if (!FLAGS.includes(name)) return { ok: false, error: `unknown option --${match[1]} (see --help)` };
    if (SWITCHES.includes(name)) {
      if (match[2] !== undefined) return { ok: false, error: `--${name} takes no value` };
      if (name === 'help') options.help = true;
      else noDefaultRoom = true;
      continue;
    }
    const read = flagValue(argv, i, name, match[2]);
    if (!read.ok) return read;
    const { value } = read;
    i += read.skip;
    switch (name) {
      case 'port': {
        const port = parsePort(value);
        if (!port.ok) return port;
        options.port = port.value;
        break;
      }
      case 'data': {
        const dataDir = parseDataDir(value);
        if (!dataDir.ok) return dataDir;
        options.dataDir = dataDir.value;
        break;
      }
      case 'bind':
        if (isIP(value) === 0) return { ok: false, error: `--bind must be an IP address such as 0.0.0.0 or 192.168.0.10, got "${value}"` };
        options.bind = value;
        break;
      case 'title': {
        const title = value.trim();
        if (title === '' || title.length > 200) return { ok: false, error: '--title must be 1 to 200 characters' };
        options.title = title;
        titleGiven = true;
        break;
      }
      case 'log':
        if (!(OUTPUT_FORMS as readonly string[]).includes(value)) return { ok: false, error: `--log must be text or json, got "${value}"` };
        options.log = value as OutputForm;
        break;
      case 'sync-server':
        syncServer = { value, from: '--sync-server' };
        break;
    }
  }
  if (noDefaultRoom) {
    if (titleGiven) return { ok: false, error: '--title names the room the host opens itself; it cannot go with --no-default-room' };
    options.title = null;
  }
  if (syncServer) {
    const parsed = parseSyncServer(syncServer.value);
    // The value is not echoed: it may hold a password, which has no place in a log.
    if (!parsed.ok) return { ok: false, error: `${syncServer.from} ${parsed.error}` };
    options.syncServer = parsed.server;
  }
  return { ok: true, options };
}

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  exit: (code: number) => void;
  /** Registers the stop handler; by default on SIGINT and SIGTERM. */
  onShutdown?: (stop: () => void) => void;
  /** Console output, warnings and uncaught errors become log lines (the real process only). */
  captureProcess?: boolean;
  /** The built renderer; by default ../renderer beside the bundled CLI (out/renderer). */
  staticDir?: string;
  interfaces?: InterfaceSource;
  /** Whether a person reads stdout (a TTY); false unless said. */
  stdoutIsTerminal?: boolean;
  /** The environment (MADANG_SYNC_SERVER); none unless said. */
  env?: Readonly<Record<string, string | undefined>>;
};

function processIo(): CliIo {
  return {
    stdoutIsTerminal: process.stdout.isTTY === true,
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    exit: (code) => process.exit(code),
    captureProcess: true,
    env: process.env,
  };
}

function listenErrorMessage(error: NodeJS.ErrnoException, port: number, bind: string): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `madang host: port ${port} is already in use (is another host running?). Stop it or pick another port with --port.`;
    case 'EACCES':
      return `madang host: no permission to listen on port ${port}. Use a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `madang host: ${bind} is not an address of this computer. Check --bind.`;
    default:
      return `madang host: could not start: ${error.message.split('\n')[0]}`;
  }
}

/** Runs the host until a stop signal; resolves with the host once it listens. */
export async function runHostCli(argv: string[], io: CliIo = processIo()): Promise<Host | undefined> {
  const parsed = parseHostArgs(argv, io.env);
  if (!parsed.ok) {
    io.stderr(`madang host: ${parsed.error}\n`);
    io.exit(2);
    return undefined;
  }
  const { options } = parsed;
  if (options.help) {
    io.stdout(HOST_USAGE);
    io.exit(0);
    return undefined;
  }

  const form = chooseOutputForm(options.log, io.stdoutIsTerminal === true);
  const json = (event: Record<string, unknown>) => io.stdout(`${JSON.stringify(event)}\n`);
  // The rooms printed so far, so a facilitator's screen that opens its room again (a reload)
  // prints nothing new unless the room changed.
  const printed = new Map<string, RoomInfo>();
  const roomOpened = (room: RoomInfo) => {
    const before = printed.get(room.roomId);
    if (before && before.title === room.title && before.joinUrl === room.joinUrl) return;
    printed.set(room.roomId, room);
    if (form === 'json') json({ event: 'roomOpened', roomId: room.roomId, title: room.title, joinUrl: room.joinUrl, joinCode: room.joinCode });
    else io.stdout(roomText(room));
  };
  const roomClosed = (roomId: string) => {
    const room = printed.get(roomId);
    printed.delete(roomId);
    if (form === 'json') json({ event: 'roomClosed', roomId });
    else if (room) io.stdout(roomClosedText(room));
  };

  let host: Host;
  try {
    const log = form === 'json' ? createLogger(io.stderr) : createTerminalLogger(io.stderr);
    if (io.captureProcess) captureProcessOutput(log);
    host = await createHost({
      port: options.port,
      bind: options.bind,
      dataDir: options.dataDir,
      staticDir: io.staticDir ?? fileURLToPath(new URL('../renderer/', import.meta.url)),
      version: packageJson.version,
      defaultRoom: options.title === null ? undefined : { sessionId: DEFAULT_SESSION_ID, title: options.title },
      log,
      interfaces: io.interfaces,
      wrtc: await loadWrtc(log),
      // Other Madang apps on the LAN can find this host (never its codes); pointless on loopback.
      discovery: isLoopbackAddress(options.bind) ? false : { port: DISCOVERY_PORT, name: discoveryName(hostname()) },
      ...(options.syncServer ? { syncServer: options.syncServer } : {}),
      onRoomOpened: roomOpened,
      onRoomClosed: roomClosed,
    });
  } catch (error) {
    io.stderr(`${listenErrorMessage(error as NodeJS.ErrnoException, options.port, options.bind)}\n`);
    io.exit(1);
    return undefined;
  }

  const room = host.defaultRoom();
  if (options.title !== null && !room) throw new Error('the default room did not open');
  if (room) printed.set(room.roomId, room);
  if (form === 'json') {
    json({ event: 'listening', url: host.url, ...(room ? { joinUrl: room.joinUrl, joinCode: room.joinCode } : {}), ...(options.syncServer ? { syncServer: options.syncServer.url } : {}) });
  } else {
    io.stdout(startText(packageJson.version, host.url));
    if (room) io.stdout(roomText(room, { openedByHost: true }));
    io.stdout(`\n${stopHintText()}`);
  }

  let stopping = false;
  const stop = () => {
    if (stopping) {
      io.stderr('madang host: stopping now.\n');
      io.exit(1);
      return;
    }
    stopping = true;
    io.stderr('madang host: stopping…\n');
    host.close().then(
      () => io.exit(0),
      (error: unknown) => {
        io.stderr(`madang host: error while stopping: ${(error as Error).message}\n`);
        io.exit(1);
      },
    );
  };
  if (io.onShutdown) io.onShutdown(stop);
  else {
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
  return host;
}

if (isEntryPoint(import.meta.url)) void runHostCli(process.argv.slice(2));
