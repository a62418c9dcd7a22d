// y-webrtc 10.3 compatible signaling (subscribe / unsubscribe / publish / ping), hardened:
// a socket is authorised by the join code in its URL and may use only its room's topic;
// frames are checked for type, shape, size and rate; misuse closes the socket with a code
// from shared/signaling/protocol.ts. Nothing a client sends can throw out of a handler.
//
// With a hub (main/host/hub) the room is a star: participants' announces and signals go to the
// hub only and the hub's signals to one participant only, so no two participants ever pair
// and a join storm costs O(N) deliveries. Without one, publishes reach every subscriber like
// y-webrtc's own server.
import type { Actor } from '../../shared/board/policy';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { roomTopic } from '../../shared/room/api';
import { memberOfToken } from '../../shared/room/api';
import { CLOSE_CODES, KeyedBuckets, parseClientFrame, PeerPayloadSchema, SIGNALING_LIMITS, TokenBucket } from '../../shared/signaling/protocol';
import { FailureLimiter, JOIN_FAILURE_LIMITS } from './limiter';
import { startHeartbeat, upgradeSafely } from './heartbeat';
import type { Logger } from './log';

export type SignalingLimits = { [K in keyof typeof SIGNALING_LIMITS]: number };

export type SignalingOptions = {
  /**
   * The open room of the code a socket presents (as typed: any case), if there is one; a renewed
   * code's room only for a member already admitted (main/host/rooms.ts).
   */
  authorise: (code: string, memberId: string | null) => { roomId: string } | undefined;
  /** A member's socket was let in (it may reconnect with this code after a renewal). */
  admitted?: (roomId: string, memberId: string) => void;
  log: Logger;
  /** Clock of the rate limits; injectable so tests need no sleeps. */
  now?: () => number;
  limits?: Partial<SignalingLimits>;
  /** The hub at the centre of each room; without it, stock y-webrtc broadcast. */
  star?: StarRouter;
  /** Who a socket's member token says it is in the room (main/host/members.ts); null: not a token of this room. */
  member: (roomId: string, token: string | null) => Actor | null;
  /** Wrong join codes per address, shared with /api/join and the relay; its own by default. */
  joinFailures?: FailureLimiter;
};

/** Where star routing sends what participants publish (main/host/hub). */
export type StarRouter = {
  announce(roomId: string, peerId: string, actor: Actor): void;
  signal(roomId: string, fromPeerId: string, to: string, signal: unknown): void;
  left(roomId: string, peerId: string): void;
  isRemoved(roomId: string, memberId: string): boolean;
};

export type Signaling = {
  /** Takes over an HTTP upgrade already known to be for the signaling path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket of a room with 4401: its code no longer opens anything. */
  closeRoom(roomId: string): void;
  /** The hub's signal to one participant (star routing); false when that peer has no socket. */
  toPeer(roomId: string, peerId: string, data: Record<string, unknown>): boolean;
  /** Closes a removed participant's sockets with 4403. */
  closeMember(roomId: string, memberId: string): void;
  /** The addresses a member's sockets come from (a removal keeps them out). */
  remotesOf(roomId: string, memberId: string): string[];
  /** Closes every socket with 1001 (terminating those that do not answer) and stops timers. */
  close(): Promise<void>;
  stats(): { sockets: number; rooms: number };
};

type Client = {
  ws: WebSocket;
  remote: string;
  roomId: string;
  topic: string;
  memberId: string;
  actor: Actor;
  /** The y-webrtc peer id this socket speaks for (star routing), bound by its first publish. */
  peerId: string | null;
  subscribed: boolean;
  bucket: TokenBucket;
  announces: TokenBucket;
  /** Set once its dropped announces were logged: one line per socket, not one per announce. */
  announceLimitLogged: boolean;
  alive: boolean;
};

// A receiver this far behind is not reading: drop it rather than buffer without bound.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const CLOSE_GRACE_MS = 1000;

