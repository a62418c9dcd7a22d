// Counts failed attempts per key (remote IP) in a fixed window, against guessing join codes.
export type FailureLimits = { maxFailures: number; windowMs: number };

export const JOIN_FAILURE_LIMITS: FailureLimits = { maxFailures: 10, windowMs: 60_000 };

export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limits: FailureLimits = JOIN_FAILURE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** True once `maxFailures` failures fell inside the current window; success does not reset it. */
  isBlocked(key: string): boolean {
    const entry = this.current(key);
    return entry !== undefined && entry.count >= this.limits.maxFailures;
  }

  fail(key: string): void {
    const entry = this.current(key);
    if (entry) entry.count += 1;
    else this.failures.set(key, { count: 1, since: this.now() });
    if (this.failures.size > 1000) this.prune();
  }

  private current(key: string) {
    const entry = this.failures.get(key);
    if (entry && this.now() - entry.since >= this.limits.windowMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) this.current(key);
  }
}
