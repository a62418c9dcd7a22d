// The write policy of board persistence, kept pure: updates are merged in memory and written as
// one row at most every `intervalMs`, one write at a time; a failed write keeps its data, is
// reported, and is retried with back-off. Time comes from an injected clock, so tests need no sleeps.
import * as Y from 'yjs';

export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface BatcherOptions {
  /** Stores one merged update; resolves when it is durable, rejects when it is not. */
  write(update: Uint8Array): Promise<void>;
  /** Called once when writes start failing (again), with the error of the first failed write. */
  onWriteError?(error: unknown): void;
  /** Called when a write succeeds after failures. */
  onRecovered?(): void;
  clock?: Clock;
  /** Longest time an update waits in memory before its write starts. */
  intervalMs?: number;
  /** Retry delays after failures: doubles from the first value up to the second. */
  retryMs?: readonly [first: number, max: number];
}

export class UpdateBatcher {
  private pending: Uint8Array[] = [];
  private timer: unknown = null;
  private timerIsRetry = false;
  /** The write in progress (there is never more than one), and what it writes. */
  private writing: Promise<boolean> | null = null;
  private inFlight: Uint8Array | null = null;
  private failures = 0;
  private closed = false;
  private readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly retryMs: readonly [number, number];

  constructor(private readonly options: BatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? 500;
    this.retryMs = options.retryMs ?? [1_000, 30_000];
  }

  /** Updates waiting in memory (a merged failed batch counts as one). */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** True when nothing waits in memory and no write is in progress. */
  get idle(): boolean {
    return this.pending.length === 0 && this.writing === null;
  }

  /** True while the last write failed and its data is still waiting for a retry. */
  get failing(): boolean {
    return this.failures > 0;
  }

  add(update: Uint8Array): void {
    if (this.closed) return;
    this.pending.push(update);
    // During a failure streak the retry timer decides when to write next.
    if (this.timer === null && !this.writing) this.schedule(this.intervalMs, false);
  }

  /**
   * Writes everything added so far, now. Resolves true when all of it is stored, false when a
   * write failed (the data stays pending and a retry is scheduled unless the batcher is closed).
   */
  async flush(): Promise<boolean> {
    // Chain behind a write in progress: updates added meanwhile must not overtake it.
    while (this.writing) await this.writing;
    if (this.pending.length === 0) return this.failures === 0;
    this.cancelTimer();
    return this.writeNow();
  }

  /** Resolves when no write is in progress (without starting one). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /**
   * Takes the pending updates out, merged, for a caller that must store them synchronously
   * (page unload). If that store fails, give them back with `restore`. A write in progress is
   * included too: at unload its asynchronous transaction may never start, and storing an update
   * twice is harmless (Yjs applies it once).
   */
  takePending(): Uint8Array | null {
    const updates = this.inFlight ? [this.inFlight, ...this.pending] : this.pending;
    if (updates.length === 0) return null;
    this.cancelTimer();
    const merged = merge(updates);
    this.pending = [];
    return merged;
  }

  restore(update: Uint8Array): void {
    this.pending.unshift(update);
    if (this.timer === null && !this.writing && !this.closed) this.schedule(this.intervalMs, false);
  }

  /** Flushes, then stops: later `add` calls are ignored and failed data is no longer retried. */
  async close(): Promise<boolean> {
    const ok = await this.flush();
    this.closed = true;
    this.cancelTimer();
    return ok;
  }

  private schedule(ms: number, retry: boolean): void {
    this.timerIsRetry = retry;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.writeNow();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerIsRetry = false;
  }

  private writeNow(): Promise<boolean> {
    if (this.writing) return this.writing;
    if (this.pending.length === 0) return Promise.resolve(this.failures === 0);
    const batch = merge(this.pending);
    this.pending = [];
    this.inFlight = batch;
    const attempt = (async () => {
      try {
        await this.options.write(batch);
      } catch (error) {
        // Keep the data, in front of anything added meanwhile (order does not matter to Yjs,
        // but one merged row is smaller than two).
        this.pending.unshift(batch);
        if (this.failures++ === 0) this.options.onWriteError?.(error);
        return false;
      } finally {
        this.writing = null;
        this.inFlight = null;
      }
      if (this.failures > 0) {
        this.failures = 0;
        this.options.onRecovered?.();
      }
      return true;
    })();
    this.writing = attempt;
    void attempt.then((ok) => {
      if (this.closed || this.pending.length === 0 || this.timer !== null) return;
      if (ok) this.schedule(this.intervalMs, false);
      else this.schedule(Math.min(this.retryMs[1], this.retryMs[0] * 2 ** (this.failures - 1)), true);
    });
    return attempt;
  }

  /** For tests: whether the timer that is set is a retry after a failure. */
  get retryScheduled(): boolean {
    return this.timer !== null && this.timerIsRetry;
  }
}

function merge(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}
