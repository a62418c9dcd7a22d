// The fallback for participants whose WebRTC cannot connect (client-isolated Wi-Fi, blocked
// UDP): the standard y-websocket protocol at /relay/<roomId>?code=…, served by the same hub
// room, so relay and WebRTC participants edit one board. Authorised by the join code like
// signaling (and the same limiter against guessing it); binary frames only, size- and
// rate-limited; sockets capped per room, per address and in all; what waits for slow readers
// capped in all, so a few sockets that stop reading cannot take the host's memory.
import type { Actor } from '../../../shared/board/policy';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { memberOfToken, RELAY_PATH } from '../../../shared/room/api';
import { CLOSE_CODES, TokenBucket } from '../../../shared/signaling/protocol';
import { CHUNK_LIMITS } from '../../../shared/sync/chunking';
import { startHeartbeat, upgradeSafely } from '../heartbeat';
import type { FailureLimiter } from '../limiter';
import type { Logger } from '../log';
import type { HubLink } from './hubRoom';

const MiB = 1024 * 1024;

export const RELAY_LIMITS = {
  /**
   * One frame carries one y-protocols message, so a whole board (SyncStep2) must fit: the hub
   * caps a board at 64 MiB, the data channels reassemble up to CHUNK_LIMITS.maxMessageBytes
   * (64 MiB) too, and a sync message adds a few header bytes, hence the 64 KiB over.
   */
  maxFrameBytes: CHUNK_LIMITS.maxMessageBytes + 64 * 1024,
  /** Each edit is one message and cursors are throttled to ≤ 10 Hz: this is generous. */
  burstMessages: 1000,
  refillPerSecond: 500,
  /** As many as signaling admits per room; a person has one relay socket per open board. */
  maxSocketsPerRoom: 120,
  /** One device opens one socket per tab; 600 from one address was an attack. */
  maxSocketsPerAddress: 32,
  maxSockets: 512,
  /** A reader with more than a whole board and then some still to read is not reading. */
  maxBufferedBytes: CHUNK_LIMITS.maxMessageBytes + 8 * MiB,
  /**
   * Output waiting for all relay readers together: two whole boards at the largest. Past it,
   * the readers furthest behind (over their share: the budget over the number of sockets) are
   * closed, slowest first.
   */
  outputBudgetBytes: 128 * MiB,
  /**
   * A sync request (SyncStep1) costs the hub an encoding of what the asker lacks: up to the whole
   * board, ~1 s of CPU for 46 MB. One is answered only once the asker has read most of the last
   * answer, while all readers together are under the output budget, and at most this often;
   * clients ask every 5 s, and one left unanswered is asked again.
   */
  syncRequestBacklogBytes: 1 * MiB,
  syncRequestBurst: 10,
  syncRequestsPerSecond: 1,
  heartbeatMs: 30_000,
} as const;

export type RelayLimits = { [K in keyof typeof RELAY_LIMITS]: number };

/** A slow reader's close frame waits behind what it did not read: it gets this long, then the socket goes. */
const SLOW_CLOSE_GRACE_MS = 1000;

export type RelayRoom = {
  attach(link: HubLink): void;
  detach(link: HubLink): void;
  receive(link: HubLink, message: Uint8Array): void;
};

export type RelayOptions = {
  /** The open room of a join code, if any; a renewed code's only for a member already admitted. */
  authorise: (code: string, memberId: string | null) => { roomId: string } | undefined;
  /** A member's socket was let in (it may reconnect with this code after a renewal). */
  admitted?: (roomId: string, memberId: string) => void;
  isRemoved: (roomId: string, memberId: string) => boolean;
  /** Who a socket's member token says it is in the room; null: not a token of this room. */
  member: (roomId: string, token: string | null) => Actor | null;
  room: (roomId: string) => RelayRoom;
  /** Wrong join codes per address, shared with /api/join and signaling. */
  joinFailures: FailureLimiter;
  log: Logger;
  limits?: Partial<RelayLimits>;
};

export type Relay = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  closeRoom(roomId: string, code: number, reason: string): void;
  closeMember(roomId: string, memberId: string): void;
  /** The addresses a member's sockets come from (a removal keeps them out). */
  remotesOf(roomId: string, memberId: string): string[];
  close(): Promise<void>;
  size(): number;
};

