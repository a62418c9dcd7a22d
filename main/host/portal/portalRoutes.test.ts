// The host's portal routes on a real host on 127.0.0.1, forwarding to a real reference receiver:
// the facilitator's machine configures and submits; the token is sealed at rest and never answered;
// a participant, a LAN caller or a page elsewhere can neither read, change nor use the forwarder.
import { readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildPackage, packageToJson } from '../../../shared/outcomes/package';
import { sampleSession } from '../../../shared/outcomes/package/sample';
import { IDEMPOTENCY_HEADER } from '../../../shared/outcomes/portal/contract';
import { PORTAL_ROUTES, PortalConfigViewSchema, PortalSubmitResultSchema } from '../../../shared/outcomes/portal/hostRoutes';
import { createMemoryLogger } from '../log';
import { createHost, type Host } from '../server';
import { fakeRenderer, joinAsParticipant, tempDir } from '../testSupport';
import type { SecretBox } from './forwarder';
import { startReceiver, type Receiver } from './receiver';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Stands in for safeStorage: reversible, and visibly not the token. */
const fakeBox: SecretBox = {
  seal: async (plain) => `sealed:${Buffer.from(plain).toString('base64').split('').reverse().join('')}`,
  open: async (sealed) => Buffer.from(sealed.slice('sealed:'.length).split('').reverse().join(''), 'base64').toString(),
};

async function startHost(dataDir: string, secrets: SecretBox | null): Promise<Host> {
  const host = await createHost({ port: 0, bind: '127.0.0.1', dataDir, staticDir: fakeRenderer(join(dataDir, 'www')), version: '1', log: createMemoryLogger(), interfaces: () => ({}), secrets });
  cleanups.push(() => host.close());
  return host;
}

function dir(): string {
  const made = tempDir('madang-portal-routes-');
  cleanups.unshift(made.remove);
  return made.path;
}

async function receiver(token?: string): Promise<Receiver & { dataDir: string }> {
  const dataDir = dir();
  const started = await startReceiver({ port: 0, dataDir, token });
  cleanups.push(() => started.close());
  return Object.assign(started, { dataDir });
}

const packageJson = () => packageToJson(buildPackage(sampleSession(), { profile: 'public', packageId: 'pkg-1', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } }));

