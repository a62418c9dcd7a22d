// Polite, rate-limited announcements of remote changes (docs/design.md, rule 6). A pure reducer with the
// clock injected: the caller passes `now` and schedules a wake-up at `wakeAt`; nothing here reads
// the time or sets timers, so the batching rules are unit-tested without waiting.
//
// Rules: events are gathered for `gatherMs` after the first one arrives (one remote paste of 12
// notes in 12 transactions is one announcement, not 1 + 11), and two announcements are at least
// `intervalMs` apart. Whatever arrives in between is emitted together, as one batch.

export interface RateLimitOptions {
  /** Minimum time between two announcements. */
  intervalMs: number;
  /** How long to wait after the first pending event for others to join it. */
  gatherMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { intervalMs: 2000, gatherMs: 250 };

export interface RateLimitState<T> {
  readonly pending: readonly T[];
  /** When the first pending event arrived (null when nothing is pending). */
  readonly pendingSince: number | null;
  /** When the last batch was emitted (-Infinity before the first). */
  readonly lastEmit: number;
}

export interface RateLimitStep<T> {
  state: RateLimitState<T>;
  /** The batch to announce now, or null. */
  emit: readonly T[] | null;
  /** When to call `tick` next (null: nothing pending, no need to wake up). */
  wakeAt: number | null;
}

export function initialRateLimit<T>(): RateLimitState<T> {
  return { pending: [], pendingSince: null, lastEmit: Number.NEGATIVE_INFINITY };
}

function dueAt<T>(state: RateLimitState<T>, options: RateLimitOptions): number | null {
  if (state.pendingSince === null || state.pending.length === 0) return null;
  return Math.max(state.pendingSince + options.gatherMs, state.lastEmit + options.intervalMs);
}

/** Advances the clock: emits the pending batch when it is due. */
export function tick<T>(state: RateLimitState<T>, now: number, options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimitStep<T> {
  const due = dueAt(state, options);
  if (due === null) return { state, emit: null, wakeAt: null };
  if (now >= due) return { state: { pending: [], pendingSince: null, lastEmit: now }, emit: state.pending, wakeAt: null };
  return { state, emit: null, wakeAt: due };
}

/** Adds events that happened at `now`, then behaves like `tick`. */
export function offer<T>(state: RateLimitState<T>, events: readonly T[], now: number, options: RateLimitOptions = DEFAULT_RATE_LIMIT): RateLimitStep<T> {
  if (events.length === 0) return tick(state, now, options);
  const next: RateLimitState<T> = {
    pending: [...state.pending, ...events],
    pendingSince: state.pendingSince ?? now,
    lastEmit: state.lastEmit,
  };
  return tick(next, now, options);
}
