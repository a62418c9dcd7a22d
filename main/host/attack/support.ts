// What the attack tests share: a real host on loopback (created as the other host tests do), a
// log whose entries can be awaited, and attackers that speak only the public protocols — the
// y-websocket relay's binary frames and signaling's JSON — from any 127.x.y.z address, so a test
// can be one address or many.
import WebSocket from 'ws';
import { relayEndpoint, signalingUrl, type JoinTicket, type RoomInfo } from '../../../shared/room/api';
import { createMemoryLogger, type LogEntry, type MemoryLogger } from '../log';
import { createHost, type Host, type HostOptions } from '../server';
import { fakeRenderer, tempDir } from '../testSupport';

export type WatchedLog = MemoryLogger & { until(match: (entry: LogEntry) => boolean): Promise<LogEntry> };

/** A memory logger whose entries can be awaited as they are written. */
export function watchedLog(): WatchedLog {
  const log = createMemoryLogger();
  const waiters: Array<{ match: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }> = [];
  const wrap = (write: (event: string, fields?: Record<string, unknown>) => void) => (event: string, fields?: Record<string, unknown>) => {
    write(event, fields);
    const entry = log.entries.at(-1)!;
    for (const waiter of [...waiters]) {
      if (!waiter.match(entry)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(entry);
    }
  };
  return {
    entries: log.entries,
    info: wrap(log.info),
    warn: wrap(log.warn),
    error: wrap(log.error),
    until: (match) => {
      const found = log.entries.find(match);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

export type TestHost = { host: Host; room: RoomInfo; log: WatchedLog; dispose(): Promise<void> };

export async function startTestHost(options: Partial<HostOptions> = {}): Promise<TestHost> {
  const dir = tempDir('madang-attack-');
  const log = watchedLog();
  const host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: dir.path, staticDir: fakeRenderer(`${dir.path}/www`), version: 'test', log, interfaces: () => ({}), ...options });
  // Sockets in these tests present the room's facilitator token unless given another: what is
  // tested here is the transport, which treats every member alike.
  const openRoom = host.openRoom.bind(host);
  host.openRoom = async (request) => {
    const info = await openRoom(request);
    roomTokens.set(info.roomId, info.memberToken);
    codeTokens.set(info.joinCode, info.memberToken);
    return info;
  };
  const room = await host.openRoom({ sessionId: 'session-1', title: 'Workshop' });
  return {
    host,
    room,
    log,
    dispose: async () => {
      await host.close();
      dir.remove();
    },
  };
}

/** POST /api/join from the test's own address. */
export async function join(host: Host, code: string): Promise<{ status: number; body: JoinTicket | { error: string } }> {
  const response = await fetch(`${host.url}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return { status: response.status, body: (await response.json()) as JoinTicket | { error: string } };
}

/** A WebSocket whose binary messages and close are promises; `from` is its 127.x.y.z source address. */
export class Socket {
  readonly ws: WebSocket;
  readonly opened: Promise<boolean>;
  readonly closed: Promise<number>;
  private readonly queue: Buffer[] = [];
  private readonly waiters: Array<(message: Buffer) => void> = [];

  constructor(url: string, from = '127.0.0.1') {
    this.ws = new WebSocket(url, { localAddress: from, maxPayload: 256 * 1024 * 1024 });
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve) => {
      this.ws.once('open', () => resolve(true));
      this.ws.once('close', () => resolve(false));
    });
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('message', (data: Buffer) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(data);
      else this.queue.push(data);
    });
  }

  next(): Promise<Buffer> {
    const queued = this.queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The first message matching `match`, looking at no more than `limit` messages. */
  async waitFor(match: (message: Buffer) => boolean, limit = 1000): Promise<Buffer> {
    for (let i = 0; i < limit; i++) {
      const message = await this.next();
      if (match(message)) return message;
    }
    throw new Error(`no matching message in ${limit}`);
  }

  send(data: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => this.ws.send(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Stops reading: the host's output to this socket piles up. */
  stopReading(): void {
    (this.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  }

  terminate(): void {
    this.ws.terminate();
  }
}

const roomTokens = new Map<string, string>();
const codeTokens = new Map<string, string>();

/** A relay socket; `memberToken` defaults to the room's facilitator token (see startTestHost). */
export function relaySocket(host: Host, roomId: string, code: string, from?: string, memberToken = roomTokens.get(roomId) ?? ''): Socket {
  const { url, params } = relayEndpoint(host.url, code, memberToken);
  return new Socket(`${url}/${encodeURIComponent(roomId)}?${new URLSearchParams(params)}`, from);
}

/** A signaling socket; `memberToken` defaults to the facilitator token of the code's room. */
export function signalingSocket(host: Host, code: string, from?: string, memberToken = codeTokens.get(code) ?? ''): Socket {
  return new Socket(signalingUrl(host.url, code, memberToken), from);
}

/** The signaling frames a socket received, parsed. */
export function json(message: Buffer): Record<string, unknown> {
  return JSON.parse(message.toString('utf8')) as Record<string, unknown>;
}
