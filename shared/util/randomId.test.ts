import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from './randomId';

describe('randomId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('works where crypto.randomUUID does not exist (plain http on the LAN)', () => {
    const crypto = { getRandomValues: <T extends Uint8Array>(a: T) => { for (let i = 0; i < a.length; i++) a[i] = (i * 37) & 0xff; return a; } };
    vi.stubGlobal('crypto', crypto);
    expect(randomId()).toBe('00254a6f94b9de03284d7297bce1062b');
  });

  it('gives 32 hex characters that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => randomId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
