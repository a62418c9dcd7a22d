// The outbox, the generic HTTP adapter and the reference receiver together, on 127.0.0.1: what an
// official sees when the portal is down, slow, failing or refusing, and that a package is stored
// exactly once however often it is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { buildPackage, packageToJson } from '../../../shared/outcomes/package';
import { sampleSession } from '../../../shared/outcomes/package/sample';
import {
  IDEMPOTENCY_HEADER, INGEST_PATH, MemoryOutboxStore, type IngestAnswer, createHttpAdapter, newOutboxItem, processOutbox, type OutboxItem,
} from '../../../shared/outcomes/portal';
import { tempDir } from '../testSupport';
import { startReceiver, type Receiver } from './receiver';

const policy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 10 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function packageJson(profile: 'public' | 'official' = 'public', change?: (pkg: Record<string, unknown>) => void): string {
  const pkg = buildPackage(sampleSession(), { profile, packageId: 'pkg-1', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } }) as unknown as Record<string, unknown>;
  change?.(pkg);
  return packageToJson(pkg as never);
}

function dataDir(): string {
  const dir = tempDir('madang-portal-');
  cleanups.unshift(dir.remove);
  return dir.path;
}

async function receiver(options: Partial<Parameters<typeof startReceiver>[0]> = {}, existing?: string): Promise<Receiver> {
  const dir = existing ?? dataDir();
  const started = await startReceiver({ port: 0, dataDir: dir, ...options });
  cleanups.push(() => started.close());
  return started;
}

async function queued(body = packageJson(), id = 'outbox-item-1') {
  const store = new MemoryOutboxStore();
  await store.put(newOutboxItem({ id, sessionId: 'session-1', profile: 'public', packageId: 'pkg-1', body, now: 0 }));
  return store;
}

const item = async (store: MemoryOutboxStore, id = 'outbox-item-1') => (await store.get(id)) as OutboxItem;

describe('submitting to the reference receiver', () => {
  it('is accepted and stored once; the receiver hands back its submission id', async () => {
    const portal = await receiver({ token: 'secret-token' });
    const store = await queued();
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url, token: 'secret-token' }), { now: () => 0, policy });
    expect(await item(store)).toMatchObject({ status: 'accepted', attempts: 1, lastError: '' });
    const answer = await (await fetch(`${portal.url}${INGEST_PATH}/${(await item(store)).submissionId}`)).json();
    expect(answer).toMatchObject({ status: 'accepted', package_id: 'pkg-1' });
    expect(portal.storedCount()).toBe(1);
  });

  it('with the receiver down, waits in the outbox and goes through exactly once when it is back', async () => {
    const dir = dataDir();
    const first = await startReceiver({ port: 0, dataDir: dir });
    const port = first.port;
    await first.close();
    const store = await queued();
    const adapter = createHttpAdapter({ endpoint: `http://127.0.0.1:${port}` });
    let now = 0;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await item(store)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'network', nextAttemptAt: 1000 });
    now = 1000;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await item(store)).toMatchObject({ status: 'queued', attempts: 2, nextAttemptAt: 3000 });
    const back = await receiver({ port }, dir);
    now = 3000;
    await processOutbox(store, adapter, { now: () => now, policy });
    now = 1e9;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await item(store)).toMatchObject({ status: 'accepted', attempts: 3 });
    expect(back.storedCount()).toBe(1);
  });

  it('when slow, times out, retries with the same key, and the package is still stored once', async () => {
    const portal = await receiver({ delayMs: 300 });
    const store = await queued();
    let now = 0;
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url, timeoutMs: 50 }), { now: () => now, policy });
    expect(await item(store)).toMatchObject({ status: 'queued', lastError: 'timeout' });
    now = 1000;
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url, timeoutMs: 5000 }), { now: () => now, policy });
    expect(await item(store)).toMatchObject({ status: 'accepted', attempts: 2 });
    expect(portal.storedCount()).toBe(1);
  });

  it('retries a 503 after Retry-After and the back-off, then is accepted', async () => {
    const portal = await receiver({ failFirst: 2 });
    const store = await queued();
    const adapter = createHttpAdapter({ endpoint: portal.url });
    let now = 0;
    for (const at of [0, 1000, 3000]) {
      now = at;
      await processOutbox(store, adapter, { now: () => now, policy });
    }
    expect(await item(store)).toMatchObject({ status: 'accepted', attempts: 3 });
    expect(portal.storedCount()).toBe(1);
  });

  it('keeps a 422 as rejected with the portal reasons and their JSON paths, never resent', async () => {
    const portal = await receiver();
    const store = await queued(packageJson('public', (pkg) => { pkg.votes = [{ voter: 'P-01', record_id: 'cluster-1', count: 1 }]; }));
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url }), { now: () => 0, policy });
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url }), { now: () => 1e9, policy });
    expect(await item(store)).toMatchObject({ status: 'rejected', attempts: 1, reasons: [{ path: '$.votes', code: 'personalDataInPublic' }] });
    expect(portal.storedCount()).toBe(0);
  });

  it('keeps a 401 (wrong token) as rejected', async () => {
    const portal = await receiver({ token: 'right-token' });
    const store = await queued();
    await processOutbox(store, createHttpAdapter({ endpoint: portal.url, token: 'wrong-token' }), { now: () => 0, policy });
    expect(await item(store)).toMatchObject({ status: 'rejected', reasons: [{ code: 'unauthorized' }] });
  });
});

