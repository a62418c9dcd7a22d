import { describe, expect, it } from 'vitest';
import { FACILITATOR_COLOR, NOTE_COLOR_OF, anonymousParticipant, cleanDisplayName, pickParticipantColor, PARTICIPANT_COLORS } from './pseudonym';
import { NOTE_COLORS, isNoteColor } from '../board/types';

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

describe('colour choice', () => {
  const randoms = Array.from({ length: 101 }, (_, i) => i / 101).concat([0.999999]);

  it('a default colour is never the facilitator’s', () => {
    for (const r of randoms) {
      const color = pickParticipantColor([], () => r);
      expect(PARTICIPANT_COLORS).toContain(color);
      expect(color).not.toBe(FACILITATOR_COLOR);
    }
  });

  it('nor one someone present already has, while a free one is left', () => {
    const taken = PARTICIPANT_COLORS.slice(1, 8);
    for (const r of randoms) expect(['#5c940d', '#3b5bdb', '#f08c00']).toContain(pickParticipantColor(taken, () => r));
    // All taken: colours repeat, the facilitator's still does not.
    for (const r of randoms) expect(pickParticipantColor(PARTICIPANT_COLORS, () => r)).not.toBe(FACILITATOR_COLOR);
  });

  it('every participant colour has a note colour for that person’s new notes, and different hues get different notes', () => {
    for (const color of PARTICIPANT_COLORS) expect(isNoteColor(NOTE_COLOR_OF[color]), color).toBe(true);
    expect(new Set(Object.values(NOTE_COLOR_OF)).size).toBe(Object.keys(NOTE_COLORS).length);
    expect(NOTE_COLOR_OF['#1971c2']).toBe('blue');
    expect(NOTE_COLOR_OF['#2f9e44']).toBe('green');
    expect(NOTE_COLOR_OF['#9c36b5']).toBe('purple');
  });
});