function frameText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function queryOf(url: string | undefined): URLSearchParams {
  return new URLSearchParams(url?.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
}

export function createSignaling(options: SignalingOptions): Signaling {
  const limits: SignalingLimits = { ...SIGNALING_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const { log } = options;
  const authFailures = options.joinFailures ?? new FailureLimiter(JOIN_FAILURE_LIMITS, now);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  wss.on('error', (error) => log.error('signal.serverError', { error }));
  const announcesByAddress = new KeyedBuckets(limits.announceBurstPerAddress, limits.announcesPerSecondPerAddress);
  const announcesByRoom = new KeyedBuckets(limits.announceBurstPerRoom, limits.announcesPerSecondPerRoom);

  const clients = new Set<Client>();
  const byRoom = new Map<string, Set<Client>>();
  const subscribers = new Map<string, Set<Client>>();
  // roomId → peer id → the socket that speaks for it (star routing).
  const peers = new Map<string, Map<string, Client>>();
  // Sockets we closed ourselves: their late frames are ignored.
  const closing = new WeakSet<WebSocket>();

  const unbindPeer = (client: Client) => {
    if (client.peerId === null) return;
    const roomPeers = peers.get(client.roomId);
    if (roomPeers?.get(client.peerId) === client) roomPeers.delete(client.peerId);
    if (roomPeers?.size === 0) peers.delete(client.roomId);
    options.star?.left(client.roomId, client.peerId);
    client.peerId = null;
  };

  /** Binds the socket to the peer id it publishes as; false for another socket's id. */
  const bindPeer = (client: Client, peerId: string): boolean => {
    if (client.peerId === peerId) return true;
    let roomPeers = peers.get(client.roomId);
    if (roomPeers?.has(peerId)) return false;
    // y-webrtc gives a page a new peer id when it reopens the room on the same socket.
    unbindPeer(client);
    if (!roomPeers) peers.set(client.roomId, (roomPeers = new Map()));
    roomPeers.set(peerId, client);
    client.peerId = peerId;
    return true;
  };

  const unregister = (client: Client) => {
    clients.delete(client);
    unbindPeer(client);
    const room = byRoom.get(client.roomId);
    room?.delete(client);
    if (room?.size === 0) byRoom.delete(client.roomId);
    unsubscribe(client);
  };

  const unsubscribe = (client: Client) => {
    if (!client.subscribed) return;
    client.subscribed = false;
    const subs = subscribers.get(client.topic);
    subs?.delete(client);
    if (subs?.size === 0) subscribers.delete(client.topic);
  };

  const reject = (ws: WebSocket, remote: string, code: number, reason: string, client?: Client) => {
    log.warn('signal.rejected', { code, remote, reason, ...(client ? { roomId: client.roomId } : {}) });
    if (client) unregister(client);
    closing.add(ws);
    try {
      ws.close(code, reason);
    } catch {
      ws.terminate();
    }
  };

  const send = (client: Client, text: string) => {
    const { ws } = client;
    if (ws.readyState !== WebSocket.OPEN || closing.has(ws)) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      log.warn('signal.slowConsumer', { remote: client.remote, roomId: client.roomId, buffered: ws.bufferedAmount });
      unregister(client);
      ws.terminate();
      return;
    }
    ws.send(text, (error) => {
      if (error) log.warn('signal.sendFailed', { remote: client.remote, error: error.message });
    });
  };

  const onMessage = (client: Client, data: RawData, isBinary: boolean) => {
    const { ws, remote } = client;
    if (closing.has(ws)) return;
    if (isBinary) return reject(ws, remote, CLOSE_CODES.malformed, 'binary frame', client);
    if (!client.bucket.take(now())) return reject(ws, remote, CLOSE_CODES.rateLimited, 'too many messages', client);
    const parsed = parseClientFrame(frameText(data));
    if (!parsed.ok) return reject(ws, remote, CLOSE_CODES.malformed, parsed.reason, client);
    const message = parsed.message;
    switch (message.type) {
      case 'subscribe': {
        const foreign = message.topics.find((topic) => topic !== client.topic);
        if (foreign !== undefined) return reject(ws, remote, CLOSE_CODES.forbiddenTopic, 'topic of another room', client);
        if (message.topics.length > 0 && !client.subscribed) {
          client.subscribed = true;
          let subs = subscribers.get(client.topic);
          if (!subs) subscribers.set(client.topic, (subs = new Set()));
          subs.add(client);
        }
        return;
      }
      case 'unsubscribe':
        // Topics it never had are ignored, as y-webrtc's own server does.
        if (message.topics.includes(client.topic)) unsubscribe(client);
        return;
      case 'publish': {
        if (message.topic !== client.topic || !client.subscribed) return reject(ws, remote, CLOSE_CODES.forbiddenTopic, 'publish without subscribing', client);
        if (options.star) return routeToHub(client, message.data, options.star);
        const receivers = subscribers.get(client.topic);
        if (!receivers) return;
        // Like y-webrtc's bin/server.js: to every subscriber, the sender included.
        const text = JSON.stringify({ ...message, clients: receivers.size });
        for (const receiver of [...receivers]) send(receiver, text);
        return;
      }
      case 'ping':
        return send(client, JSON.stringify({ type: 'pong' }));
    }
  };

  const routeToHub = (client: Client, data: unknown, star: StarRouter) => {
    const parsed = PeerPayloadSchema.safeParse(data);
    if (!parsed.success) return reject(client.ws, client.remote, CLOSE_CODES.malformed, 'not an announce or signal', client);
    const payload = parsed.data;
    if (payload.type === 'announce' && !announceAllowed(client)) return;
    // Another socket's peer id: a spoof, or a stale tab; either way not this socket's to use.
    if (!bindPeer(client, payload.from)) return;
    if (payload.type === 'announce') star.announce(client.roomId, payload.from, client.actor);
    else star.signal(client.roomId, payload.from, payload.to, payload.signal);
  };

  /** Each announce costs the hub a peer connection: bounded per socket, address and room. */
  const announceAllowed = (client: Client): boolean => {
    const at = now();
    const limit = !client.announces.take(at) ? 'socket' : !announcesByAddress.take(client.remote, at) ? 'address' : !announcesByRoom.take(client.roomId, at) ? 'room' : null;
    if (limit === null) return true;
    if (!client.announceLimitLogged) log.warn('signal.announceLimited', { remote: client.remote, roomId: client.roomId, limit });
    client.announceLimitLogged = true;
    return false;
  };

  const accept = (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress ?? 'unknown';
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error (oversize frame: 1009).
      const code = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CLOSE_CODES.frameTooLarge : error.code === 'WS_ERR_INVALID_UTF8' ? 1007 : 1002;
      log.warn('signal.rejected', { code, remote, reason: error.code ?? error.message });
    });

    if (authFailures.isBlocked(remote)) return reject(ws, remote, CLOSE_CODES.rateLimited, 'too many wrong codes');
    const query = queryOf(req.url);
    const code = query.get('code');
    // The member token says who; it is checked against the room its code opens.
    const token = query.get('member');
    const claimed = token === null ? null : (memberOfToken(token)?.memberId ?? null);
    const room = code === null ? undefined : options.authorise(code, claimed);
    if (!room) {
      authFailures.fail(remote);
      return reject(ws, remote, CLOSE_CODES.unauthorised, code === null ? 'no join code' : 'wrong join code');
    }
    const actor = options.member(room.roomId, token);
    if (!actor) return reject(ws, remote, CLOSE_CODES.unauthorised, 'no member token of this room');
    const memberId = actor.memberId;
    if (options.star?.isRemoved(room.roomId, memberId)) return reject(ws, remote, CLOSE_CODES.forbiddenTopic, 'removed');
    if (clients.size >= limits.maxSockets) return reject(ws, remote, CLOSE_CODES.serverFull, 'host full');
    let members = byRoom.get(room.roomId);
    if ((members?.size ?? 0) >= limits.maxSocketsPerRoom) return reject(ws, remote, CLOSE_CODES.roomFull, 'room full');

    const client: Client = {
      ws,
      remote,
      roomId: room.roomId,
      topic: roomTopic(room.roomId),
      memberId,
      actor,
      peerId: null,
      subscribed: false,
      bucket: new TokenBucket(limits.burstMessages, limits.refillPerSecond, now()),
      announces: new TokenBucket(limits.announceBurstPerSocket, limits.announcesPerSecondPerSocket, now()),
      announceLimitLogged: false,
      alive: true,
    };
    clients.add(client);
    if (!members) byRoom.set(room.roomId, (members = new Set()));
    members.add(client);
    if (memberId) options.admitted?.(room.roomId, memberId);

    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(client, data, isBinary);
      } catch (error) {
        log.error('signal.error', { remote, error });
        reject(ws, remote, CLOSE_CODES.malformed, 'internal error', client);
      }
    });
    ws.on('close', (closeCode) => {
      unregister(client);
      log.info('signal.disconnected', { remote, roomId: client.roomId, code: closeCode });
    });
    log.info('signal.connected', { remote, roomId: client.roomId });
  };

  // Like y-webrtc's server: ping every interval, drop sockets that missed the last one.
  const stopHeartbeat = startHeartbeat(
    () => clients,
    (client) => {
      log.warn('signal.rejected', { code: CLOSE_CODES.timeout, remote: client.remote, reason: 'no pong' });
      unregister(client);
      client.ws.terminate();
    },
    limits.heartbeatMs,
  );

  return {
    handleUpgrade(req, socket, head) {
      upgradeSafely(wss, req, socket, head, (ws) => accept(ws, req), log, 'signal.upgradeFailed');
    },
    toPeer(roomId, peerId, data) {
      const client = peers.get(roomId)?.get(peerId);
      if (!client) return false;
      send(client, JSON.stringify({ type: 'publish', topic: client.topic, data }));
      return true;
    },
    closeMember(roomId, memberId) {
      for (const client of [...(byRoom.get(roomId) ?? [])]) if (client.memberId === memberId) reject(client.ws, client.remote, CLOSE_CODES.forbiddenTopic, 'removed', client);
    },
    remotesOf(roomId, memberId) {
      return [...(byRoom.get(roomId) ?? [])].filter((client) => client.memberId === memberId).map((client) => client.remote);
    },
    closeRoom(roomId) {
      for (const client of [...(byRoom.get(roomId) ?? [])]) reject(client.ws, client.remote, CLOSE_CODES.unauthorised, 'room closed', client);
    },
    async close() {
      stopHeartbeat();
      const sockets = [...wss.clients];
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
              ws.once('close', () => {
                clearTimeout(timer);
                resolve();
              });
              closing.add(ws);
              try {
                ws.close(CLOSE_CODES.goingAway, 'host stopping');
              } catch {
                ws.terminate();
              }
            }),
        ),
      );
      clients.clear();
      byRoom.clear();
      subscribers.clear();
      peers.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats: () => ({ sockets: clients.size, rooms: byRoom.size }),
  };
}
