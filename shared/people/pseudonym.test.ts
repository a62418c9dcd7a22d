import { describe, expect, it } from 'vitest';
import { anonymousParticipant, cleanDisplayName, PARTICIPANT_COLORS } from './pseudonym';

describe('anonymous participants', () => {
  it('get a translated animal name with a number and a palette colour', () => {
    const values = [0.5, 0.1, 0.99];
    const p = anonymousParticipant('호랑이,까치', (a) => `익명 ${a}`, () => values.shift() ?? 0);
    expect(p.name).toBe('익명 까치 10');
    expect(PARTICIPANT_COLORS).toContain(p.color);
  });

  it('display names lose control characters and are kept short', () => {
    expect(cleanDisplayName('  김\u0000민수\u202e  ')).toBe('김민수');
    expect(cleanDisplayName('a'.repeat(100))).toHaveLength(40);
  });
});
