import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './limiter';

describe('failure limiter', () => {
  it('blocks a key after the allowed failures until the window passes, per key', () => {
    let now = 0;
    const limiter = new FailureLimiter({ maxFailures: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.isBlocked('10.0.0.2')).toBe(false);
      limiter.fail('10.0.0.2');
    }
    expect(limiter.isBlocked('10.0.0.2')).toBe(true);
    expect(limiter.isBlocked('10.0.0.3')).toBe(false);
    now = 59_999;
    expect(limiter.isBlocked('10.0.0.2')).toBe(true);
    now = 60_000;
    expect(limiter.isBlocked('10.0.0.2')).toBe(false);
  });
});
