// Viewport math for the canvas: screen = world × scale + offset. Pure, no DOM, no Konva.
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where the world is drawn: a world point p lands on the screen at p × scale + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export const MIN_SCALE = 0.02;
export const MAX_SCALE = 4;

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function screenToWorld(vp: Viewport, p: Point): Point {
  return { x: (p.x - vp.x) / vp.scale, y: (p.y - vp.y) / vp.scale };
}

export function worldToScreen(vp: Viewport, p: Point): Point {
  return { x: p.x * vp.scale + vp.x, y: p.y * vp.scale + vp.y };
}

/** Zoom to `scale` keeping the world point under the screen point (cx, cy) where it is. */
export function zoomAt(vp: Viewport, scale: number, cx: number, cy: number): Viewport {
  const next = clampScale(scale);
  const world = screenToWorld(vp, { x: cx, y: cy });
  return { scale: next, x: cx - world.x * next, y: cy - world.y * next };
}

export function panBy(vp: Viewport, dx: number, dy: number): Viewport {
  return { scale: vp.scale, x: vp.x + dx, y: vp.y + dy };
}

/** The world rectangle seen through a screen of width × height, grown by `margin` screen pixels. */
export function visibleWorldRect(vp: Viewport, width: number, height: number, margin = 0): Rect {
  const topLeft = screenToWorld(vp, { x: -margin, y: -margin });
  return { x: topLeft.x, y: topLeft.y, w: (width + 2 * margin) / vp.scale, h: (height + 2 * margin) / vp.scale };
}

/** A viewport that shows `bounds` whole and centred, never zooming in past `maxScale`. */
export function fitRect(bounds: Rect | null, width: number, height: number, padding = 48, maxScale = 1): Viewport {
  if (!bounds || bounds.w <= 0 || bounds.h <= 0 || width <= 0 || height <= 0) {
    const cx = bounds ? bounds.x + bounds.w / 2 : 0;
    const cy = bounds ? bounds.y + bounds.h / 2 : 0;
    return { scale: 1, x: width / 2 - cx, y: height / 2 - cy };
  }
  const availW = Math.max(1, width - 2 * padding);
  const availH = Math.max(1, height - 2 * padding);
  const scale = clampScale(Math.min(maxScale, availW / bounds.w, availH / bounds.h));
  return {
    scale,
    x: width / 2 - (bounds.x + bounds.w / 2) * scale,
    y: height / 2 - (bounds.y + bounds.h / 2) * scale,
  };
}

/**
 * Zoom factor for one wheel event. Pixel deltas from trackpad pinches (ctrlKey) are small and
 * many; a mouse wheel notch is ~100 px or one line. Both end up smooth and bounded per event.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  const clamped = Math.max(-120, Math.min(120, px));
  return Math.exp(-clamped * 0.0025);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function containsPoint(r: Rect, p: Point): boolean {
  return p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** The rectangle spanned by two corner points, in any order. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

export function unionRect(a: Rect | null, b: Rect): Rect {
  if (!a) return { x: b.x, y: b.y, w: b.w, h: b.h };
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/**
 * The view a wheel turn asks for: with Ctrl/⌘ (and a trackpad pinch, which browsers report as
 * ctrl+wheel) a zoom about the cursor at `at`; otherwise a pan, sideways with Shift on a plain
 * mouse wheel. Line and page deltas count as 16 px and one view height.
 */
export function wheelViewport(vp: Viewport, e: { deltaX: number; deltaY: number; deltaMode: number; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, at: Point, viewHeight: number): Viewport {
  if (e.ctrlKey || e.metaKey) return zoomAt(vp, vp.scale * wheelZoomFactor(e.deltaY, e.deltaMode), at.x, at.y);
  const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? viewHeight : 1;
  const sideways = e.shiftKey && !e.deltaX;
  const dx = (sideways ? e.deltaY : e.deltaX) * unit;
  const dy = (sideways ? 0 : e.deltaY) * unit;
  return panBy(vp, -dx, -dy);
}

/**
 * The view that shows `rect`, or null when it is already wholly in view: centred on it, at the
 * same zoom unless it would not fit (then zoomed out to fit, with a margin).
 */
export function revealViewport(vp: Viewport, rect: Rect, width: number, height: number): Viewport | null {
  const view = visibleWorldRect(vp, width, height);
  if (containsRect(view, rect)) return null;
  const tooBig = rect.w * vp.scale > width * 0.9 || rect.h * vp.scale > height * 0.9;
  const scale = tooBig ? fitRect(rect, width, height, 64, vp.scale).scale : vp.scale;
  return { scale, x: width / 2 - (rect.x + rect.w / 2) * scale, y: height / 2 - (rect.y + rect.h / 2) * scale };
}

/** Whole board units for a record's box; at least 1 wide and high. */
export function roundRect(r: Rect): Rect {
  // `+ 0` turns the -0 that a hair-below-zero box rounds to into 0 before it is stored.
  return { x: Math.round(r.x) + 0, y: Math.round(r.y) + 0, w: Math.max(1, Math.round(r.w)), h: Math.max(1, Math.round(r.h)) };
}
