import { describe, expect, it } from 'vitest';
import { NOTE_COLORS, NOTE_TEXT_COLOR, compareZ, type BoardRecord } from './types';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('note colours', () => {
  it('every note colour keeps dark text readable (WCAG AA, 4.5:1)', () => {
    const text = luminance(NOTE_TEXT_COLOR);
    for (const [name, hex] of Object.entries(NOTE_COLORS)) {
      const ratio = (luminance(hex) + 0.05) / (text + 0.05);
      expect(ratio, name).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('colours are distinct', () => {
    expect(new Set(Object.values(NOTE_COLORS)).size).toBe(Object.keys(NOTE_COLORS).length);
  });
});

describe('compareZ', () => {
  it('orders by code unit, not locale, and breaks ties by id', () => {
    const r = (id: string, z: string) => ({ id, z }) as BoardRecord;
    const sorted = [r('b', 'a1'), r('a', 'a1'), r('c', 'Zz'), r('d', 'a0V')].sort(compareZ).map((x) => x.id);
    expect(sorted).toEqual(['c', 'd', 'a', 'b']);
  });
});
