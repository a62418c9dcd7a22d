import { describe, expect, it } from 'vitest';
import { formatJoinCode, generateJoinCode, JOIN_CODE_ALPHABET, normalizeJoinCode } from './joinCode';

describe('join codes', () => {
  it('are six characters without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateJoinCode();
      expect(code).toHaveLength(6);
      for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
    }
    expect(JOIN_CODE_ALPHABET).not.toMatch(/[01IOL]/);
  });

  it('accept what people type: lower case, spaces, dashes', () => {
    expect(normalizeJoinCode(' k7m-2qp ')).toBe('K7M2QP');
    expect(normalizeJoinCode('k7m 2qp')).toBe('K7M2QP');
  });

  it('reject impossible input', () => {
    expect(normalizeJoinCode('K7M2Q')).toBeNull();
    expect(normalizeJoinCode('K7M2Q0')).toBeNull();
    expect(normalizeJoinCode('가나다라마바')).toBeNull();
  });

  it('read in two groups', () => {
    expect(formatJoinCode('K7M2QP')).toBe('K7M 2QP');
  });
});
