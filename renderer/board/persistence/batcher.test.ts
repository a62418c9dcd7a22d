import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateBatcher } from './batcher';
import { ManualClock, deferred } from './testing';

/** A doc whose every update goes to the batcher, as persistence wires it. */
function setup(write: (update: Uint8Array) => Promise<void>) {
  const clock = new ManualClock();
  const errors: unknown[] = [];
  let recovered = 0;
  const batcher = new UpdateBatcher({ write, clock, intervalMs: 500, retryMs: [1000, 8000], onWriteError: (e) => errors.push(e), onRecovered: () => recovered++ });
  const doc = new Y.Doc();
  doc.on('update', (update: Uint8Array) => batcher.add(update));
  return { clock, batcher, doc, errors, recovered: () => recovered };
}

function stateOf(updates: Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getMap('m').toJSON();
}

describe('UpdateBatcher', () => {
  it('merges 100 rapid updates into one write after the interval, not before', async () => {
    const written: Uint8Array[] = [];
    const { clock, batcher, doc } = setup(async (u) => void written.push(u));
    for (let i = 0; i < 100; i++) doc.getMap('m').set(`k${i}`, i);
    expect(batcher.pendingCount).toBe(100);
    clock.advance(499);
    expect(written).toHaveLength(0);
    clock.advance(1);
    await batcher.flush();
    expect(written).toHaveLength(1);
    expect(stateOf(written)).toEqual(doc.getMap('m').toJSON());
    expect(clock.pending).toBe(0);
  });

  it('writes at most one batch per interval while updates keep coming', async () => {
    const written: Uint8Array[] = [];
    const { clock, batcher, doc } = setup(async (u) => void written.push(u));
    for (let tick = 0; tick < 20; tick++) {
      doc.getMap('m').set('x', tick); // one update every 100 ms for 2 s
      clock.advance(100);
      await Promise.resolve();
    }
    await batcher.flush();
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(written.length).toBeLessThanOrEqual(5);
    expect(stateOf(written)).toEqual({ x: 19 });
  });

  it('flush writes at once, and close flushes then ignores later updates', async () => {
    const written: Uint8Array[] = [];
    const { clock, batcher, doc } = setup(async (u) => void written.push(u));
    doc.getMap('m').set('a', 1);
    expect(await batcher.flush()).toBe(true);
    expect(written).toHaveLength(1);
    doc.getMap('m').set('b', 2);
    expect(await batcher.close()).toBe(true);
    expect(written).toHaveLength(2);
    doc.getMap('m').set('c', 3);
    clock.advance(10_000);
    expect(batcher.pendingCount).toBe(0);
    expect(written).toHaveLength(2);
  });

  it('never runs two writes at once; updates during a write go into the next one', async () => {
    const gates = [deferred(), deferred()];
    const written: Uint8Array[] = [];
    let running = 0;
    let maxRunning = 0;
    const { clock, batcher, doc } = setup(async (u) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await gates[written.length]!.promise;
      written.push(u);
      running--;
    });
    doc.getMap('m').set('a', 1);
    clock.advance(500); // first write starts and hangs
    doc.getMap('m').set('b', 2);
    const flushed = batcher.flush(); // must wait for the first write
    clock.advance(5_000);
    gates[0]!.resolve();
    gates[1]!.resolve();
    expect(await flushed).toBe(true);
    expect(maxRunning).toBe(1);
    expect(written).toHaveLength(2);
    expect(stateOf(written)).toEqual({ a: 1, b: 2 });
  });

  it('keeps a failed batch, reports once, retries with back-off, and reports recovery', async () => {
    let failNext = 2;
    const written: Uint8Array[] = [];
    const { clock, batcher, doc, errors, recovered } = setup(async (u) => {
      if (failNext-- > 0) throw new DOMException('disk full', 'QuotaExceededError');
      written.push(u);
    });
    doc.getMap('m').set('a', 1);
    expect(await batcher.flush()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(batcher.failing).toBe(true);
    expect(batcher.pendingCount).toBe(1);
    expect(batcher.retryScheduled).toBe(true);
    doc.getMap('m').set('b', 2); // waits for the retry, does not start its own timer
    clock.advance(999);
    await Promise.resolve();
    expect(written).toHaveLength(0);
    clock.advance(1); // retry 1 (after 1 s) fails again: no second report
    await batcher.settled();
    expect(errors).toHaveLength(1);
    expect(written).toHaveLength(0);
    expect(batcher.retryScheduled).toBe(true);
    expect(recovered()).toBe(0);
    expect(await batcher.flush()).toBe(true);
    expect(recovered()).toBe(1);
    expect(batcher.failing).toBe(false);
    expect(stateOf(written)).toEqual({ a: 1, b: 2 });
  });

  it('takePending hands out the merged batch and restore puts it back', async () => {
    const written: Uint8Array[] = [];
    const { batcher, doc } = setup(async (u) => void written.push(u));
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    const taken = batcher.takePending()!;
    expect(batcher.pendingCount).toBe(0);
    expect(stateOf([taken])).toEqual({ a: 1, b: 2 });
    batcher.restore(taken);
    await batcher.flush();
    expect(stateOf(written)).toEqual({ a: 1, b: 2 });
    expect(batcher.takePending()).toBeNull();
  });

  it('takePending at unload includes a batch whose write has started but not finished', async () => {
    // The page may be gone before that write's asynchronous transaction ever starts.
    const started = deferred<void>();
    const { clock, batcher, doc } = setup(() => started.promise);
    doc.getMap('m').set('a', 1);
    clock.advance(500); // the batch's write is in progress
    doc.getMap('m').set('b', 2);
    const taken = batcher.takePending()!;
    expect(stateOf([taken])).toEqual({ a: 1, b: 2 });
    started.resolve();
    await batcher.settled();
    expect(batcher.takePending()).toBeNull();
  });
});
