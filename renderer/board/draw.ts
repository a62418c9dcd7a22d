// Drawing the board onto a 2D canvas context that already carries the viewport transform (world
// units in, pixels out). Called from Konva custom shapes' sceneFunc, once per layer draw, for the
// records the spatial grid says are visible. Far out, notes are batched into one path per colour
// (a few fill() calls for thousands of notes); near, each note is paper + shadow + its laid-out text.
import { NOTE_COLORS, NOTE_TEXT_COLOR, isNoteColor, type TemplateKind } from '../../shared/board/types';
import { templateZones } from '../../shared/workshop/templates';
import type { Lod } from './lod';
import { AUTHOR_FONT_SIZE, HEADLINE_MAX_NOTES, HEADLINE_SCREEN_PX, showsAuthor } from './lod';
import { CLUSTER_LABEL_BAND, FRAME_TITLE_BAND, type ItemView, type SceneIndex, type VisibleSet } from './sceneIndex';
import type { TextLayout } from './textLayout';
import type { Point, Rect } from './viewport';

// Emoji: the systems' own colour emoji fonts first (Safari cannot draw the bundled font's COLRv1
// glyphs), then the bundled Noto Color Emoji, so emoji never fall to a system without an emoji font
// and show as empty boxes. All of them come after the text fonts: the bundled font's slices also
// cover digits and '#', which must stay Noto Sans KR.
export const FONT_FAMILY = '"Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';

export const THEME = {
  accent: '#0b5cad',
  frameFill: '#ffffff',
  frameStroke: '#b9c0c9',
  frameTitle: '#3b434c',
  clusterFill: 'rgba(11, 92, 173, 0.07)',
  clusterStroke: 'rgba(11, 92, 173, 0.45)',
  clusterLabel: '#0b4a8a',
  connector: '#4a535d',
  shadow: 'rgba(16, 24, 40, 0.13)',
  greek: 'rgba(31, 35, 40, 0.2)',
  author: 'rgba(31, 35, 40, 0.78)',
  lock: '#5c3b00',
  zoneFill: 'rgba(11, 92, 173, 0.035)',
  zoneFillAlt: 'rgba(138, 90, 0, 0.045)',
  zoneStroke: 'rgba(59, 67, 76, 0.25)',
  /** Zone names: 7:1 on the tinted white (checked by eye in the screenshots). */
  zoneLabel: '#3b434c',
  noteText: NOTE_TEXT_COLOR,
} as const;

export interface DrawState {
  scale: number;
  lod: Lod;
  /** Records drawn elsewhere this frame (on the drag layer). */
  hidden: ReadonlySet<string> | null;
  /** The note under the open text editor: its paper is drawn, its text is the editor's. */
  textHidden: string | null;
  layoutOf(view: ItemView): TextLayout;
  /** Live geometry (drag, resize) overriding the stored one. */
  rectOf(view: ItemView): Rect;
  connectorRect?: (id: string) => Rect | undefined;
  /** Records the facilitator locked (a lock is drawn on them); absent when nothing is locked. */
  locked?: (id: string) => boolean;
  /** A template zone's translated name (shared/workshop/templates.ts); absent: zones unlabelled. */
  zoneLabel?: (kind: TemplateKind, zone: string) => string;
}

/** Room at the bottom of a note for its author's name; text is laid out and centred above it. */
export const AUTHOR_BAND = 20;

/** The part of a note that holds its text. */
export function noteTextBox(r: Rect): Rect {
  return { x: r.x, y: r.y, w: r.w, h: Math.max(1, r.h - AUTHOR_BAND) };
}

export function noteFill(color: string): string {
  return isNoteColor(color) ? NOTE_COLORS[color] : NOTE_COLORS.yellow;
}

/** Draws everything in `set` in layer order; returns how many records were drawn. */
export function drawScene(ctx: CanvasRenderingContext2D, set: VisibleSet, index: SceneIndex, s: DrawState): number {
  currentFont = '';
  let count = 0;
  count += drawFrames(ctx, set.frames, s);
  count += drawClusters(ctx, set.clusters, s);
  count += drawNotes(ctx, set.notes, s);
  count += drawConnectors(ctx, set.connectors, index, s);
  return count;
}

