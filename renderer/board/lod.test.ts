import { describe, expect, it } from 'vitest';
import { LOD_LINES_SCALE, LOD_TEXT_SCALE, chooseLod, showsSmallPrint } from './lod';

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

  it('small print (authors) only from 60%', () => {
    expect(showsSmallPrint(0.59)).toBe(false);
    expect(showsSmallPrint(0.6)).toBe(true);
  });
});