describe('the reference receiver', () => {
  const post = (url: string, body: string, key?: string) => fetch(`${url}${INGEST_PATH}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', ...(key ? { [IDEMPOTENCY_HEADER]: key } : {}) },
  });

  it('answers the same key with the same answer, stores once, and survives its own restart', async () => {
    const dir = dataDir();
    const first = await startReceiver({ port: 0, dataDir: dir });
    const body = packageJson();
    const a = await post(first.url, body, 'same-key-0001');
    const b = await post(first.url, body, 'same-key-0001');
    expect([a.status, b.status, b.headers.get('idempotent-replayed')]).toEqual([201, 201, 'true']);
    const answerA = await a.json();
    expect(await b.json()).toEqual(answerA);
    await first.close();
    const second = await receiver({}, dir);
    const c = await post(second.url, body, 'same-key-0001');
    expect(await c.json()).toEqual(answerA);
    expect(second.storedCount()).toBe(1);
  });

  it('stores once when the same key arrives twice at the same time', async () => {
    const portal = await receiver({ delayMs: 50 });
    const body = packageJson();
    const answers = await Promise.all([post(portal.url, body, 'race-key-0001'), post(portal.url, body, 'race-key-0001')].map(async (r) => (await r).json()));
    expect(answers[0]).toEqual(answers[1]);
    expect(portal.storedCount()).toBe(1);
  });

  it('refuses a reused key with another package (409), a missing key (400), not-JSON (400) and an invalid package (422)', async () => {
    const portal = await receiver();
    await post(portal.url, packageJson(), 'reuse-key-0001');
    const reused = await post(portal.url, packageJson('official'), 'reuse-key-0001');
    expect([reused.status, ((await reused.json()) as IngestAnswer).reasons[0]?.code]).toEqual([409, 'idempotencyKeyReused']);
    expect((await post(portal.url, packageJson())).status).toBe(400);
    expect((await post(portal.url, packageJson(), 'short')).status).toBe(400);
    const notJson = await post(portal.url, '{"schema_version":', 'notjson-key-01');
    expect([notJson.status, ((await notJson.json()) as IngestAnswer).reasons[0]?.code]).toEqual([400, 'notJson']);
    const invalid = await post(portal.url, packageJson('public', (pkg) => { (pkg.ideas as Array<Record<string, unknown>>)[0]!.impact = 7; }), 'invalid-key-01');
    expect([invalid.status, ((await invalid.json()) as IngestAnswer).reasons[0]]).toEqual([422, expect.objectContaining({ path: '$.ideas[0].impact', code: 'too_big' })]);
    expect(portal.storedCount()).toBe(1);
  });
});
