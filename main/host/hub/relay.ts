// The fallback for participants whose WebRTC cannot connect (client-isolated Wi-Fi, blocked
// UDP): the standard y-websocket protocol at /relay/<roomId>?code=…, served by the same hub
// room, so relay and WebRTC participants edit one board. Authorised by the join code like
// signaling; binary frames only, size- and rate-limited.
import type { Actor } from '../../../shared/board/policy';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { RELAY_PATH } from '../../../shared/room/api';
import { CLOSE_CODES, TokenBucket } from '../../../shared/signaling/protocol';
import { CHUNK_LIMITS } from '../../../shared/sync/chunking';
import { startHeartbeat, upgradeSafely } from '../heartbeat';
import type { Logger } from '../log';
import type { HubLink } from './hubRoom';

export const RELAY_LIMITS = {
  /** As large as the largest reassembled data-channel message: a whole board in one SyncStep2. */
  maxFrameBytes: CHUNK_LIMITS.maxMessageBytes,
  /** Each edit is one message and cursors are throttled to ≤ 10 Hz: this is generous. */
  burstMessages: 1000,
  refillPerSecond: 500,
  /** A reader this far behind is not reading. */
  maxBufferedBytes: 128 * 1024 * 1024,
  heartbeatMs: 30_000,
} as const;

export type RelayRoom = {
  attach(link: HubLink): void;
  detach(link: HubLink): void;
  receive(link: HubLink, message: Uint8Array): void;
};

export type RelayOptions = {
  /** The open room of a join code, if any. */
  authorise: (code: string) => { roomId: string } | undefined;
  isRemoved: (roomId: string, memberId: string) => boolean;
  /** Who a socket's member token says it is in the room; null: not a token of this room. */
  member: (roomId: string, token: string | null) => Actor | null;
  room: (roomId: string) => RelayRoom;
  log: Logger;
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

export function createRelay(options: RelayOptions): Relay {
  const { log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: RELAY_LIMITS.maxFrameBytes });
  wss.on('error', (error) => log.error('relay.serverError', { error }));
  const clients = new Set<Client>();
  let serial = 0;

  const closeClient = (client: Client, code: number, reason: string) => {
    clients.delete(client);
    options.room(client.roomId).detach(client.link);
    try {
      client.ws.close(code, reason);
    } catch {
      client.ws.terminate();
    }
  };

  const accept = (ws: WebSocket, req: IncomingMessage) => {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const url = new URL(req.url ?? '/', 'http://relay');
    const pathRoom = decodeURIComponent(url.pathname.slice(RELAY_PATH.length + 1));
    const code = url.searchParams.get('code');
    ws.on('error', (error) => log.warn('relay.socketError', { remote, error: error.message }));
    const room = code === null ? undefined : options.authorise(code);
    const refuse = (closeCode: number, reason: string) => {
      log.warn('relay.rejected', { remote, code: closeCode, reason });
      ws.close(closeCode, reason);
    };
    if (!room) return refuse(CLOSE_CODES.unauthorised, 'wrong join code');
    if (room.roomId !== pathRoom) return refuse(CLOSE_CODES.forbiddenTopic, 'room of another code');
    const actor = options.member(room.roomId, url.searchParams.get('member'));
    if (!actor) return refuse(CLOSE_CODES.unauthorised, 'no member token of this room');
    const memberId = actor.memberId;
    if (options.isRemoved(room.roomId, memberId)) return refuse(CLOSE_CODES.forbiddenTopic, 'removed');

    const bucket = new TokenBucket(RELAY_LIMITS.burstMessages, RELAY_LIMITS.refillPerSecond, Date.now());
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
          if (ws.readyState !== WebSocket.OPEN) return;
          if (ws.bufferedAmount > RELAY_LIMITS.maxBufferedBytes) return closeClient(client, CLOSE_CODES.timeout, 'not reading');
          ws.send(message);
        },
        // A removed participant's client must learn it was removed (4403), not just that the link went.
        close: (reason) => closeClient(client, reason === 'removed' ? CLOSE_CODES.forbiddenTopic : CLOSE_CODES.goingAway, reason),
      },
    };
    clients.add(client);
    const hubRoom = options.room(room.roomId);
    ws.on('message', (data, isBinary) => {
      if (!clients.has(client)) return;
      if (!isBinary) return closeClient(client, CLOSE_CODES.malformed, 'text frame');
      if (!bucket.take(Date.now())) return closeClient(client, CLOSE_CODES.rateLimited, 'too many messages');
      hubRoom.receive(client.link, toBytes(data));
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
    RELAY_LIMITS.heartbeatMs,
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