const configure = (host: Host, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}${PORTAL_ROUTES.config}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const submit = (host: Host, key: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}${PORTAL_ROUTES.submissions}`, { method: 'POST', headers: { 'content-type': 'application/json', [IDEMPOTENCY_HEADER]: key, ...headers }, body });

/** node:http, since fetch will not send a Host header of our choosing. */
function raw(host: Host, path: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, host.url), { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('portal routes (facilitator\'s machine)', () => {
  it('forwards a package to the configured receiver with its token, once per key', async () => {
    const portal = await receiver('s3cret-token');
    const host = await startHost(dir(), fakeBox);
    expect(PortalConfigViewSchema.parse(await (await fetch(`${host.url}${PORTAL_ROUTES.config}`)).json())).toEqual({ endpoint: '', hasToken: false, tokenPersists: true });

    const put = await configure(host, { endpoint: portal.url, token: 's3cret-token' });
    const putText = await put.text();
    expect(put.status).toBe(200);
    expect(putText).not.toContain('s3cret-token');
    expect(JSON.parse(putText)).toEqual({ endpoint: portal.url, hasToken: true, tokenPersists: true });

    const body = packageJson();
    const first = PortalSubmitResultSchema.parse(await (await submit(host, 'outbox-key-0001', body)).json());
    expect(first).toMatchObject({ kind: 'accepted' });
    const again = PortalSubmitResultSchema.parse(await (await submit(host, 'outbox-key-0001', body)).json());
    expect(again).toEqual(first);
    expect(portal.storedCount()).toBe(1);
  });

  it('passes the portal\'s refusal back (wrong token: rejected, final)', async () => {
    const portal = await receiver('right-token');
    const host = await startHost(dir(), fakeBox);
    await configure(host, { endpoint: portal.url, token: 'wrong-token' });
    const result = PortalSubmitResultSchema.parse(await (await submit(host, 'outbox-key-0002', packageJson())).json());
    expect(result.kind).toBe('rejected');
    expect(portal.storedCount()).toBe(0);
  });

  it('keeps the token sealed on disk and opens it after a restart; the CLI host keeps it in memory only', async () => {
    const portal = await receiver('s3cret-token');
    const data = dir();
    const host = await startHost(data, fakeBox);
    await configure(host, { endpoint: portal.url, token: 's3cret-token' });
    const onDisk = readFileSync(join(data, 'portal.json'), 'utf8');
    expect(onDisk).not.toContain('s3cret-token');
    expect(onDisk).toContain('sealed:');
    await host.close();
    const restarted = await startHost(data, fakeBox);
    expect(await (await fetch(`${restarted.url}${PORTAL_ROUTES.config}`)).json()).toEqual({ endpoint: portal.url, hasToken: true, tokenPersists: true });
    expect(PortalSubmitResultSchema.parse(await (await submit(restarted, 'outbox-key-0003', packageJson())).json()).kind).toBe('accepted');
    await restarted.close();

    // Without a SecretBox nothing of the token reaches the disk, and a restart forgets it.
    const cliData = dir();
    const cli = await startHost(cliData, null);
    expect(await (await configure(cli, { endpoint: portal.url, token: 's3cret-token' })).json()).toEqual({ endpoint: portal.url, hasToken: true, tokenPersists: false });
    expect(readFileSync(join(cliData, 'portal.json'), 'utf8')).not.toMatch(/s3cret|sealed/);
    await cli.close();
    const cliAgain = await startHost(cliData, null);
    expect(await (await fetch(`${cliAgain.url}${PORTAL_ROUTES.config}`)).json()).toEqual({ endpoint: portal.url, hasToken: false, tokenPersists: false });
  });

  it('drops the token when the endpoint changes without a new one', async () => {
    const host = await startHost(dir(), fakeBox);
    await configure(host, { endpoint: 'http://127.0.0.1:9/a', token: 'for-a' });
    expect(await (await configure(host, { endpoint: 'http://127.0.0.1:9/b' })).json()).toMatchObject({ hasToken: false });
  });

  it('says no portal is set up instead of sending anywhere', async () => {
    const host = await startHost(dir(), fakeBox);
    const res = await submit(host, 'outbox-key-0004', packageJson());
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'portal.notConfigured' });
  });

  it('refuses endpoints that are not plain http(s) and malformed submissions', async () => {
    const host = await startHost(dir(), fakeBox);
    for (const endpoint of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://portal.example', 'http://user:pw@portal.example', 'http://portal.example/?x=1', 'not a url']) {
      expect((await configure(host, { endpoint })).status, endpoint).toBe(400);
    }
    expect((await configure(host, { endpoint: 'http://127.0.0.1:9', extra: 1 })).status).toBe(400);
    expect((await configure(host, { endpoint: 'http://127.0.0.1:9', token: 'bad\ntoken' })).status).toBe(400);
    await configure(host, { endpoint: 'http://127.0.0.1:9' });
    expect((await submit(host, 'short', packageJson())).status).toBe(400);
    expect((await submit(host, 'outbox-key-0005', '{not json')).status).toBe(400);
    expect((await fetch(`${host.url}${PORTAL_ROUTES.submissions}`, { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('does not follow a redirect away from the endpoint', async () => {
    let elsewhere = 0;
    const target = createServer((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    const redirector: Server = createServer((_req, res) => {
      res.writeHead(307, { Location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/v1/submissions` });
      res.end();
    });
    for (const server of [target, redirector]) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    }
    const host = await startHost(dir(), fakeBox);
    await configure(host, { endpoint: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`, token: 'tok-tok' });
    const result = PortalSubmitResultSchema.parse(await (await submit(host, 'outbox-key-0006', packageJson())).json());
    expect(result.kind).toBe('rejected');
    expect(elsewhere).toBe(0);
  });
});

describe('portal routes against hostile callers', () => {
  it('a participant (with their member token), a LAN caller or a page elsewhere can neither read, set nor use the forwarder', async () => {
    const portal = await receiver('s3cret-token');
    const host = await startHost(dir(), fakeBox);
    await configure(host, { endpoint: portal.url, token: 's3cret-token' });
    const room = await host.openRoom({ sessionId: 's1', title: 'Workshop' });
    const memberToken = await joinAsParticipant(host.url, room.joinCode);
    const callers: Array<Record<string, string>> = [
      { host: `192.168.1.20:${host.port}` },
      { host: `192.168.1.20:${host.port}`, authorization: `Bearer ${memberToken}` },
      { origin: 'http://evil.example' },
    ];
    for (const headers of callers) {
      const read = await raw(host, PORTAL_ROUTES.config, { headers });
      expect(read.status).toBe(403);
      expect(read.text).not.toContain('s3cret');
      const json = { 'content-type': 'application/json', ...headers };
      expect((await raw(host, PORTAL_ROUTES.config, { method: 'PUT', headers: json, body: JSON.stringify({ endpoint: 'http://attacker.example' }) })).status).toBe(403);
      expect((await raw(host, PORTAL_ROUTES.submissions, { method: 'POST', headers: { ...json, [IDEMPOTENCY_HEADER]: 'outbox-key-0007' }, body: packageJson() })).status).toBe(403);
    }
    expect(await (await fetch(`${host.url}${PORTAL_ROUTES.config}`)).json()).toMatchObject({ endpoint: portal.url, hasToken: true });
    expect(portal.storedCount()).toBe(0);
  });

  it('a preflight from a page elsewhere gets no CORS grant', async () => {
    const host = await startHost(dir(), fakeBox);
    const res = await fetch(`${host.url}${PORTAL_ROUTES.submissions}`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
