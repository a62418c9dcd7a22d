import { describe, expect, it } from 'vitest';
import { initialRateLimit, offer, tick, type RateLimitState } from './rateLimit';

const options = { intervalMs: 2000, gatherMs: 250 };

/** Drives the limiter like the hook does: offer at given times, wake up when asked, record emissions. */
function run(arrivals: Array<[number, string[]]>, until: number): Array<[number, readonly string[]]> {
  const out: Array<[number, readonly string[]]> = [];
  let state: RateLimitState<string> = initialRateLimit();
  let wakeAt: number | null = null;
  const queue = [...arrivals];
  for (let now = 0; now <= until; now++) {
    while (queue[0] && queue[0][0] === now) {
      const [, events] = queue.shift()!;
      const step = offer(state, events, now, options);
      state = step.state;
      wakeAt = step.wakeAt;
      if (step.emit) out.push([now, step.emit]);
    }
    if (wakeAt !== null && now >= wakeAt) {
      const step = tick(state, now, options);
      state = step.state;
      wakeAt = step.wakeAt;
      if (step.emit) out.push([now, step.emit]);
    }
  }
  return out;
}

describe('announcement rate limiter (pure, clock injected)', () => {
  it('gathers briefly, then emits one batch', () => {
    const first = offer(initialRateLimit<string>(), ['a'], 1000, options);
    expect(first.emit).toBeNull();
    expect(first.wakeAt).toBe(1250);
    expect(tick(first.state, 1249, options).emit).toBeNull();
    const due = tick(first.state, 1250, options);
    expect(due.emit).toEqual(['a']);
    expect(due.wakeAt).toBeNull();
    expect(due.state.pending).toEqual([]);
  });

  it('nothing pending: nothing to emit and no wake-up', () => {
    const step = tick(initialRateLimit<string>(), 5000, options);
    expect(step).toMatchObject({ emit: null, wakeAt: null });
    expect(offer(initialRateLimit<string>(), [], 5000, options)).toMatchObject({ emit: null, wakeAt: null });
  });

  it('a burst arriving one by one is one announcement', () => {
    const arrivals: Array<[number, string[]]> = Array.from({ length: 12 }, (_, i) => [i * 10, [`n${i}`]]);
    expect(run(arrivals, 10_000)).toEqual([[250, arrivals.flatMap(([, e]) => e)]]);
  });

  it('never two announcements less than the interval apart; what comes in between is batched', () => {
    const arrivals: Array<[number, string[]]> = [[0, ['a']], [500, ['b']], [900, ['c']], [1500, ['d']], [6000, ['e']]];
    expect(run(arrivals, 10_000)).toEqual([
      [250, ['a']],
      [2250, ['b', 'c', 'd']],
      [6250, ['e']],
    ]);
  });

  it('a steady stream is announced at most once every two seconds', () => {
    const arrivals: Array<[number, string[]]> = Array.from({ length: 100 }, (_, i) => [i * 100, [`n${i}`]]);
    const out = run(arrivals, 20_000);
    for (let i = 1; i < out.length; i++) expect(out[i]![0] - out[i - 1]![0]).toBeGreaterThanOrEqual(2000);
    expect(out.flatMap(([, e]) => e)).toHaveLength(100);
  });

  it('does not mutate the state it is given', () => {
    const start = initialRateLimit<string>();
    const step = offer(start, ['a'], 0, options);
    expect(start.pending).toEqual([]);
    offer(step.state, ['b'], 10, options);
    expect(step.state.pending).toEqual(['a']);
  });
});
