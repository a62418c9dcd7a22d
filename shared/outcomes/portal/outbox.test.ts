import { describe, expect, it } from 'vitest';
import { MemoryOutboxStore, OutboxWorker, backoffMs, newOutboxItem, processOutbox, type PortalAdapter, type SubmitOutcome } from './index';

const policy = { baseMs: 1000, maxMs: 8000, maxAttempts: 5 };
function scripted(outcomes: SubmitOutcome[]) {
  const calls: Array<{ idempotencyKey: string; body: string }> = [];
  const adapter: PortalAdapter = {
    async submit(request) {
      calls.push(request);
      const next = outcomes.shift();
      if (!next) throw new Error('no more answers');
      return next;
    },
  };
  return { adapter, calls };
}

describe('outbox', () => {
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffMs(n, policy))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('retries with the same key and body until accepted, waiting out each back-off', async () => {
    const store = new MemoryOutboxStore();
    await store.put(newOutboxItem({ id: 'key-00000001', sessionId: 's', profile: 'public', packageId: 'p', body: '{"a":1}', now: 0 }));
    const { adapter, calls } = scripted([{ kind: 'retry', error: 'network' }, { kind: 'retry', error: 'http 503', retryAfterMs: 5000 }, { kind: 'accepted', submissionId: 'sub-1' }]);
    let now = 0;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await store.get('key-00000001')).toMatchObject({ status: 'queued', attempts: 1, lastError: 'network', nextAttemptAt: 1000 });
    now = 999;
    expect(await processOutbox(store, adapter, { now: () => now, policy })).toEqual([]); // not due yet
    now = 1000;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await store.get('key-00000001')).toMatchObject({ status: 'queued', attempts: 2, lastError: 'http 503', nextAttemptAt: 6000 }); // Retry-After beats 2 s
    now = 6000;
    await processOutbox(store, adapter, { now: () => now, policy });
    expect(await store.get('key-00000001')).toMatchObject({ status: 'accepted', attempts: 3, submissionId: 'sub-1', lastError: '' });
    expect(calls).toEqual(Array(3).fill({ idempotencyKey: 'key-00000001', body: '{"a":1}' }));
    now = 100_000;
    expect(await processOutbox(store, adapter, { now: () => now, policy })).toEqual([]);
  });

  it('keeps a rejection with the portal reasons and never resends it', async () => {
    const store = new MemoryOutboxStore();
    await store.put(newOutboxItem({ id: 'key-00000002', sessionId: 's', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    const { adapter, calls } = scripted([{ kind: 'rejected', reasons: [{ path: '$.profile', code: 'invalid_value', message: 'bad' }] }]);
    await processOutbox(store, adapter, { now: () => 0, policy });
    await processOutbox(store, adapter, { now: () => 1e9, policy });
    expect(await store.get('key-00000002')).toMatchObject({ status: 'rejected', reasons: [{ path: '$.profile' }] });
    expect(calls).toHaveLength(1);
  });

  it('marks an item sent before the request, so a crash mid-request resends it after the back-off', async () => {
    const store = new MemoryOutboxStore();
    await store.put(newOutboxItem({ id: 'key-00000003', sessionId: 's', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    let seen: unknown;
    const adapter: PortalAdapter = { submit: async () => { seen = await store.get('key-00000003'); return new Promise<SubmitOutcome>(() => {}); } };
    void processOutbox(store, adapter, { now: () => 0, policy });
    await expect.poll(() => seen).toMatchObject({ status: 'sent', attempts: 1, nextAttemptAt: 1000 });
  });

  it('stops retrying after the last allowed attempt', async () => {
    const store = new MemoryOutboxStore();
    await store.put(newOutboxItem({ id: 'key-00000004', sessionId: 's', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    const { adapter, calls } = scripted(Array.from({ length: 10 }, () => ({ kind: 'retry', error: 'network' }) as const));
    for (let i = 0; i < 10; i++) await processOutbox(store, adapter, { now: () => 1e9 * (i + 1), policy });
    expect(calls).toHaveLength(5);
    expect(await store.get('key-00000004')).toMatchObject({ status: 'queued', attempts: 5 });
  });

  it('never runs two passes at once; a kick during a pass makes one more pass', async () => {
    const store = new MemoryOutboxStore();
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    let release: () => void = () => {};
    const adapter: PortalAdapter = {
      async submit() {
        calls++;
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((resolve) => { release = resolve; });
        inFlight--;
        return { kind: 'accepted', submissionId: null };
      },
    };
    const worker = new OutboxWorker(store, adapter, { now: () => 0, policy });
    await store.put(newOutboxItem({ id: 'key-00000005', sessionId: 's', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    const first = worker.kick();
    await expect.poll(() => calls).toBe(1);
    await store.put(newOutboxItem({ id: 'key-00000006', sessionId: 's', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    const second = worker.kick();
    release();
    await expect.poll(() => calls).toBe(2); // the second item, in the pass after
    release();
    await Promise.all([first, second]);
    expect(most).toBe(1);
    expect((await store.list()).map((i) => i.status)).toEqual(['accepted', 'accepted']);
    expect(await worker.nextDueAt()).toBeNull();
  });
});
