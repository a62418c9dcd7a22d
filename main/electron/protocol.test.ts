import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../host/log';

const electron = vi.hoisted(() => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() } }));
vi.mock('electron', () => electron);

import { handleAppProtocol, planAppResponse, registerAppScheme, serveAppRequest } from './protocol';

const CSP = "default-src 'self'";
let dir: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'madang-protocol-')));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Madang</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string) => planAppResponse({ method: 'GET', url }, dir, CSP);

describe('planAppResponse', () => {
  it('serves the entry page and assets with their content type', () => {
    expect(get('app://madang/')).toMatchObject({ status: 200, filePath: join(dir, 'index.html') });
    expect(get('app://madang/').headers['content-type']).toMatch(/^text\/html/);
    const script = get('app://madang/assets/app.js');
    expect(script).toMatchObject({ status: 200, filePath: join(dir, 'assets', 'app.js') });
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('falls back to index.html for client-side routes', () => {
    expect(get('app://madang/session/abc?x=1#y').filePath).toBe(join(dir, 'index.html'));
  });

  it('never leaves the renderer folder', () => {
    for (const url of ['app://madang/../../etc/passwd', 'app://madang/%2e%2e/%2e%2e/etc/passwd', 'app://madang/..%2f..%2fetc%2fpasswd']) {
      const plan = get(url);
      if (plan.filePath !== undefined) expect(plan.filePath.startsWith(dir + sep)).toBe(true);
    }
  });

  it.each(['app://evil/', 'app://madang.evil/', 'app://madang:1/', 'http://madang/', 'file:///etc/passwd', 'nonsense'])('404 for %s', (url) => {
    expect(get(url).status).toBe(404);
    expect(get(url).filePath).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('405 for %s', (method) => {
    const plan = planAppResponse({ method, url: 'app://madang/' }, dir, CSP);
    expect(plan.status).toBe(405);
    expect(plan.filePath).toBeUndefined();
    expect(plan.headers.allow).toBe('GET');
  });

  it('404 when the renderer is not built', () => {
    expect(planAppResponse({ method: 'GET', url: 'app://madang/' }, join(dir, 'missing'), CSP).status).toBe(404);
  });

  it('puts the CSP and nosniff on every response', () => {
    const plans = [get('app://madang/'), get('app://evil/'), planAppResponse({ method: 'POST', url: 'app://madang/' }, dir, CSP)];
    for (const plan of plans) {
      expect(plan.headers['content-security-policy']).toBe(CSP);
      expect(plan.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('serveAppRequest', () => {
  const log = createMemoryLogger();

  it('answers with the file bytes and headers', async () => {
    const response = await serveAppRequest(new Request('app://madang/assets/app.js'), dir, CSP, log);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers errors without a body', async () => {
    const response = await serveAppRequest(new Request('app://madang/', { method: 'POST' }), dir, CSP, log);
    expect(response.status).toBe(405);
    expect(await response.text()).toBe('');
  });
});

describe('Electron registration', () => {
  it('registers app:// as standard, secure and fetch-capable', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('handles app:// with the renderer folder and CSP', async () => {
    handleAppProtocol(dir, CSP, createMemoryLogger());
    const [scheme, handler] = electron.protocol.handle.mock.calls[0]! as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://madang/'));
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>Madang</title>');
  });
});
