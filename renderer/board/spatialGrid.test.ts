import { describe, expect, it } from 'vitest';
import { SpatialGrid } from './spatialGrid';
import type { Rect } from './viewport';

function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

const overlaps = (a: Rect, b: Rect) => a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;

describe('spatial grid (culling and hit-testing by geometry)', () => {
  it('answers rectangle queries exactly like a brute-force scan, each item once', () => {
    const grid = new SpatialGrid(256);
    const random = seeded(42);
    const items = new Map<string, Rect>();
    for (let i = 0; i < 3000; i++) {
      const r = { x: random() * 20_000 - 5_000, y: random() * 10_000, w: 20 + random() * 600, h: 20 + random() * 400 };
      items.set(`n${i}`, r);
      grid.set(`n${i}`, r);
    }
    for (let q = 0; q < 50; q++) {
      const rect = { x: random() * 20_000 - 6_000, y: random() * 10_000 - 500, w: random() * 3_000, h: random() * 2_000 };
      const found = grid.query(rect);
      const expected = [...items].filter(([, r]) => overlaps(r, rect)).map(([id]) => id);
      expect(new Set(found).size).toBe(found.length);
      expect(found.sort()).toEqual(expected.sort());
    }
  });

  it('a viewport query visits only nearby cells, not the whole board', () => {
    const grid = new SpatialGrid(512);
    for (let i = 0; i < 5000; i++) grid.set(`n${i}`, { x: (i % 71) * 180, y: Math.floor(i / 71) * 140, w: 160, h: 120 });
    const onScreen = grid.query({ x: 0, y: 0, w: 1600, h: 900 });
    expect(onScreen.length).toBeGreaterThan(40);
    expect(onScreen.length).toBeLessThan(80);
    expect(grid.lastCellsVisited).toBeLessThanOrEqual(4 * 3);
    // Zoomed all the way out, everything comes back.
    expect(grid.query({ x: -1e5, y: -1e5, w: 2e5, h: 2e5 })).toHaveLength(5000);
  });

  it('moves and removes items', () => {
    const grid = new SpatialGrid(100);
    grid.set('a', { x: 0, y: 0, w: 50, h: 50 });
    grid.set('b', { x: 1000, y: 1000, w: 50, h: 50 });
    expect(grid.queryPoint(25, 25)).toEqual(['a']);
    grid.set('a', { x: 2000, y: 2000, w: 50, h: 50 });
    expect(grid.queryPoint(25, 25)).toEqual([]);
    expect(grid.queryPoint(2010, 2010)).toEqual(['a']);
    expect(grid.delete('a')).toBe(true);
    expect(grid.delete('a')).toBe(false);
    expect(grid.size).toBe(1);
    expect(grid.queryPoint(2010, 2010)).toEqual([]);
  });

  it('point queries with slop hit thin or nearby targets', () => {
    const grid = new SpatialGrid(64);
    grid.set('line', { x: 0, y: 100, w: 500, h: 0 });
    expect(grid.queryPoint(250, 104)).toEqual([]);
    expect(grid.queryPoint(250, 104, 6)).toEqual(['line']);
  });

  it('keeps huge items out of the cells and still finds them', () => {
    const grid = new SpatialGrid(16);
    grid.set('huge', { x: -1e6, y: -1e6, w: 2e6, h: 2e6 });
    grid.set('small', { x: 5, y: 5, w: 10, h: 10 });
    expect(grid.queryPoint(10, 10).sort()).toEqual(['huge', 'small']);
    expect(grid.queryPoint(5e5, 5e5)).toEqual(['huge']);
    grid.set('huge', { x: 0, y: 0, w: 8, h: 8 });
    expect(grid.queryPoint(5e5, 5e5)).toEqual([]);
  });
});