function shown(view: ItemView, s: DrawState): boolean {
  return !s.hidden || !s.hidden.has(view.id);
}

// Assigning ctx.font re-parses the string; skip it when nothing changed. Reset per draw call,
// because Konva restores the context (font included) around every shape.
let currentFont = '';
function setFont(ctx: CanvasRenderingContext2D, font: string): void {
  if (currentFont !== font) {
    ctx.font = font;
    currentFont = font;
  }
}

export function fontFor(size: number, weight = 400): string {
  return `${weight} ${size}px ${FONT_FAMILY}`;
}

function drawFrames(ctx: CanvasRenderingContext2D, frames: ItemView[], s: DrawState): number {
  let n = 0;
  const px = 1 / s.scale;
  for (const view of frames) {
    if (!shown(view, s) || view.record.type !== 'frame') continue;
    const r = s.rectOf(view);
    ctx.fillStyle = THEME.frameFill;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.lineWidth = 1.5 * px;
    ctx.strokeStyle = THEME.frameStroke;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    drawTitle(ctx, view.record.title, r, FRAME_TITLE_BAND, 22, THEME.frameTitle, s);
    if (view.record.template) drawZones(ctx, view.record.template, r, s);
    if (s.locked?.(view.id)) drawLock(ctx, r, s.scale);
    n++;
  }
  return n;
}

const ZONE_LABEL_SIZE = 24;

/** A template's zones: alternate light tints, a thin divider, and each zone's name in its corner. */
function drawZones(ctx: CanvasRenderingContext2D, kind: TemplateKind, r: Rect, s: DrawState): void {
  const zones = templateZones({ geometry: r, template: kind });
  const px = 1 / s.scale;
  zones.forEach((zone, i) => {
    const z = zone.rect;
    ctx.fillStyle = i % 2 === 0 ? THEME.zoneFill : THEME.zoneFillAlt;
    ctx.fillRect(z.x, z.y, z.w, z.h);
    ctx.lineWidth = px;
    ctx.strokeStyle = THEME.zoneStroke;
    ctx.strokeRect(z.x, z.y, z.w, z.h);
    const label = s.zoneLabel?.(kind, zone.key);
    if (!label || ZONE_LABEL_SIZE * s.scale < 7) return;
    ctx.fillStyle = THEME.zoneLabel;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    setFont(ctx, fontFor(ZONE_LABEL_SIZE, 700));
    ctx.fillText(fitLine(ctx, label, z.w - 24), z.x + 12, z.y + 8, z.w - 24);
  });
}

function drawClusters(ctx: CanvasRenderingContext2D, clusters: ItemView[], s: DrawState): number {
  let n = 0;
  const px = 1 / s.scale;
  for (const view of clusters) {
    if (!shown(view, s) || view.record.type !== 'cluster') continue;
    const r = s.rectOf(view);
    ctx.fillStyle = THEME.clusterFill;
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.lineWidth = 1.5 * px;
    ctx.strokeStyle = THEME.clusterStroke;
    if (s.lod === 'full') ctx.setLineDash([6 * px, 4 * px]);
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    ctx.setLineDash([]);
    drawTitle(ctx, view.record.label, r, CLUSTER_LABEL_BAND, 17, THEME.clusterLabel, s);
    n++;
  }
  return n;
}

/** A frame's or cluster's title in its top band, or — when that would be illegible — above it at a fixed screen size. */
function drawTitle(ctx: CanvasRenderingContext2D, text: string, r: Rect, band: number, size: number, color: string, s: DrawState): void {
  if (!text) return;
  const onScreen = size * s.scale;
  if (onScreen < 4) return;
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  if (onScreen >= 9) {
    setFont(ctx, fontFor(size, 700));
    ctx.textBaseline = 'middle';
    ctx.fillText(fitLine(ctx, text, r.w - 24), r.x + 12, r.y + band / 2, r.w - 24);
  } else {
    const worldSize = 12 / s.scale;
    setFont(ctx, fontFor(worldSize, 700));
    ctx.textBaseline = 'bottom';
    ctx.fillText(fitLine(ctx, text, r.w), r.x, r.y - 3 / s.scale, r.w);
  }
}

