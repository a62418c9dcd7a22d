// Drawing other people's presence onto a 2D context that carries the viewport transform (world
// units in): ghosts of notes they are dragging, outlines of what they have selected, and their
// cursors with name labels. Cursors and labels are drawn at a fixed screen size, so they stay
// readable at any zoom; outlines keep a fixed screen line width.
import type { RemotePresence } from '../../../shared/sync/presence';
import { fontFor } from '../draw';
import type { Rect } from '../viewport';

/** What the overlay needs to know about a record: where it is, and its paper colour if a note. */
export interface PresenceShape {
  rect: Rect;
  fill: string | null;
}

export interface PresenceScene {
  scale: number;
  /** The visible part of the board (world units), a little larger than the screen. */
  view: Rect;
  /** Whose cursors to draw (already picked: facilitators and the nearest). */
  cursors: readonly RemotePresence[];
  /** Everyone else present: their selections and drags are drawn whether or not their cursor is. */
  everyone: readonly RemotePresence[];
  shapeOf(id: string): PresenceShape | undefined;
  /** Label widths by name, kept between frames (measuring text is the costly part of a label). */
  labelWidths: Map<string, number>;
}

export interface PresenceFrame {
  cursors: number;
  outlines: number;
  ghosts: number;
}

const LABEL_FONT = fontFor(12, 700);
const LABEL_HEIGHT = 20;
const LABEL_PAD = 7;
const LABEL_MAX_WIDTH = 160;
/** Outside the outline of one's own selection (3 px), so both can be seen on the same note. */
const OUTLINE_GAP = 6;

export function drawPresence(ctx: CanvasRenderingContext2D, scene: PresenceScene): PresenceFrame {
  const frame: PresenceFrame = { cursors: 0, outlines: 0, ghosts: 0 };
  const px = 1 / scene.scale;
  for (const person of scene.everyone) if (person.drag) frame.ghosts += drawGhosts(ctx, person, scene, px);
  for (const person of scene.everyone) if (person.selection.length) frame.outlines += drawOutlines(ctx, person, scene, px);
  ctx.font = LABEL_FONT;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  // Margins: the label hangs to the right of and below the pointer.
  const margin = (LABEL_MAX_WIDTH + 40) * px;
  for (const person of scene.cursors) {
    const c = person.cursor;
    if (!c || !inside(scene.view, c.x, c.y, margin)) continue;
    drawCursor(ctx, person, c.x, c.y, scene);
    frame.cursors++;
  }
  return frame;
}

function drawGhosts(ctx: CanvasRenderingContext2D, person: RemotePresence, scene: PresenceScene, px: number): number {
  const drag = person.drag!;
  let n = 0;
  ctx.lineWidth = 1.5 * px;
  ctx.strokeStyle = person.user.color;
  ctx.setLineDash([6 * px, 4 * px]);
  for (const id of drag.ids) {
    const shape = scene.shapeOf(id);
    if (!shape) continue;
    const r = { x: shape.rect.x + drag.dx, y: shape.rect.y + drag.dy, w: shape.rect.w, h: shape.rect.h };
    if (!overlaps(scene.view, r)) continue;
    ctx.globalAlpha = shape.fill ? 0.55 : 0.12;
    ctx.fillStyle = shape.fill ?? person.user.color;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.globalAlpha = 1;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    n++;
  }
  ctx.setLineDash([]);
  return n;
}

function drawOutlines(ctx: CanvasRenderingContext2D, person: RemotePresence, scene: PresenceScene, px: number): number {
  // What they are dragging is outlined by its ghost instead.
  const dragged = person.drag ? new Set(person.drag.ids) : null;
  const o = OUTLINE_GAP * px;
  let n = 0;
  ctx.beginPath();
  for (const id of person.selection) {
    if (dragged?.has(id)) continue;
    const shape = scene.shapeOf(id);
    if (!shape || !overlaps(scene.view, shape.rect)) continue;
    const r = shape.rect;
    ctx.rect(r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o);
    n++;
  }
  if (n === 0) return 0;
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = person.user.color;
  ctx.stroke();
  return n;
}

function drawCursor(ctx: CanvasRenderingContext2D, person: RemotePresence, x: number, y: number, scene: PresenceScene): void {
  const { name, color } = person.user;
  ctx.save();
  // From here on, units are screen pixels with the pointer's tip at the origin.
  ctx.translate(x, y);
  ctx.scale(1 / scene.scale, 1 / scene.scale);
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(0, 17);
  ctx.lineTo(4.5, 13);
  ctx.lineTo(8, 20);
  ctx.lineTo(11, 18.7);
  ctx.lineTo(7.5, 12);
  ctx.lineTo(13, 12);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  ctx.stroke();
  if (name) {
    let width = scene.labelWidths.get(name);
    if (width === undefined) {
      width = Math.min(LABEL_MAX_WIDTH, ctx.measureText(name).width);
      scene.labelWidths.set(name, width);
    }
    const left = 12;
    const top = 19;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(left, top, width + 2 * LABEL_PAD, LABEL_HEIGHT, 4);
    ctx.fill();
    ctx.fillStyle = labelTextColor(color);
    ctx.fillText(name, left + LABEL_PAD, top + LABEL_HEIGHT / 2 + 0.5, LABEL_MAX_WIDTH);
  }
  ctx.restore();
}

function inside(view: Rect, x: number, y: number, margin: number): boolean {
  return x >= view.x - margin && y >= view.y - margin && x <= view.x + view.w && y <= view.y + view.h;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** White or near-black, whichever reads better on the person's colour (colours come from peers). */
export function labelTextColor(background: string): string {
  const channel = (i: number) => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast against white is 1.05 / (L + 0.05), against #1f2328 (L ≈ 0.016) (L + 0.05) / 0.066.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.066 ? '#ffffff' : '#1f2328';
}
