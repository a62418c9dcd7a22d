// The submission outbox: packages waiting for a portal, each with its idempotency key, attempts
// and status (queued → sent → accepted | rejected). Storage is an interface (Dexie in the app,
// memory in tests); the worker is plain logic with the clock and the adapter passed in, so every
// retry path is testable. An item is marked `sent` (and its next attempt scheduled) before the
// request goes out: a crash mid-request leaves it to be sent again with the same key, which the
// portal answers as it answered the first time.
import type { Profile } from '../package/schema';
import type { RejectionReason } from './contract';

export const OUTBOX_STATUSES = ['queued', 'sent', 'accepted', 'rejected'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxItem {
  /** Also the Idempotency-Key: one item, one key, for every attempt. */
  id: string;
  sessionId: string;
  profile: Profile;
  packageId: string;
  /** The package JSON, fixed when queued: every attempt sends the same bytes. */
  body: string;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms; a queued or sent item is due from then on. */
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
  /** Why the last attempt did not finish ('' when none): `network`, `timeout`, `http 503`… */
  lastError: string;
  /** The portal's reasons for a rejection. */
  reasons: RejectionReason[];
  submissionId: string | null;
}

export interface OutboxStore {
  put(item: OutboxItem): Promise<void>;
  get(id: string): Promise<OutboxItem | undefined>;
  list(): Promise<OutboxItem[]>;
}

export class MemoryOutboxStore implements OutboxStore {
  private readonly items = new Map<string, OutboxItem>();
  async put(item: OutboxItem): Promise<void> {
    this.items.set(item.id, structuredClone(item));
  }
  async get(id: string): Promise<OutboxItem | undefined> {
    const item = this.items.get(id);
    return item && structuredClone(item);
  }
  async list(): Promise<OutboxItem[]> {
    return [...this.items.values()].map((item) => structuredClone(item));
  }
}

export type SubmitOutcome =
  | { kind: 'accepted'; submissionId: string | null }
  | { kind: 'rejected'; reasons: RejectionReason[] }
  | { kind: 'retry'; error: string; retryAfterMs?: number };

/** One way to reach one portal. */
export interface PortalAdapter {
  submit(request: { idempotencyKey: string; body: string }): Promise<SubmitOutcome>;
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts the item stays queued but is only retried by hand. */
  maxAttempts: number;
}
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, maxMs: 10 * 60_000, maxAttempts: 50 };

/** Exponential back-off: base, 2×base, 4×base… up to max (no jitter: one client per outbox). */
export function backoffMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, Math.min(30, attempts - 1)));
}

export function newOutboxItem(init: { id: string; sessionId: string; profile: Profile; packageId: string; body: string; now: number }): OutboxItem {
  return {
    id: init.id, sessionId: init.sessionId, profile: init.profile, packageId: init.packageId, body: init.body,
    status: 'queued', attempts: 0, nextAttemptAt: init.now, createdAt: init.now, updatedAt: init.now, lastError: '', reasons: [], submissionId: null,
  };
}

export function isDue(item: OutboxItem, now: number, policy: RetryPolicy = DEFAULT_RETRY): boolean {
  return (item.status === 'queued' || item.status === 'sent') && item.nextAttemptAt <= now && item.attempts < policy.maxAttempts;
}

/** Sends every due item once, in the order they were queued; returns the items it changed. */
export async function processOutbox(store: OutboxStore, adapter: PortalAdapter, options: { now: () => number; policy?: RetryPolicy }): Promise<OutboxItem[]> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const due = (await store.list()).filter((item) => isDue(item, options.now(), policy)).sort((a, b) => a.createdAt - b.createdAt);
  const changed: OutboxItem[] = [];
  for (const queued of due) {
    const attempts = queued.attempts + 1;
    const sent: OutboxItem = { ...queued, status: 'sent', attempts, nextAttemptAt: options.now() + backoffMs(attempts, policy), updatedAt: options.now() };
    await store.put(sent);
    let outcome: SubmitOutcome;
    try {
      outcome = await adapter.submit({ idempotencyKey: sent.id, body: sent.body });
    } catch (error) {
      outcome = { kind: 'retry', error: `adapter: ${(error as Error).message}` };
    }
    const now = options.now();
    const next: OutboxItem = outcome.kind === 'accepted'
      ? { ...sent, status: 'accepted', submissionId: outcome.submissionId, lastError: '', reasons: [], updatedAt: now }
      : outcome.kind === 'rejected'
        ? { ...sent, status: 'rejected', reasons: outcome.reasons, lastError: '', updatedAt: now }
        : { ...sent, status: 'queued', lastError: outcome.error, updatedAt: now, nextAttemptAt: now + Math.max(backoffMs(attempts, policy), outcome.retryAfterMs ?? 0) };
    await store.put(next);
    changed.push(next);
  }
  return changed;
}

/**
 * Runs processOutbox whenever asked (a new item, the network back, a timer), never two at once:
 * a request while one runs makes exactly one more run after it.
 */
export class OutboxWorker {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly store: OutboxStore, private readonly adapter: PortalAdapter, private readonly options: { now: () => number; policy?: RetryPolicy; onChange?: (items: OutboxItem[]) => void }) {}

  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const changed = await processOutbox(this.store, this.adapter, this.options);
          if (changed.length) this.options.onChange?.(changed);
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** When the next item is due (epoch ms), or null when nothing waits. */
  async nextDueAt(): Promise<number | null> {
    const policy = this.options.policy ?? DEFAULT_RETRY;
    const waiting = (await this.store.list()).filter((i) => (i.status === 'queued' || i.status === 'sent') && i.attempts < policy.maxAttempts);
    return waiting.length ? Math.min(...waiting.map((i) => i.nextAttemptAt)) : null;
  }
}
