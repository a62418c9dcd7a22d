import { describe, expect, it } from 'vitest';
import { AUTHOR_FONT_SIZE, LOD_LINES_SCALE, LOD_TEXT_SCALE, chooseLod, showsAuthor } from './lod';

describe('level of detail', () => {
  it('draws text only where it is legible, hints it further out, and plain blocks furthest', () => {
    expect(chooseLod(1)).toBe('full');
    expect(chooseLod(LOD_TEXT_SCALE)).toBe('full');
    expect(chooseLod(0.3)).toBe('lines');
    expect(chooseLod(LOD_LINES_SCALE)).toBe('lines');
    expect(chooseLod(0.063)).toBe('blocks'); // 5,000 notes fitted into 1600×900
  });

  it('does not flicker when a pinch hovers around a threshold', () => {
    const just = LOD_TEXT_SCALE * 0.97;
    expect(chooseLod(just)).toBe('lines');
    expect(chooseLod(just, 'full')).toBe('full');
    expect(chooseLod(LOD_TEXT_SCALE * 1.03, 'lines')).toBe('lines');
    expect(chooseLod(LOD_TEXT_SCALE * 0.8, 'full')).toBe('lines');
    expect(chooseLod(LOD_LINES_SCALE * 0.97, 'lines')).toBe('lines');
    expect(chooseLod(LOD_LINES_SCALE * 0.5, 'lines')).toBe('blocks');
  });

  it('draws authors only where their names are at least 12 px on screen, and 14 px at 100%', () => {
    expect(AUTHOR_FONT_SIZE).toBe(14);
    expect(showsAuthor(1)).toBe(true);
    expect(showsAuthor(12 / 14)).toBe(true);
    expect(showsAuthor(0.85)).toBe(false);
    expect(showsAuthor(0.5)).toBe(false);
  });
});
