// `npm run sync-server`: a Hocuspocus server (`@hocuspocus/server`) with the Madang extension,
// for rooms that sync through it instead of the facilitator's host (`npm run host --
// --sync-server <url>`). It reads the member secret of the host's data folder, so it admits
// exactly the members that host issued tokens to, and it holds each room to the hub's rules.
// Boards live in its memory while anyone is connected; every device keeps its own copy and
// brings it back when it reconnects. Prints one JSON line `{"event":"listening","url":…}` once
// listening (tests and benchmarks start it as a process); logs are JSON lines on stderr.
import { isIP } from 'node:net';
import { Server } from '@hocuspocus/server';
import { CHUNK_LIMITS } from '../../shared/sync/chunking';
import { createLogger } from './log';
import { MemberTokens } from './members';
import { isWildcardAddress, urlHost } from './network';
import { madangSyncExtension } from './syncServer';
import { isEntryPoint } from './entryPoint';
import { DEFAULT_DATA_DIR, flagValue, parseDataDir, parsePort } from './cliArgs';

export const DEFAULT_SYNC_SERVER_PORT = 4790;

export type SyncServerCliOptions = { dataDir: string; port: number; address: string; help: boolean };

export const SYNC_SERVER_USAGE = `Usage: npm run sync-server -- --data <host data folder> [options]

Runs an external sync server (Hocuspocus) for Madang rooms; start the host with
--sync-server ws://<this machine>:<port> and the same --data folder's member secret.

Options:
  --data <dir>       the host's data folder (its member-secret; default ~/.madang/host)
  --port <n>         port to listen on, 0–65535 (default ${DEFAULT_SYNC_SERVER_PORT}; 0 picks a free one)
  --address <addr>   IP address to listen on (default 127.0.0.1; 0.0.0.0 for every network)
  --help             show this help
`;

/** Parses the arguments; every problem is a one-line message. */
export function parseSyncServerArgs(argv: string[]): { ok: true; options: SyncServerCliOptions } | { ok: false; error: string } {
  const options: SyncServerCliOptions = { dataDir: DEFAULT_DATA_DIR, port: DEFAULT_SYNC_SERVER_PORT, address: '127.0.0.1', help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') continue;
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const match = /^--(data|port|address)(?:=(.*))?$/s.exec(arg);
    if (!match) return { ok: false, error: `unexpected argument "${arg}" (see --help)` };
    const name = match[1]!;
    const read = flagValue(argv, i, name, match[2]);
    if (!read.ok) return read;
    const { value } = read;
    i += read.skip;
    if (name === 'data') {
      const dataDir = parseDataDir(value);
      if (!dataDir.ok) return dataDir;
      options.dataDir = dataDir.value;
    } else if (name === 'port') {
      const port = parsePort(value);
      if (!port.ok) return port;
      options.port = port.value;
    } else {
      if (isIP(value) === 0) return { ok: false, error: `--address must be an IP address such as 127.0.0.1 or 0.0.0.0, got "${value}"` };
      options.address = value;
    }
  }
  return { ok: true, options };
}

export type RunningSyncServer = { url: string; close(): Promise<void> };

/** Starts the server; `url` is what a host's --sync-server takes (loopback when bound to every address). */
export async function startSyncServer(options: Omit<SyncServerCliOptions, 'help'>, log = createLogger()): Promise<RunningSyncServer> {
  const tokens = await MemberTokens.load(options.dataDir);
  const server = new Server({
    port: options.port,
    address: options.address,
    quiet: true,
    stopOnSignals: false,
    // A whole board arrives in one message for a late joiner: the same bound as the host's relay.
    websocketOptions: { maxPayload: CHUNK_LIMITS.maxMessageBytes + 64 * 1024 },
    extensions: [madangSyncExtension(tokens, log)],
  });
  await server.listen();
  const host = isWildcardAddress(options.address) ? (options.address.includes(':') ? '::1' : '127.0.0.1') : options.address;
  const url = `ws://${urlHost(host)}:${server.address.port}`;
  log.info('syncServer.listening', { url, address: options.address });
  return { url, close: () => server.destroy() };
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseSyncServerArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`madang sync-server: ${parsed.error}\n`);
    process.exit(2);
  }
  if (parsed.options.help) {
    process.stdout.write(SYNC_SERVER_USAGE);
    process.exit(0);
  }
  let running: RunningSyncServer;
  try {
    running = await startSyncServer(parsed.options);
  } catch (error) {
    process.stderr.write(`madang sync-server: could not start: ${String((error as Error).message ?? error).split('\n')[0]}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: running.url })}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (isEntryPoint(import.meta.url)) void main(process.argv.slice(2));
