// y-webrtc 10.3 compatible signaling (subscribe / unsubscribe / publish / ping), hardened:
// a socket is authorised by the join code in its URL and may use only its room's topic;
// frames are checked for type, shape, size and rate; misuse closes the socket with a code
// from shared/signaling/protocol.ts. Nothing a client sends can throw out of a handler.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { roomTopic } from '../../shared/room/api';
import { CLOSE_CODES, parseClientFrame, SIGNALING_LIMITS, TokenBucket } from '../../shared/signaling/protocol';
import { FailureLimiter, JOIN_FAILURE_LIMITS } from './limiter';
import type { Logger } from './log';

export type SignalingLimits = { [K in keyof typeof SIGNALING_LIMITS]: number };

export type SignalingOptions = {
  /** The open room of the code a socket presents (as typed: any case), if there is one. */
  authorise: (code: string) => { roomId: string } | undefined;
  log: Logger;
  /** Clock of the rate limits; injectable so tests need no sleeps. */
  now?: () => number;
  limits?: Partial<SignalingLimits>;
};

export type Signaling = {
  /** Takes over an HTTP upgrade already known to be for the signaling path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every socket of a room with 4401: its code no longer opens anything. */
  closeRoom(roomId: string): void;
  /** Closes every socket with 1001 (terminating those that do not answer) and stops timers. */
  close(): Promise<void>;
  stats(): { sockets: number; rooms: number };
};

type Client = {
  ws: WebSocket;
  remote: string;
  roomId: string;
  topic: string;
  subscribed: boolean;
  bucket: TokenBucket;
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

function codeFromUrl(url: string | undefined): string | null {
  const query = url?.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return new URLSearchParams(query).get('code');
}

export function createSignaling(options: SignalingOptions): Signaling {
  const limits: SignalingLimits = { ...SIGNALING_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const { log } = options;
  const authFailures = new FailureLimiter(JOIN_FAILURE_LIMITS, now);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  wss.on('error', (error) => log.error('signal.serverError', { error }));

  const clients = new Set<Client>();
  const byRoom = new Map<string, Set<Client>>();
  const subscribers = new Map<string, Set<Client>>();
  // Sockets we closed ourselves: their late frames are ignored.
  const closing = new WeakSet<WebSocket>();

  const unregister = (client: Client) => {
    clients.delete(client);
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

  const accept = (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress ?? 'unknown';
    ws.on('error', (error: Error & { code?: string }) => {
      // ws closes the socket itself after a protocol error (oversize frame: 1009).
      const code = error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CLOSE_CODES.frameTooLarge : error.code === 'WS_ERR_INVALID_UTF8' ? 1007 : 1002;
      log.warn('signal.rejected', { code, remote, reason: error.code ?? error.message });
    });

    if (authFailures.isBlocked(remote)) return reject(ws, remote, CLOSE_CODES.rateLimited, 'too many wrong codes');
    const code = codeFromUrl(req.url);
    const room = code === null ? undefined : options.authorise(code);
    if (!room) {
      authFailures.fail(remote);
      return reject(ws, remote, CLOSE_CODES.unauthorised, code === null ? 'no join code' : 'wrong join code');
    }
    if (clients.size >= limits.maxSockets) return reject(ws, remote, CLOSE_CODES.serverFull, 'host full');
    let members = byRoom.get(room.roomId);
    if ((members?.size ?? 0) >= limits.maxSocketsPerRoom) return reject(ws, remote, CLOSE_CODES.roomFull, 'room full');

    const client: Client = {
      ws,
      remote,
      roomId: room.roomId,
      topic: roomTopic(room.roomId),
      subscribed: false,
      bucket: new TokenBucket(limits.burstMessages, limits.refillPerSecond, now()),
      alive: true,
    };
    clients.add(client);
    if (!members) byRoom.set(room.roomId, (members = new Set()));
    members.add(client);

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
  const heartbeat = setInterval(() => {
    for (const client of [...clients]) {
      if (!client.alive) {
        log.warn('signal.rejected', { code: CLOSE_CODES.timeout, remote: client.remote, reason: 'no pong' });
        unregister(client);
        client.ws.terminate();
        continue;
      }
      client.alive = false;
      try {
        client.ws.ping();
      } catch {
        // closing already; its close event unregisters it
      }
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      try {
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req));
      } catch (error) {
        log.error('signal.upgradeFailed', { error });
        socket.destroy();
      }
    },
    closeRoom(roomId) {
      for (const client of [...(byRoom.get(roomId) ?? [])]) reject(client.ws, client.remote, CLOSE_CODES.unauthorised, 'room closed', client);
    },
    async close() {
      clearInterval(heartbeat);
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
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats: () => ({ sockets: clients.size, rooms: byRoom.size }),
  };
}
