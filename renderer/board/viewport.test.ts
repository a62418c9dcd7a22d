import { describe, expect, it } from 'vitest';
import {
  MAX_SCALE, MIN_SCALE, clampScale, fitRect, panBy, rectFromPoints, screenToWorld, visibleWorldRect, wheelZoomFactor, wheelViewport, revealViewport, worldToScreen, zoomAt,
  type Viewport,
} from './viewport';

describe('viewport math', () => {
  it('screen ↔ world round-trips', () => {
    const vp: Viewport = { x: 120, y: -40, scale: 0.37 };
    for (const p of [{ x: 0, y: 0 }, { x: 800, y: 450 }, { x: -30, y: 1e4 }]) {
      const back = worldToScreen(vp, screenToWorld(vp, p));
      expect(back.x).toBeCloseTo(p.x, 9);
      expect(back.y).toBeCloseTo(p.y, 9);
    }
  });

  it('zoom to cursor keeps the world point under the cursor fixed', () => {
    let vp: Viewport = { x: 37, y: 91, scale: 1 };
    const cursors = [{ x: 800, y: 450 }, { x: 10, y: 880 }, { x: 1599, y: 3 }];
    for (const c of cursors) {
      for (const scale of [0.05, 0.33, 1.7, 3.9]) {
        const before = screenToWorld(vp, c);
        vp = zoomAt(vp, scale, c.x, c.y);
        const after = screenToWorld(vp, c);
        expect(after.x).toBeCloseTo(before.x, 6);
        expect(after.y).toBeCloseTo(before.y, 6);
        expect(vp.scale).toBe(scale);
      }
    }
  });

  it('clamps the zoom range and ignores nonsense', () => {
    expect(clampScale(100)).toBe(MAX_SCALE);
    expect(clampScale(0)).toBe(MIN_SCALE);
    expect(clampScale(Number.NaN)).toBe(1);
    const vp = zoomAt({ x: 0, y: 0, scale: 1 }, 1e6, 100, 100);
    expect(vp.scale).toBe(MAX_SCALE);
    // Even clamped, the point under the cursor stays put.
    expect(screenToWorld(vp, { x: 100, y: 100 }).x).toBeCloseTo(100, 6);
  });

  it('pans by screen pixels', () => {
    expect(panBy({ x: 5, y: 6, scale: 2 }, 10, -6)).toEqual({ x: 15, y: 0, scale: 2 });
  });

  it('fit shows the whole content centred, never zooming in past 100%', () => {
    const bounds = { x: -500, y: 200, w: 12_000, h: 9_000 };
    const vp = fitRect(bounds, 1600, 900, 64, 1);
    const seen = visibleWorldRect(vp, 1600, 900);
    expect(seen.x).toBeLessThanOrEqual(bounds.x);
    expect(seen.y).toBeLessThanOrEqual(bounds.y);
    expect(seen.x + seen.w).toBeGreaterThanOrEqual(bounds.x + bounds.w);
    expect(seen.y + seen.h).toBeGreaterThanOrEqual(bounds.y + bounds.h);
    const centre = worldToScreen(vp, { x: bounds.x + bounds.w / 2, y: bounds.y + bounds.h / 2 });
    expect(centre.x).toBeCloseTo(800, 6);
    expect(centre.y).toBeCloseTo(450, 6);
    expect(fitRect({ x: 0, y: 0, w: 100, h: 100 }, 1600, 900).scale).toBe(1);
    // An empty board: origin in the middle at 100%.
    expect(fitRect(null, 1600, 900)).toEqual({ scale: 1, x: 800, y: 450 });
  });

  it('wheel zoom is smooth, symmetric and bounded per event', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 9);
    expect(wheelZoomFactor(-1e6)).toBe(wheelZoomFactor(-120));
    expect(wheelZoomFactor(3, 1)).toBe(wheelZoomFactor(48, 0)); // lines → pixels
  });

  it('builds rectangles from two corners in any order', () => {
    expect(rectFromPoints({ x: 10, y: 50 }, { x: -10, y: 20 })).toEqual({ x: -10, y: 20, w: 20, h: 30 });
  });
});

describe('wheel and reveal', () => {
  const vp: Viewport = { x: 0, y: 0, scale: 1 };
  const wheel = { deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false };

  it('a wheel pans (Shift: sideways, lines count 16 px); with Ctrl it zooms about the cursor', () => {
    expect(wheelViewport(vp, { ...wheel, deltaY: 30 }, { x: 0, y: 0 }, 500)).toEqual({ x: 0, y: -30, scale: 1 });
    expect(wheelViewport(vp, { ...wheel, deltaY: 30, shiftKey: true }, { x: 0, y: 0 }, 500)).toEqual({ x: -30, y: 0, scale: 1 });
    expect(wheelViewport(vp, { ...wheel, deltaY: 2, deltaMode: 1 }, { x: 0, y: 0 }, 500)).toEqual({ x: 0, y: -32, scale: 1 });
    const zoomed = wheelViewport(vp, { ...wheel, deltaY: -100, ctrlKey: true }, { x: 200, y: 100 }, 500);
    expect(zoomed.scale).toBeGreaterThan(1);
    // The board point under the cursor stays under it.
    expect(screenToWorld(zoomed, { x: 200, y: 100 })).toEqual({ x: 200, y: 100 });
  });

  it('reveal leaves a record in view alone, centres one out of view, and zooms out for one too big', () => {
    expect(revealViewport(vp, { x: 10, y: 10, w: 100, h: 100 }, 800, 600)).toBeNull();
    expect(revealViewport(vp, { x: 2000, y: 1000, w: 100, h: 100 }, 800, 600)).toEqual({ scale: 1, x: 400 - 2050, y: 300 - 1050 });
    const big = revealViewport(vp, { x: 2000, y: 0, w: 4000, h: 100 }, 800, 600)!;
    expect(big.scale).toBeLessThan(1);
  });
});
