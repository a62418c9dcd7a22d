// The canvas's pointer gestures as a pure state machine: what a press starts, what a move means,
// what a release does. BoardRenderer feeds it pointer events (with what is under the pointer) and
// carries out the intents it returns — selecting, panning, dragging, drawing a marquee or a
// connector — so every rule here is unit-tested without a DOM or Konva.
import { capabilities } from '../../shared/board/records/registry';
import type { Hit } from './sceneIndex';
import { rectFromPoints, type Point, type Rect } from './viewport';

export type Gesture =
  | { kind: 'pan'; pointerId: number; last: Point; moved: boolean; clickClears: boolean }
  | { kind: 'press'; pointerId: number; start: Point; hit: Hit; wasSelected: boolean; shift: boolean }
  | { kind: 'move'; pointerId: number; start: Point; explicit: string[] }
  | { kind: 'marquee'; pointerId: number; start: Point; current: Point; base: Set<string> }
  | { kind: 'connect'; pointerId: number; from: string; current: Point; target: string | null }
  | { kind: 'pinch'; distance: number; mid: Point };

/** Screen pixels a press must travel before it is a drag, not a click. */
export const DRAG_THRESHOLD = 4;

export interface Press {
  pointerId: number;
  /** Where, in screen pixels (host-relative) and in board coordinates. */
  screen: Point;
  world: Point;
  button: number;
  shift: boolean;
  /** Space held, or the middle button: the press pans whatever is under it. */
  panning: boolean;
  /** The connection handle was pressed: the record to connect from (null when not, or read-only). */
  handleFrom: string | null;
  /** The topmost record under the pointer. */
  hit: Hit | null;
  selected: ReadonlySet<string>;
}

/** What a press does to the selection. */
export type PressSelection = { toggle: string } | { only: string } | { focus: string } | null;

/** The gesture a press starts, and what it does to the selection right away. */
export function pressed(p: Press): { gesture: Gesture; select: PressSelection } {
  if (p.handleFrom) return { gesture: { kind: 'connect', pointerId: p.pointerId, from: p.handleFrom, current: p.world, target: null }, select: null };
  if (p.panning) return { gesture: panFrom(p.pointerId, p.screen, false), select: null };
  if (!p.hit) {
    if (p.shift) return { gesture: { kind: 'marquee', pointerId: p.pointerId, start: p.world, current: p.world, base: new Set(p.selected) }, select: null };
    // A click on empty canvas clears the selection (a drag pans instead).
    return { gesture: panFrom(p.pointerId, p.screen, true), select: null };
  }
  const wasSelected = p.selected.has(p.hit.id);
  const select: PressSelection = p.shift ? { toggle: p.hit.id } : wasSelected ? { focus: p.hit.id } : { only: p.hit.id };
  return { gesture: { kind: 'press', pointerId: p.pointerId, start: p.screen, hit: p.hit, wasSelected, shift: p.shift }, select };
}

export function panFrom(pointerId: number, at: Point, clickClears: boolean): Gesture {
  return { kind: 'pan', pointerId, last: at, moved: false, clickClears };
}

export interface Motion {
  pointerId: number;
  screen: Point;
  world: Point;
  readOnly: boolean;
  /** The record under the pointer, asked only while connecting. */
  hitAt(): Hit | null;
}

export type MoveIntent =
  | { do: 'none' }
  | { do: 'panBy'; dx: number; dy: number }
  /** A press became a drag: start moving the selection from `start` (board coordinates of the press). */
  | { do: 'startMove'; start: Point }
  /** The dragged records are `dx, dy` (whole board units) from where they were. */
  | { do: 'drag'; dx: number; dy: number }
  | { do: 'marquee'; rect: Rect; base: ReadonlySet<string> }
  | { do: 'connecting' };