function fitLine(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  const line = text.split('\n')[0] ?? '';
  if (ctx.measureText(line).width <= width) return line;
  let lo = 0;
  let hi = line.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(line.slice(0, mid) + '…').width <= width) lo = mid;
    else hi = mid - 1;
  }
  return line.slice(0, lo) + '…';
}

function drawNotes(ctx: CanvasRenderingContext2D, notes: ItemView[], s: DrawState): number {
  if (s.lod === 'full') return drawNotesFull(ctx, notes, s);
  // Far out: one path per colour, thousands of rectangles per fill().
  const byColor = new Map<string, ItemView[]>();
  let n = 0;
  for (const view of notes) {
    if (!shown(view, s) || view.record.type !== 'note') continue;
    const fill = noteFill(view.record.color);
    const list = byColor.get(fill);
    if (list) list.push(view);
    else byColor.set(fill, [view]);
    n++;
  }
  for (const [fill, list] of byColor) {
    ctx.beginPath();
    for (const view of list) {
      const r = s.rectOf(view);
      ctx.rect(r.x, r.y, r.w, r.h);
    }
    ctx.fillStyle = fill;
    ctx.fill();
  }
  if (s.lod === 'lines' && n <= HEADLINE_MAX_NOTES) {
    // A phone or a small window zoomed out on a few hundred notes: their first words, readable.
    drawHeadlines(ctx, notes, s);
  } else if (s.lod === 'lines') {
    // Text hinted as bars, estimated without measuring (no font work when zoomed out).
    ctx.beginPath();
    for (const view of notes) {
      if (!shown(view, s) || view.record.type !== 'note' || view.id === s.textHidden) continue;
      greekNote(ctx, view.record.text, noteTextBox(s.rectOf(view)), view.layout);
    }
    ctx.fillStyle = THEME.greek;
    ctx.fill();
  }
  return n;
}

/**
 * The start of each note's text at a fixed, readable screen size, as many lines as fit, the last
 * one ending in "…" when the text goes on. Notes too small on screen for a few characters keep
 * their plain paper.
 */
function drawHeadlines(ctx: CanvasRenderingContext2D, notes: ItemView[], s: DrawState): void {
  for (const view of notes) {
    if (!shown(view, s) || view.record.type !== 'note' || view.id === s.textHidden) continue;
    drawHeadline(ctx, view.record.text, s.rectOf(view), s);
  }
}

function drawHeadline(ctx: CanvasRenderingContext2D, text: string, r: Rect, s: DrawState): void {
  if (!text.trim()) return;
  const size = HEADLINE_SCREEN_PX / s.scale;
  const lineHeight = size * 1.25;
  const pad = 4 / s.scale;
  const width = r.w - 2 * pad;
  const maxLines = Math.floor((r.h - 2 * pad) / lineHeight);
  if (maxLines < 1 || width < size * 2) return;
  setFont(ctx, fontFor(size));
  ctx.fillStyle = THEME.noteText;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let y = r.y + pad;
  for (const line of headLines(ctx, text, width, maxLines)) {
    ctx.fillText(line, r.x + pad, y, width);
    y += lineHeight;
  }
}

/**
 * Greedy wrap of the text's start into at most `maxLines` lines of `width`, "…" if cut. Lines
 * break between words (a word is never split in English, nor an eojeol in Korean) unless one
 * word alone is wider than the line.
 */
