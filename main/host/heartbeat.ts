// What the host's two WebSocket servers (signaling, relay) share: a heartbeat that drops sockets
// which stopped answering pings, and an upgrade that can never throw out of the HTTP server.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from './log';

export interface Pinged {
  ws: WebSocket;
  /** Set on every pong; cleared when a ping goes out. */
  alive: boolean;
}

/** Pings every socket each interval; one that did not answer the previous ping goes to onDead. */
export function startHeartbeat<T extends Pinged>(sockets: () => Iterable<T>, onDead: (socket: T) => void, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const socket of [...sockets()]) {
      if (!socket.alive) {
        onDead(socket);
        continue;
      }
      socket.alive = false;
      try {
        socket.ws.ping();
      } catch {
        // closing already; its close event cleans up
      }
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function upgradeSafely(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, accept: (ws: WebSocket) => void, log: Logger, event: string): void {
  try {
    wss.handleUpgrade(req, socket, head, accept);
  } catch (error) {
    log.error(event, { error });
    socket.destroy();
  }
}