/** A pointer moved during a gesture (not a pinch): the next state and what to do. */
export function moved(g: Exclude<Gesture, { kind: 'pinch' }>, m: Motion, screenToWorld: (p: Point) => Point): { gesture: Gesture; intent: MoveIntent } {
  if (g.pointerId !== m.pointerId) return { gesture: g, intent: { do: 'none' } };
  switch (g.kind) {
    case 'pan': {
      const dx = m.screen.x - g.last.x;
      const dy = m.screen.y - g.last.y;
      if (!g.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return { gesture: g, intent: { do: 'none' } };
      return { gesture: { ...g, moved: true, last: m.screen }, intent: { do: 'panBy', dx, dy } };
    }
    case 'press': {
      if (Math.hypot(m.screen.x - g.start.x, m.screen.y - g.start.y) < DRAG_THRESHOLD) return { gesture: g, intent: { do: 'none' } };
      // On a read-only board nothing moves: the drag pans the view instead.
      if (m.readOnly) return { gesture: panFrom(g.pointerId, m.screen, false), intent: { do: 'none' } };
      return { gesture: g, intent: { do: 'startMove', start: screenToWorld(g.start) } };
    }
    case 'move':
      return { gesture: g, intent: { do: 'drag', dx: Math.round(m.world.x - g.start.x), dy: Math.round(m.world.y - g.start.y) } };
    case 'marquee':
      return { gesture: { ...g, current: m.world }, intent: { do: 'marquee', rect: rectFromPoints(g.start, m.world), base: g.base } };
    case 'connect': {
      const hit = m.hitAt();
      const target = hit && hit.id !== g.from && capabilities(hit.kind).linkable ? hit.id : null;
      return { gesture: { ...g, current: m.world, target }, intent: { do: 'connecting' } };
    }
  }
}

export type ReleaseIntent =
  | { do: 'none' }
  | { do: 'clearSelection' }
  /** A click on one of several selected records (no drag) selects just that one. */
  | { do: 'selectOnly'; id: string }
  | { do: 'endMove'; cancelled: boolean }
  | { do: 'endMarquee' }
  | { do: 'endConnect'; from: string; to: string | null };

/** The gesture's pointer was released (or cancelled). */
export function released(g: Exclude<Gesture, { kind: 'pinch' }>, cancelled: boolean): ReleaseIntent {
  switch (g.kind) {
    case 'pan':
      return !g.moved && g.clickClears && !cancelled ? { do: 'clearSelection' } : { do: 'none' };
    case 'press':
      return !cancelled && g.wasSelected && !g.shift ? { do: 'selectOnly', id: g.hit.id } : { do: 'none' };
    case 'move':
      return { do: 'endMove', cancelled };
    case 'marquee':
      return { do: 'endMarquee' };
    case 'connect':
      return { do: 'endConnect', from: g.from, to: cancelled ? null : g.target };
  }
}

/** Whether a release is a tap (no drag), which may make a double tap on touch screens. */
export function isTap(g: Exclude<Gesture, { kind: 'pinch' }>): boolean {
  return g.kind === 'press' || (g.kind === 'pan' && !g.moved);
}

/** Two fingers down: the pinch starts from their distance and midpoint. */
export function pinchFrom(a: Point, b: Point): Extract<Gesture, { kind: 'pinch' }> {
  return { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
}

/** The fingers moved: pan by the midpoint's travel, zoom by the change of distance (about the midpoint). */
export function pinchStep(g: Extract<Gesture, { kind: 'pinch' }>, a: Point, b: Point): { gesture: Extract<Gesture, { kind: 'pinch' }>; pan: Point; zoom: number } {
  const next = pinchFrom(a, b);
  return { gesture: next, pan: { x: next.mid.x - g.mid.x, y: next.mid.y - g.mid.y }, zoom: g.distance > 0 ? next.distance / g.distance : 1 };
}

/** Touch screens get no reliable dblclick with touch-action: none: two taps within 350 ms and 24 px count as one. */
export function isDoubleTap(last: { at: number; p: Point } | null, at: number, p: Point): boolean {
  return !!last && at - last.at < 350 && Math.hypot(p.x - last.p.x, p.y - last.p.y) < 24;
}