export function headLines(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number, maxLines: number): string[] {
  const fits = (s: string) => ctx.measureText(s).width <= width;
  const lines: string[] = [];
  let line = '';
  let cut = false;
  words: for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    const joined = line ? `${line} ${word}` : word;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) {
      lines.push(line);
      if (lines.length === maxLines) {
        cut = true;
        break;
      }
    }
    let rest = Array.from(word);
    while (!fits(rest.join(''))) {
      let end = 1;
      while (end < rest.length && fits(rest.slice(0, end + 1).join(''))) end++;
      lines.push(rest.slice(0, end).join(''));
      rest = rest.slice(end);
      if (lines.length === maxLines) {
        cut = rest.length > 0;
        break words;
      }
    }
    line = rest.join('');
  }
  if (line && !cut) {
    if (lines.length < maxLines) lines.push(line);
    else cut = true;
  }
  if (cut && lines.length > 0) {
    const last = Array.from(lines[lines.length - 1]!);
    while (last.length > 1 && ctx.measureText(last.join('') + '…').width > width) last.pop();
    lines[lines.length - 1] = last.join('') + '…';
  }
  return lines;
}

/** Bars where the lines of text are: from the real layout if known, else an estimate. */
function greekNote(ctx: CanvasRenderingContext2D, text: string, r: Rect, layout: TextLayout | null): void {
  if (!text) return;
  const pad = 12;
  const innerW = r.w - 2 * pad;
  let widths: number[];
  let lineHeight: number;
  let barH: number;
  if (layout) {
    widths = layout.widths;
    lineHeight = layout.lineHeight;
    barH = layout.fontSize * 0.5;
  } else {
    const size = 16;
    lineHeight = size * 1.35;
    barH = size * 0.5;
    const em = estimateEms(text) * size;
    const maxLines = Math.max(1, Math.floor((r.h - 2 * pad) / lineHeight));
    const count = Math.min(maxLines, Math.max(1, Math.ceil(em / innerW)));
    widths = [];
    for (let i = 0; i < count; i++) widths.push(i === count - 1 ? Math.max(innerW * 0.25, em - innerW * (count - 1)) : innerW * 0.92);
  }
  const total = widths.length * lineHeight;
  let y = r.y + r.h / 2 - total / 2 + (lineHeight - barH) / 2;
  const cx = r.x + r.w / 2;
  for (const w of widths) {
    const width = Math.min(innerW, w);
    ctx.rect(cx - width / 2, y, width, barH);
    y += lineHeight;
  }
}

/** Rough width in ems: Hangul and CJK are ~1em, Latin and digits ~0.55em. */
function estimateEms(text: string): number {
  let ems = 0;
  for (let i = 0; i < text.length; i++) ems += text.charCodeAt(i) >= 0x1100 ? 1 : 0.55;
  return ems;
}

function drawNotesFull(ctx: CanvasRenderingContext2D, notes: ItemView[], s: DrawState): number {
  let n = 0;
  const px = 1 / s.scale;
  const shadow = Math.max(2, 3 * px);
  const authors = showsAuthor(s.scale);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const view of notes) {
    if (!shown(view, s) || view.record.type !== 'note') continue;
    const record = view.record;
    const r = s.rectOf(view);
    ctx.fillStyle = THEME.shadow;
    ctx.fillRect(r.x + shadow * 0.3, r.y + shadow, r.w, r.h);
    ctx.fillStyle = noteFill(record.color);
    ctx.fillRect(r.x, r.y, r.w, r.h);
    n++;
    if (s.locked?.(view.id)) {
      drawLock(ctx, r, s.scale);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
    }
    if (view.id === s.textHidden) continue;
    if (record.text) {
      const layout = s.layoutOf(view);
      // Text smaller than a headline on screen, on a few hundred notes: the headline instead.
      if (!layout.pending && layout.fontSize * s.scale < HEADLINE_SCREEN_PX && notes.length <= HEADLINE_MAX_NOTES) {
        drawHeadline(ctx, record.text, r, s);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        continue;
      }
      // Text a few pixels tall is noise: hint it instead.
      if (layout.pending || layout.fontSize * s.scale < 5) {
        ctx.beginPath();
        greekNote(ctx, record.text, noteTextBox(r), layout);
        ctx.fillStyle = THEME.greek;
        ctx.fill();
        continue;
      }
      setFont(ctx, fontFor(layout.fontSize));
      ctx.fillStyle = THEME.noteText;
      const total = layout.lines.length * layout.lineHeight;
      const box = noteTextBox(r);
      let y = box.y + box.h / 2 - total / 2 + layout.lineHeight / 2;
      const cx = r.x + r.w / 2;
      for (const line of layout.lines) {
        if (line) ctx.fillText(line, cx, y);
        y += layout.lineHeight;
      }
    }
    if (authors && record.author) {
      setFont(ctx, fontFor(AUTHOR_FONT_SIZE));
      ctx.fillStyle = THEME.author;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(record.author, r.x + 8, r.y + r.h - 6, r.w - 16);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
    }
  }
  return n;
}

