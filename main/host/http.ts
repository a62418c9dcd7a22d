// Small HTTP helpers shared by the API and static handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NON_DOCUMENT_CSP } from '../../shared/security/csp';

/**
 * On every response of the host, JSON and errors included. The app's page replaces the CSP
 * with its own (static.ts); headers given to writeHead take precedence over these.
 */
export const SECURITY_HEADERS = { 'Content-Security-Policy': NON_DOCUMENT_CSP, 'X-Content-Type-Options': 'nosniff' } as const;

export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** A refusal written straight to an upgrade's socket (no ServerResponse there), with the same headers. */
export function rawRefusal(status: string): string {
  const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return `HTTP/1.1 ${status}\r\nConnection: close\r\n${headers}Content-Length: 0\r\n\r\n`;
}

/**
 * The raw path of a request target, without query or fragment and NOT normalised: the
 * WHATWG parser would silently turn `/%2e%2e/x` into `/x`, hiding a traversal attempt.
 */
export function requestPathname(target: string | undefined): string {
  const raw = target ?? '/';
  if (!raw.startsWith('/')) {
    // absolute-form ("GET http://host/path HTTP/1.1")
    try {
      return new URL(raw).pathname;
    } catch {
      return '/';
    }
  }
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Bytes as they are (a Yjs update), with the same headers as every other answer of the API. */
export function sendBytes(res: ServerResponse, body: Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': body.byteLength,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

export type BodyResult = { ok: true; text: string } | { ok: false; reason: 'tooLarge' | 'aborted' };

// What a client may still send after a 413 before the connection is cut; discarded unread.
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. Past the limit it stops keeping data and
 * resolves `tooLarge` at once; the rest is discarded, and the socket is destroyed if the
 * client keeps sending, so nothing grows without bound.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve(result);
    };
    const tooLarge = () => {
      let discarded = 0;
      req.on('data', (chunk: Buffer) => {
        discarded += chunk.length;
        if (discarded > DRAIN_LIMIT_BYTES) req.socket.destroy();
      });
      req.on('error', () => {});
      finish({ ok: false, reason: 'tooLarge' });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        tooLarge();
      } else chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    const onClose = () => finish({ ok: false, reason: 'aborted' });

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      tooLarge();
      return;
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
