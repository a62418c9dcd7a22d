import { describe, expect, it } from 'vitest';
import { DRAG_THRESHOLD, isDoubleTap, isTap, moved, pinchFrom, pinchStep, pressed, released, type Gesture, type Press } from './gestures';
import type { Hit } from './sceneIndex';

const note: Hit = { id: 'n1', kind: 'note', part: 'body' };
const base: Press = {
  pointerId: 1, screen: { x: 100, y: 100 }, world: { x: 10, y: 10 }, button: 0, shift: false, panning: false, handleFrom: null, hit: null, selected: new Set(),
};
const identity = (p: { x: number; y: number }) => p;
const motion = (x: number, y: number, extra: { readOnly?: boolean; hit?: Hit | null; pointerId?: number } = {}) => ({
  pointerId: extra.pointerId ?? 1, screen: { x, y }, world: { x, y }, readOnly: extra.readOnly ?? false, hitAt: () => extra.hit ?? null,
});
type Single = Exclude<Gesture, { kind: 'pinch' }>;

describe('pointer gestures', () => {
  it('a press on a record selects it; with Shift it toggles; on a selected one it only moves the focus', () => {
    expect(pressed({ ...base, hit: note })).toMatchObject({ gesture: { kind: 'press', wasSelected: false }, select: { only: 'n1' } });
    expect(pressed({ ...base, hit: note, shift: true }).select).toEqual({ toggle: 'n1' });
    expect(pressed({ ...base, hit: note, selected: new Set(['n1', 'n2']) })).toMatchObject({ gesture: { wasSelected: true }, select: { focus: 'n1' } });
  });

  it('on empty canvas a press pans (and a click clears), with Shift it draws a marquee from the selection', () => {
    expect(pressed(base).gesture).toMatchObject({ kind: 'pan', clickClears: true });
    expect(pressed({ ...base, shift: true, selected: new Set(['a']) }).gesture).toMatchObject({ kind: 'marquee', base: new Set(['a']) });
    expect(pressed({ ...base, hit: note, panning: true })).toEqual({ gesture: expect.objectContaining({ kind: 'pan', clickClears: false }), select: null });
    expect(pressed({ ...base, handleFrom: 'n1' }).gesture).toMatchObject({ kind: 'connect', from: 'n1', target: null });
  });

  it('a press becomes a move only past the drag threshold, and a pan on a read-only board', () => {
    const g = pressed({ ...base, hit: note }).gesture as Single;
    expect(moved(g, motion(100 + DRAG_THRESHOLD - 1, 100), identity).intent).toEqual({ do: 'none' });
    expect(moved(g, motion(120, 100), identity).intent).toEqual({ do: 'startMove', start: { x: 100, y: 100 } });
    expect(moved(g, motion(120, 100, { readOnly: true }), identity)).toMatchObject({ gesture: { kind: 'pan', moved: false }, intent: { do: 'none' } });
  });

  it('a move reports whole-unit offsets from its start; another pointer is ignored', () => {
    const g: Single = { kind: 'move', pointerId: 1, start: { x: 0, y: 0 }, explicit: ['n1'] };
    expect(moved(g, motion(10.4, -3.6), identity).intent).toEqual({ do: 'drag', dx: 10, dy: -4 });
    expect(moved(g, motion(50, 50, { pointerId: 2 }), identity).intent).toEqual({ do: 'none' });
  });

  it('a pan moves the view by each step once past the threshold', () => {
    let g = pressed(base).gesture as Single;
    expect(moved(g, motion(101, 100), identity).intent).toEqual({ do: 'none' });
    const step = moved(g, motion(110, 95), identity);
    expect(step.intent).toEqual({ do: 'panBy', dx: 10, dy: -5 });
    g = step.gesture as Single;
    expect(moved(g, motion(111, 95), identity).intent).toEqual({ do: 'panBy', dx: 1, dy: 0 });
    expect(released(g, false)).toEqual({ do: 'none' }); // a drag, not a click: the selection stays
  });

  it('connecting targets only records a connector may join, never the start itself', () => {
    const g = pressed({ ...base, handleFrom: 'n1' }).gesture as Single;
    expect(moved(g, motion(5, 5, { hit: { id: 'n2', kind: 'note', part: 'body' } }), identity).gesture).toMatchObject({ target: 'n2' });
    expect(moved(g, motion(5, 5, { hit: { id: 'c1', kind: 'connector', part: 'body' } }), identity).gesture).toMatchObject({ target: null });
    expect(moved(g, motion(5, 5, { hit: note }), identity).gesture).toMatchObject({ target: null });
    const over = moved(g, motion(5, 5, { hit: { id: 'f1', kind: 'frame', part: 'title' } }), identity).gesture as Single;
    expect(released(over, false)).toEqual({ do: 'endConnect', from: 'n1', to: 'f1' });
    expect(released(over, true)).toEqual({ do: 'endConnect', from: 'n1', to: null });
  });

  it('releases: a click on empty canvas clears, a click on one of several selected selects just it', () => {
    expect(released(pressed(base).gesture as Single, false)).toEqual({ do: 'clearSelection' });
    expect(released(pressed(base).gesture as Single, true)).toEqual({ do: 'none' });
    const onSelected = pressed({ ...base, hit: note, selected: new Set(['n1', 'n2']) }).gesture as Single;
    expect(released(onSelected, false)).toEqual({ do: 'selectOnly', id: 'n1' });
    expect(released(pressed({ ...base, hit: note, shift: true, selected: new Set(['n1']) }).gesture as Single, false)).toEqual({ do: 'none' });
    expect(released({ kind: 'move', pointerId: 1, start: { x: 0, y: 0 }, explicit: [] }, true)).toEqual({ do: 'endMove', cancelled: true });
    expect(isTap(pressed({ ...base, hit: note }).gesture as Single)).toBe(true);
  });

  it('a pinch pans by the midpoint and zooms by the spread; two quick near taps are a double tap', () => {
    const g = pinchFrom({ x: 0, y: 0 }, { x: 100, y: 0 });
    const step = pinchStep(g, { x: 0, y: 10 }, { x: 200, y: 10 });
    expect(step.pan).toEqual({ x: 50, y: 10 });
    expect(step.zoom).toBe(2);
    expect(isDoubleTap({ at: 1000, p: { x: 0, y: 0 } }, 1200, { x: 10, y: 10 })).toBe(true);
    expect(isDoubleTap({ at: 1000, p: { x: 0, y: 0 } }, 1400, { x: 0, y: 0 })).toBe(false);
    expect(isDoubleTap({ at: 1000, p: { x: 0, y: 0 } }, 1100, { x: 30, y: 0 })).toBe(false);
    expect(isDoubleTap(null, 1100, { x: 0, y: 0 })).toBe(false);
  });
});