function drawConnectors(ctx: CanvasRenderingContext2D, connectors: ItemView[], index: SceneIndex, s: DrawState): number {
  let n = 0;
  const px = 1 / s.scale;
  const width = Math.max(2, 1.25 * px);
  const head = Math.max(12, 9 * px);
  const lines: Array<[Point, Point, string]> = [];
  for (const view of connectors) {
    if (!shown(view, s) || view.record.type !== 'connector') continue;
    const ends = index.connectorEnds(view.record, s.connectorRect);
    if (!ends) continue;
    lines.push([ends[0], ends[1], view.record.label]);
    n++;
  }
  if (lines.length === 0) return 0;
  ctx.lineWidth = width;
  ctx.strokeStyle = THEME.connector;
  ctx.beginPath();
  for (const [a, b] of lines) {
    const [bx, by] = shorten(a, b, head * 0.8);
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(bx, by);
  }
  ctx.stroke();
  ctx.fillStyle = THEME.connector;
  ctx.beginPath();
  for (const [a, b] of lines) arrowHead(ctx, a, b, head);
  ctx.fill();
  if (s.lod === 'full') {
    for (const [a, b, label] of lines) if (label) drawConnectorLabel(ctx, label, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  }
  return n;
}

function shorten(a: Point, b: Point, by: number): [number, number] {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len <= by) return [a.x, a.y];
  const t = (len - by) / len;
  return [a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t];
}

/** A padlock in the top-right corner, the same size on screen at any zoom; none on records too small to carry it. */
export function drawLock(ctx: CanvasRenderingContext2D, r: Rect, scale: number): void {
  const px = 1 / scale;
  const size = 14 * px;
  if (r.w < size * 3 || r.h < size * 2) return;
  const x = r.x + r.w - size - 5 * px;
  const y = r.y + 5 * px;
  ctx.fillStyle = THEME.lock;
  ctx.fillRect(x, y + size * 0.45, size, size * 0.55);
  ctx.beginPath();
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = THEME.lock;
  ctx.arc(x + size / 2, y + size * 0.45, size * 0.3, Math.PI, 0);
  ctx.stroke();
}

export function arrowHead(ctx: CanvasRenderingContext2D, a: Point, b: Point, size: number): void {
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const spread = Math.PI / 7;
  ctx.moveTo(b.x, b.y);
  ctx.lineTo(b.x - size * Math.cos(angle - spread), b.y - size * Math.sin(angle - spread));
  ctx.lineTo(b.x - size * Math.cos(angle + spread), b.y - size * Math.sin(angle + spread));
  ctx.closePath();
}

function drawConnectorLabel(ctx: CanvasRenderingContext2D, label: string, at: Point): void {
  setFont(ctx, fontFor(14));
  const text = label.split('\n')[0] ?? '';
  const w = Math.min(240, ctx.measureText(text).width) + 12;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(at.x - w / 2, at.y - 12, w, 24);
  ctx.fillStyle = THEME.connector;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, at.x, at.y, 240);
}

/** The dot grid's one-dot tile, kept between draws while its size stays the same. */
export interface DotGrid {
  step: number;
  pattern: CanvasPattern;
}

