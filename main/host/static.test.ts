import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { createMemoryLogger } from './log';
import { createHost, type Host } from './server';
import { contentTypeFor, resolveStaticFile } from './static';
import { fakeRenderer, tempDir } from './testSupport';

let dir: ReturnType<typeof tempDir>;
let www: string;

beforeEach(() => {
  dir = tempDir();
  // A secret next to the web root that must never be served.
  writeFileSync(join(dir.path, 'package.json'), '{"secret":true}');
  www = fakeRenderer(join(dir.path, 'www'));
});
afterEach(() => dir.remove());

describe('resolveStaticFile', () => {
  it('finds files and serves index.html for the root and app routes', () => {
    expect(resolveStaticFile(www, '/assets/index-abc123.js')).toBe(join(www, 'assets', 'index-abc123.js'));
    expect(resolveStaticFile(www, '/')).toBe(join(www, 'index.html'));
    expect(resolveStaticFile(www, '/board/123')).toBe(join(www, 'index.html'));
    expect(resolveStaticFile(www, '/assets')).toBe(join(www, 'index.html'));
  });

  it('returns null for a missing file with an extension', () => {
    expect(resolveStaticFile(www, '/assets/missing.js')).toBeNull();
    expect(resolveStaticFile(www, '/favicon.ico')).toBeNull();
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%2fpackage.json',
    '/%5c..%5cpackage.json',
    '/index.html%00.js',
    '/%00',
    '/C:/Windows/win.ini',
    '/.env',
    '/%E0%A4%A',
  ])('refuses %s', (path) => {
    expect(resolveStaticFile(www, path)).toBeNull();
  });

  it('refuses a symlink that leads out of the root', () => {
    symlinkSync(join(dir.path, 'package.json'), join(www, 'leak.json'));
    expect(resolveStaticFile(www, '/leak.json')).toBeNull();
  });

  it('knows the content types the renderer uses', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('blob.bin')).toBe('application/octet-stream');
  });
});

describe('static HTTP', () => {
  let host: Host;
  afterEach(() => host.close());

  const start = async (staticDir = www) => {
    host = await createHost({ port: 0, bind: '127.0.0.1', dataDir: join(dir.path, 'data'), staticDir, version: 't', log: createMemoryLogger(), interfaces: () => ({}) });
  };

  // Raw requests: fetch would normalise `..` away before sending.
  const get = (path: string, method = 'GET') =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the app with CSP and safety headers, and the SPA fallback', async () => {
    await start();
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Madang</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy([`ws://127.0.0.1:${host.port}`]));
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const route = await get('/join?code=ABC');
    expect(route.status).toBe(200);
    expect(route.headers['content-security-policy']).toContain("script-src 'self'");
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await get('/assets/nope.js')).status).toBe(404);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/assets/%00x.js'])('does not serve %s', async (path) => {
    await start();
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('secret');
  });

  it('answers GET and HEAD only', async () => {
    await start();
    expect((await get('/', 'POST')).status).toBe(405);
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('says the renderer is not built when there is no index.html', async () => {
    const empty = join(dir.path, 'empty');
    mkdirSync(empty);
    await start(empty);
    const res = await get('/');
    expect(res.status).toBe(503);
    expect(res.body).toMatch(/not built.*npm run build/);
    expect(res.body.trim().split('\n')).toHaveLength(1);
  });
});
