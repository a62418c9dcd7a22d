// Fractional-index keys (z) that never throw: concurrent inserts can leave equal keys, and a buggy
// or foreign peer can leave an invalid one; a command must still succeed.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export function keyBetween(lo: string | null, hi: string | null): string {
  if (lo !== null && hi !== null && lo >= hi) hi = null;
  for (const [a, b] of [[lo, hi], [lo, null], [null, hi]] as const) {
    try {
      return generateKeyBetween(a, b);
    } catch {
      // fall through to a looser bound
    }
  }
  return generateKeyBetween(null, null);
}

export function keysAfter(lo: string | null, n: number): string[] {
  try {
    return generateNKeysBetween(lo, null, n);
  } catch {
    return generateNKeysBetween(null, null, n);
  }
}