/**
 * The dot grid, in screen space: one fillRect with a repeating one-dot tile (a CSS radial-gradient
 * background repainted on every pan cost 15–30 ms a frame in software raster). Returns the tile to
 * keep for the next draw.
 */
export function drawDots(ctx: CanvasRenderingContext2D, dots: DotGrid | null, vp: { x: number; y: number; scale: number }, width: number, height: number, pixelRatio: number): DotGrid | null {
  let step = 24 * vp.scale;
  while (step < 14) step *= 5;
  const tile = Math.max(4, Math.round(step * pixelRatio));
  if (!dots || dots.step !== tile) {
    const canvas = document.createElement('canvas');
    canvas.width = tile;
    canvas.height = tile;
    const c = canvas.getContext('2d');
    const pattern = c && (c.fillStyle = '#c4cad2', c.fillRect(0, 0, Math.max(1, Math.round(1.6 * pixelRatio)), Math.max(1, Math.round(1.6 * pixelRatio))), ctx.createPattern(canvas, 'repeat'));
    if (!pattern) return dots;
    dots = { step: tile, pattern };
  }
  // Whole-pixel offsets: a pattern at a fractional offset is resampled (filtered) per pixel,
  // which measured 6× slower than the plain copy.
  const ox = Math.round((((vp.x * pixelRatio) % tile) + tile) % tile);
  const oy = Math.round((((vp.y * pixelRatio) % tile) + tile) % tile);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, ox, oy);
  ctx.fillStyle = dots.pattern;
  ctx.fillRect(-ox, -oy, width * pixelRatio, height * pixelRatio);
  ctx.restore();
  return dots;
}

/** The marquee being dragged out (`px`: one screen pixel in board units). */
export function drawMarquee(ctx: CanvasRenderingContext2D, r: Rect, px: number): void {
  ctx.fillStyle = 'rgba(11, 92, 173, 0.08)';
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.lineWidth = px;
  ctx.strokeStyle = THEME.accent;
  ctx.setLineDash([4 * px, 3 * px]);
  ctx.strokeRect(r.x, r.y, r.w, r.h);
  ctx.setLineDash([]);
}

/** A connector being drawn from `from` to the pointer, with the record it would join outlined. */
export function drawConnecting(ctx: CanvasRenderingContext2D, from: Rect, target: Rect | null, pointer: Point, px: number): void {
  if (target) {
    ctx.lineWidth = 3 * px;
    ctx.strokeStyle = THEME.accent;
    ctx.strokeRect(target.x - 3 * px, target.y - 3 * px, target.w + 6 * px, target.h + 6 * px);
  }
  const a = { x: from.x + from.w / 2, y: from.y + from.h / 2 };
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = THEME.accent;
  ctx.setLineDash([6 * px, 4 * px]);
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(pointer.x, pointer.y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = THEME.accent;
  ctx.beginPath();
  arrowHead(ctx, a, pointer, 12 * px);
  ctx.fill();
}

/**
 * The selection's outlines: a box around each selected record and a line along each selected
 * link, drawn wider and lighter again when a link is among them (a thin line is hard to see
 * selected). Boxes off `view` are skipped; `px` is one screen pixel in board units.
 */
export function drawSelectionOutlines(ctx: CanvasRenderingContext2D, boxes: readonly Rect[], lines: ReadonlyArray<readonly [Point, Point]>, linkSelected: boolean, view: Rect, px: number): void {
  ctx.lineWidth = 2 * px;
  ctx.strokeStyle = THEME.accent;
  ctx.beginPath();
  for (const [a, b] of lines) {
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
  }
  const o = 3 * px;
  for (const r of boxes) {
    if (r.x > view.x + view.w || r.y > view.y + view.h || r.x + r.w < view.x || r.y + r.h < view.y) continue;
    ctx.rect(r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o);
  }
  ctx.stroke();
  if (linkSelected) {
    ctx.lineWidth = 6 * px;
    ctx.strokeStyle = 'rgba(11, 92, 173, 0.3)';
    ctx.stroke();
  }
}
