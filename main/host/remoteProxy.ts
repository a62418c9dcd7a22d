// Joining another machine's room from the desktop app. The app's page is a secure origin
// (app://madang), so Chromium blocks its requests to a plain-http LAN host as mixed content;
// loopback is exempt. This host therefore relays, for this machine only, exactly what a
// participant needs of a remote host: POST /api/join, the facilitation routes a participant uses
// (ballot, vote counts, private notes, with the member token header), the signaling socket and the relay socket,
// under /remote/<IPv4 address>:<port>/… . WebRTC data channels still go straight to the remote
// hub. Only private (LAN) addresses are reachable, so this is no way out to anything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { API_BODY_LIMIT_BYTES, API_ROUTES, RELAY_PATH, REMOTE_PATH, SIGNALING_PATH } from '../../shared/room/api';
import { upgradeSafely } from './heartbeat';
import { rawRefusal, readBody, sendJson } from './http';
import type { Logger } from './log';
import { isLoopbackAddress, isLoopbackHost } from './network';
import { RELAY_LIMITS } from './hub/relay';
import { isWorkshopPath } from './workshop/routes';
import { MEMBER_TOKEN_HEADER } from '../../shared/workshop/api';

export type RemoteProxyOptions = {
  log: Logger;
  /** Page origins that may use the proxy besides this host's own (the Electron app). */
  trustedOrigins: readonly string[];
  /** Which targets may be reached; default: private IPv4 ranges only (tests add loopback). */
  allowTarget?: (address: string) => boolean;
  /** How long a remote join may take. */
  timeoutMs?: number;
};

export type RemoteProxy = {
  isRemotePath(pathname: string): boolean;
  handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
};

const REMOTE = new RegExp(`^${REMOTE_PATH}/(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})(/.*)$`);

/** RFC 1918 and link-local IPv4: the addresses a workshop LAN or hotspot hands out. */
export function isPrivateIPv4(address: string): boolean {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
  const [a, b] = parts as [number, number, number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

type Target = { address: string; port: number; rest: string };

export function createRemoteProxy(options: RemoteProxyOptions): RemoteProxy {
  const { log } = options;
  const allowTarget = options.allowTarget ?? isPrivateIPv4;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const trusted = new Set(options.trustedOrigins);
  const wss = new WebSocketServer({ noServer: true, maxPayload: RELAY_LIMITS.maxFrameBytes });
  wss.on('error', (error) => log.error('remote.serverError', { error }));

  const target = (url: string | undefined): Target | null => {
    const match = REMOTE.exec(new URL(url ?? '/', 'http://local').pathname);
    if (!match) return null;
    const [, address, portText, rest] = match as unknown as [string, string, string, string];
    const port = Number(portText);
    if (!allowTarget(address) || port < 1 || port > 65535) return null;
    return { address, port, rest };
  };

  /**
   * Only this machine, addressed by a loopback name (as the API's local routes: a page whose DNS
   * name was rebound to 127.0.0.1 sends its own name), and only our own pages.
   */
  const callerAllowed = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host) && (origin === undefined || origin === `http://${req.headers.host}` || trusted.has(origin));
  };

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    return origin && trusted.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  };

  return {
    isRemotePath: (pathname) => pathname === REMOTE_PATH || pathname.startsWith(`${REMOTE_PATH}/`),

    async handleRequest(req, res) {
      const to = target(req.url);
      if (!callerAllowed(req)) return sendJson(res, 403, { error: 'error.forbidden' });
      const workshop = to !== null && isWorkshopPath(to.rest);
      if (!to || (to.rest !== API_ROUTES.join && !workshop)) return sendJson(res, 404, { error: 'error.notFound' });
      const methods = workshop ? ['GET', 'PUT', 'POST'] : ['POST'];
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...cors(req), 'Access-Control-Allow-Methods': methods.join(', '), 'Access-Control-Allow-Headers': `content-type, ${MEMBER_TOKEN_HEADER}`, 'Access-Control-Max-Age': '600' });
        return void res.end();
      }
      const method = req.method ?? 'GET';
      if (!methods.includes(method)) return sendJson(res, 405, { error: 'error.badRequest' }, { Allow: methods.join(', '), ...cors(req) });
      const body = method === 'GET' ? ({ ok: true, text: undefined } as const) : await readBody(req, API_BODY_LIMIT_BYTES);
      if (!body.ok) return sendJson(res, body.reason === 'tooLarge' ? 413 : 400, { error: body.reason === 'tooLarge' ? 'error.tooLarge' : 'error.badRequest' }, cors(req));
      // The member token is the remote host's to judge; nothing else of the caller's is passed on.
      const member = req.headers[MEMBER_TOKEN_HEADER];
      try {
        const answer = await fetch(`http://${to.address}:${to.port}${to.rest}`, {
          method,
          headers: { 'content-type': 'application/json', ...(workshop && typeof member === 'string' ? { [MEMBER_TOKEN_HEADER]: member.slice(0, 128) } : {}) },
          body: body.text,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        const text = await answer.text();
        if (text.length > API_BODY_LIMIT_BYTES) throw new Error('answer too large');
        // The remote host's own validated JSON (a ticket or an error key), passed on as it is.
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...cors(req) });
        res.end(text);
      } catch (error) {
        log.warn(workshop ? 'remote.requestFailed' : 'remote.joinFailed', { address: to.address, port: to.port, error: (error as Error).message });
        sendJson(res, 502, { error: 'error.network' }, cors(req));
      }
    },

    handleUpgrade(req, socket, head) {
      const to = target(req.url);
      const refuse = (status: string) => socket.end(rawRefusal(status));
      if (!callerAllowed(req)) return refuse('403 Forbidden');
      if (!to || !(to.rest === SIGNALING_PATH || to.rest.startsWith(`${RELAY_PATH}/`))) return refuse('404 Not Found');
      const query = new URL(req.url ?? '/', 'http://local').search;
      upgradeSafely(wss, req, socket, head, (local) => pipe(local, new WebSocket(`ws://${to.address}:${to.port}${to.rest}${query}`, { maxPayload: RELAY_LIMITS.maxFrameBytes })), log, 'remote.upgradeFailed');
    },

    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };

  /** Frames both ways as they are; the remote's close code comes back unchanged (4401 room closed, 4403 removed). */
  function pipe(local: WebSocket, remote: WebSocket): void {
    const early: Array<[RawData, boolean]> = [];
    local.on('message', (data, isBinary) => {
      if (remote.readyState === WebSocket.OPEN) remote.send(data, { binary: isBinary });
      else if (early.length < 64) early.push([data, isBinary]);
      else local.terminate();
    });
    remote.on('open', () => {
      for (const [data, isBinary] of early.splice(0)) remote.send(data, { binary: isBinary });
    });
    remote.on('message', (data, isBinary) => {
      if (local.readyState === WebSocket.OPEN) local.send(data, { binary: isBinary });
    });
    const closeCode = (code: number) => (code === 1000 || (code >= 3000 && code <= 4999) ? code : 1011);
    remote.on('close', (code, reason) => {
      if (local.readyState === WebSocket.OPEN) local.close(closeCode(code), reason.toString().slice(0, 120));
    });
    remote.on('error', (error) => {
      log.warn('remote.socketError', { error: error.message });
      if (local.readyState === WebSocket.OPEN) local.close(1011, 'remote host unreachable');
    });
    local.on('close', () => {
      if (remote.readyState === WebSocket.OPEN || remote.readyState === WebSocket.CONNECTING) remote.terminate();
    });
    local.on('error', () => remote.terminate());
  }
}
