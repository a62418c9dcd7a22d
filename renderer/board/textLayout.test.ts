import { describe, expect, it } from 'vitest';
import { NOTE_TEXT, REFERENCE_SIZE, cachedWidth, fitText, wrapText } from './textLayout';

// A monospace-ish measure: Hangul 1em, everything else 0.5em (at REFERENCE_SIZE px).
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) >= 0x1100 ? 1 : 0.5), 0) * REFERENCE_SIZE;

describe('note text layout', () => {
  it('wraps at spaces and keeps Korean words whole (keep-all)', () => {
    const { lines } = wrapText('골목길이 너무 어두워요', 5 * REFERENCE_SIZE, widthOf);
    expect(lines).toEqual(['골목길이', '너무', '어두워요']);
  });

  it('breaks a word only when it alone is wider than the line', () => {
    expect(wrapText('가나다라마바사', 3 * REFERENCE_SIZE, widthOf).lines).toEqual(['가나다', '라마바', '사']);
    expect(wrapText('ab 가나다라마바사', 3 * REFERENCE_SIZE, widthOf).lines).toEqual(['ab', '가나다', '라마바', '사']);
  });

  it('keeps explicit newlines and empty lines', () => {
    expect(wrapText('첫 줄\n\n셋째', 10 * REFERENCE_SIZE, widthOf).lines).toEqual(['첫 줄', '', '셋째']);
  });

  it('uses the largest font that fits, shrinking for longer text', () => {
    const box = { w: 160, h: 110 };
    const short = fitText('주차', box, widthOf);
    const long = fitText('버스 정류장에 안내판이 없어서 어르신들이 어디서 타야 하는지 몰라요', box, widthOf);
    expect(short.fontSize).toBe(NOTE_TEXT.maxFont);
    expect(long.fontSize).toBeLessThan(short.fontSize);
    expect(long.fontSize).toBeGreaterThanOrEqual(NOTE_TEXT.minFont);
    expect(long.truncated).toBe(false);
    // It really fits: lines × line height within the padded box, every line within the width.
    expect(long.lines.length * long.lineHeight).toBeLessThanOrEqual(box.h - 2 * NOTE_TEXT.padding + 0.01);
    for (const w of long.widths) expect(w).toBeLessThanOrEqual(box.w - 2 * NOTE_TEXT.padding + 0.01);
    // One size larger would not have fitted.
    const bigger = wrapText(long.lines.join(' '), ((box.w - 2 * NOTE_TEXT.padding) * REFERENCE_SIZE) / (long.fontSize + 1), widthOf);
    expect(bigger.lines.length * (long.fontSize + 1) * NOTE_TEXT.lineHeight).toBeGreaterThan(box.h - 2 * NOTE_TEXT.padding);
  });

  it('stops at the minimum size and ends what does not fit with an ellipsis', () => {
    const text = Array.from({ length: 80 }, () => '주민 의견').join(' ');
    const layout = fitText(text, { w: 160, h: 110 }, widthOf);
    expect(layout.fontSize).toBe(NOTE_TEXT.minFont);
    expect(layout.truncated).toBe(true);
    expect(layout.lines.at(-1)!.endsWith('…')).toBe(true);
    expect(layout.lines.length * layout.lineHeight).toBeLessThanOrEqual(110 - 2 * NOTE_TEXT.padding + 0.01);
  });

  it('empty text lays out to nothing', () => {
    expect(fitText('', { w: 160, h: 120 }, widthOf).lines).toEqual([]);
  });

  it('memoises widths and can be cleared when a font arrives', () => {
    let calls = 0;
    const measure = cachedWidth((s) => {
      calls++;
      return s.length;
    });
    measure('가나');
    measure('가나');
    expect(calls).toBe(1);
    measure.clear();
    measure('가나');
    expect(calls).toBe(2);
  });
});
