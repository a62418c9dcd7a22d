// Serves the built renderer (out/renderer) to participants' browsers. `resolveStaticFile` is
// also used by the Electron app:// protocol handler, so both serve exactly the same files.
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { requestPathname } from './http';
import type { Logger } from './log';

const INDEX = 'index.html';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Follows symlinks: a link inside the root may not lead out of it. */
function realpathInside(root: string, path: string): boolean {
  try {
    return inside(realpathSync(root), realpathSync(path));
  } catch {
    return false;
  }
}

/**
 * Maps a URL path to a file inside `rootDir`, or null. The path is percent-decoded once and
 * refused when it holds NUL, backslashes, colons, `..` or dot-file segments; the real path
 * (after symlinks) must stay inside the root. A missing path without an extension is a
 * client-side route of the single-page app and gets index.html; a missing file with an
 * extension is null.
 */
export function resolveStaticFile(rootDir: string, urlPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s.startsWith('.'))) return null; // `..` and hidden files

  const root = resolve(rootDir);
  const index = resolve(root, INDEX);
  const candidate = segments.length === 0 ? index : resolve(root, ...segments);
  if (!inside(root, candidate)) return null;
  if (isFile(candidate)) return realpathInside(root, candidate) ? candidate : null;
  const last = segments.at(-1) ?? '';
  return extname(last) === '' && isFile(index) && realpathInside(root, index) ? index : null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticOptions = {
  rootDir: string;
  log: Logger;
  /** Extra connect-src origins for the CSP (the host's ws:// origins). */
  connectSources?: () => readonly string[];
};

const NOT_BUILT = 'The Madang web app is not built: run `npm run build` and restart the host.\n';

export function createStaticHandler(options: StaticOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const securityHeaders = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
  const text = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...headers });
    res.end(body);
  };

  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    if (!isFile(resolve(options.rootDir, INDEX))) return text(res, 503, NOT_BUILT);

    const pathname = requestPathname(req.url);
    const file = resolveStaticFile(options.rootDir, pathname);
    if (!file) return text(res, 404, 'Not found\n');
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return text(res, 404, 'Not found\n');
    }
    const type = contentTypeFor(file);
    const headers: Record<string, string | number> = { ...securityHeaders, 'Content-Type': type, 'Content-Length': size };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = contentSecurityPolicy(options.connectSources?.() ?? []);
      headers['Cache-Control'] = 'no-cache';
    } else {
      // Vite puts content-hashed names under assets/: safe to keep for good.
      headers['Cache-Control'] = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    }
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file)
      .on('error', (error) => {
        options.log.error('static.readFailed', { file, error });
        res.destroy();
      })
      .pipe(res);
  };
}