type Client = { ws: WebSocket; remote: string; roomId: string; memberId: string; link: HubLink; alive: boolean };

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** y-protocols' SyncStep1: message type sync (0), then sync type step 1 (0). */
function isSyncRequest(message: Uint8Array): boolean {
  return message[0] === 0 && message[1] === 0;
}

export function createRelay(options: RelayOptions): Relay {
  const { log, joinFailures } = options;
  const limits: RelayLimits = { ...RELAY_LIMITS, ...options.limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  wss.on('error', (error) => log.error('relay.serverError', { error }));
  const clients = new Set<Client>();
  // Slow readers closed but not yet gone: what they hold still counts against the budget.
  const draining = new Set<WebSocket>();
  let serial = 0;

  const count = (match: (client: Client) => boolean) => {
    let n = 0;
    for (const client of clients) if (match(client)) n++;
    return n;
  };

  const closeClient = (client: Client, code: number, reason: string) => {
    clients.delete(client);
    options.room(client.roomId).detach(client.link);
    try {
      client.ws.close(code, reason);
    } catch {
      client.ws.terminate();
    }
  };

  /** Output still waiting for relay readers; with `draining`, for those being closed too. */
  const pendingOutput = (withDraining: boolean) => {
    let pending = 0;
    for (const client of clients) pending += client.ws.bufferedAmount;
    if (withDraining) for (const ws of draining) pending += ws.bufferedAmount;
    return pending;
  };

  /** Closes a reader that fell behind; what it did not read is freed within the grace. */
  const closeSlow = (client: Client, buffered: number) => {
    log.warn('relay.slowReader', { remote: client.remote, roomId: client.roomId, buffered, code: CLOSE_CODES.timeout });
    closeClient(client, CLOSE_CODES.timeout, 'not reading');
    draining.add(client.ws);
    client.ws.once('close', () => draining.delete(client.ws));
    setTimeout(() => client.ws.terminate(), SLOW_CLOSE_GRACE_MS).unref();
  };

  /**
   * Makes room for `bytes` more output to `to`: a reader over its own cap is closed; past the
   * budget for all readers, the ones furthest over their share are closed, slowest first.
   * False when `to` itself was closed.
   */
  const makeRoom = (to: Client, bytes: number): boolean => {
    const own = to.ws.bufferedAmount;
    if (own > 0 && own + bytes > limits.maxBufferedBytes) {
      closeSlow(to, own);
      return false;
    }
    let total = bytes + pendingOutput(false);
    if (total <= limits.outputBudgetBytes) return true;
    const share = limits.outputBudgetBytes / clients.size;
    const behind = [...clients].filter((client) => client.ws.bufferedAmount > share).sort((a, b) => b.ws.bufferedAmount - a.ws.bufferedAmount);
    for (const client of behind) {
      if (total <= limits.outputBudgetBytes) break;
      const buffered = client.ws.bufferedAmount;
      total -= buffered;
      closeSlow(client, buffered);
    }
    return clients.has(to);
  };

  /** Whether to answer a sync request now: not while the asker or all readers are still behind. */
  const answerable = (client: Client, syncRequests: TokenBucket): boolean => {
    if (client.ws.bufferedAmount > limits.syncRequestBacklogBytes) return false;
    return pendingOutput(true) < limits.outputBudgetBytes && syncRequests.take(Date.now());
  };

  const accept = (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const url = new URL(req.url ?? '/', 'http://relay');
    const pathRoom = decodeURIComponent(url.pathname.slice(RELAY_PATH.length + 1));
    const code = url.searchParams.get('code');
    ws.on('error', (error) => log.warn('relay.socketError', { remote, error: error.message }));
    const refuse = (closeCode: number, reason: string) => {
      log.warn('relay.rejected', { remote, code: closeCode, reason });
      ws.close(closeCode, reason);
    };
    // The member token says who; it is checked against the room its code opens.
    const token = url.searchParams.get('member');
    const claimed = token === null ? null : (memberOfToken(token)?.memberId ?? null);
    // As /api/join and signaling: once blocked, even a right guess learns nothing.
    if (joinFailures.isBlocked(remote)) return refuse(CLOSE_CODES.rateLimited, 'too many wrong codes');
    const room = code === null ? undefined : options.authorise(code, claimed);
    // Another room's code in the path is as wrong as no code: one answer, so it reveals nothing.
    if (!room || room.roomId !== pathRoom) {
      joinFailures.fail(remote);
      return refuse(CLOSE_CODES.unauthorised, 'wrong join code');
    }
    const actor = options.member(room.roomId, token);
    if (!actor) return refuse(CLOSE_CODES.unauthorised, 'no member token of this room');
    const memberId = actor.memberId;
    if (options.isRemoved(room.roomId, memberId)) return refuse(CLOSE_CODES.forbiddenTopic, 'removed');
    if (clients.size >= limits.maxSockets) return refuse(CLOSE_CODES.serverFull, 'host full');
    if (count((c) => c.roomId === room.roomId) >= limits.maxSocketsPerRoom) return refuse(CLOSE_CODES.roomFull, 'room full');
    if (count((c) => c.remote === remote) >= limits.maxSocketsPerAddress) return refuse(CLOSE_CODES.rateLimited, 'too many sockets from this address');

    const bucket = new TokenBucket(limits.burstMessages, limits.refillPerSecond, Date.now());
    const syncRequests = new TokenBucket(limits.syncRequestBurst, limits.syncRequestsPerSecond, Date.now());
    const id = `relay-${++serial}`;
    const client: Client = {
      ws,
      remote,
      roomId: room.roomId,
      memberId,
      alive: true,
      link: {
        id,
        transport: 'relay',
        memberId,
        actor,
        send: (message) => {
          if (ws.readyState !== WebSocket.OPEN || !clients.has(client)) return;
          if (makeRoom(client, message.byteLength)) ws.send(message);
        },
        // A removed participant's client must learn it was removed (4403), not just that the link went.
        close: (reason) => closeClient(client, reason === 'removed' ? CLOSE_CODES.forbiddenTopic : CLOSE_CODES.goingAway, reason),
      },
    };
    clients.add(client);
    if (memberId) options.admitted?.(room.roomId, memberId);
    const hubRoom = options.room(room.roomId);
    ws.on('message', (data, isBinary) => {
      if (!clients.has(client)) return;
      if (!isBinary) return closeClient(client, CLOSE_CODES.malformed, 'text frame');
      if (!bucket.take(Date.now())) return closeClient(client, CLOSE_CODES.rateLimited, 'too many messages');
      // A socket that asks for more while not reading what it was sent gets no more answers.
      if (ws.bufferedAmount > limits.maxBufferedBytes) return closeSlow(client, ws.bufferedAmount);
      const message = toBytes(data);
      if (isSyncRequest(message) && !answerable(client, syncRequests)) return;
      hubRoom.receive(client.link, message);
    });
    ws.on('pong', () => (client.alive = true));
    ws.on('close', () => {
      clients.delete(client);
      hubRoom.detach(client.link);
    });
    hubRoom.attach(client.link);
    log.info('relay.connected', { remote, roomId: room.roomId });
  };

  const stopHeartbeat = startHeartbeat(
    () => clients,
    (client) => {
      clients.delete(client);
      options.room(client.roomId).detach(client.link);
      client.ws.terminate();
    },
    limits.heartbeatMs,
  );

  return {
    handleUpgrade(req, socket, head) {
      upgradeSafely(wss, req, socket, head, (ws) => accept(ws, req), log, 'relay.upgradeFailed');
    },
    closeRoom(roomId, code, reason) {
      for (const client of [...clients]) if (client.roomId === roomId) closeClient(client, code, reason);
    },
    closeMember(roomId, memberId) {
      for (const client of [...clients]) if (client.roomId === roomId && client.memberId === memberId) closeClient(client, CLOSE_CODES.forbiddenTopic, 'removed');
    },
    remotesOf(roomId, memberId) {
      return [...clients].filter((client) => client.roomId === roomId && client.memberId === memberId).map((client) => client.remote);
    },
    async close() {
      stopHeartbeat();
      for (const client of [...clients]) closeClient(client, CLOSE_CODES.goingAway, 'host stopping');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    size: () => clients.size,
  };
}
