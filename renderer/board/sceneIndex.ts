// The canvas's picture of the board: one light view object per record, a spatial grid over them,
// and the draw order. Kept in step with the Y.Doc by Board change events, record by record: a
// keystroke in one note of 5,000 touches that note's view (and its connectors), nothing else.
// No Konva here — the renderer draws these views; tests drive this directly.
import type { Board } from '../../shared/board/board';
import type { BoardChange, BoardRecord, LinkRecord } from '../../shared/board/types';
import { hasGeometry, hasLongText, isLink, labelOf } from '../../shared/board/records/registry';
import { SpatialGrid } from './spatialGrid';
import { containsPoint, containsRect, intersects, unionRect, type Point, type Rect } from './viewport';
import type { TextLayout } from './textLayout';

export type ItemKind = BoardRecord['type'];

export interface ItemView {
  id: string;
  kind: ItemKind;
  record: BoardRecord;
  /** World rectangle: a record's geometry, or a connector's span between its two ends. */
  rect: Rect;
  /** Position in draw order among all views (higher is drawn later, i.e. on top). */
  order: number;
  /** Cached text layout (notes), dropped when text or size changes or a font arrives. */
  layout: TextLayout | null;
  /** Bumped on every change to this record; lets caches keyed by view know they are stale. */
  version: number;
}

export interface VisibleSet {
  frames: ItemView[];
  clusters: ItemView[];
  notes: ItemView[];
  connectors: ItemView[];
}

export interface Hit {
  id: string;
  kind: ItemKind;
  /** 'title' is a frame's or cluster's label band, 'body' anything else. */
  part: 'body' | 'title';
}

/** Label bands at the top of frames and clusters (match shared/board's FRAME_TITLE_SPACE etc.). */
export const FRAME_TITLE_BAND = 48;
export const CLUSTER_LABEL_BAND = 32;

export class SceneIndex {
  readonly views = new Map<string, ItemView>();
  readonly grid = new SpatialGrid(512);
  /** Connectors attached to each item id (including ids not, or no longer, on the board). */
  private readonly connectorsOf = new Map<string, Set<string>>();
  private orderDirty = false;
  private topZ: string | null = null;
  private topOrder = 0;
  private bounds: Rect | null = null;
  private boundsDirty = true;
  private stamp = 0;
  private readonly seen = new WeakMap<ItemView, number>();
  private readonly sortedByKind: Record<'frames' | 'clusters' | 'notes' | 'connectors', ItemView[]> = { frames: [], clusters: [], notes: [], connectors: [] };
  private sortedDirty = true;
  /** Ids touched by the last apply() (views created, changed or removed). */
  lastTouched: string[] = [];

  /** Builds every view from scratch (opening a board). */
  load(records: readonly BoardRecord[]): void {
    this.views.clear();
    this.grid.clear();
    this.connectorsOf.clear();
    let order = 0;
    for (const record of records) {
      const view: ItemView = { id: record.id, kind: record.type, record, rect: { x: 0, y: 0, w: 0, h: 0 }, order: order++, layout: null, version: 0 };
      this.views.set(record.id, view);
      if (isLink(record)) this.link(record);
    }
    for (const view of this.views.values()) this.place(view);
    const last = records[records.length - 1];
    this.topZ = last?.z ?? null;
    this.topOrder = order;
    this.orderDirty = false;
    this.sortedDirty = true;
    this.boundsDirty = true;
  }

  /** Applies one Board change event; returns the ids whose views were touched. */
  apply(change: BoardChange, board: Pick<Board, 'get'>): string[] {
    const touched = new Set<string>();
    const moved = new Set<string>();
    for (const id of change.removed) {
      const view = this.views.get(id);
      if (!view) continue;
      if (isLink(view.record)) this.unlink(view.record);
      this.views.delete(id);
      this.grid.delete(id);
      touched.add(id);
      moved.add(id);
    }
    for (const id of [...change.added, ...change.updated]) {
      const record = board.get(id);
      const existing = this.views.get(id);
      if (!record) {
        if (existing) {
          if (isLink(existing.record)) this.unlink(existing.record);
          this.views.delete(id);
          this.grid.delete(id);
          touched.add(id);
        }
        continue;
      }
      touched.add(id);
      if (!existing) {
        const view: ItemView = { id, kind: record.type, record, rect: { x: 0, y: 0, w: 0, h: 0 }, order: 0, layout: null, version: 0 };
        this.views.set(id, view);
        if (isLink(record)) this.link(record);
        this.assignOrder(view);
        this.place(view);
        moved.add(id);
        continue;
      }
      const before = existing.record;
      existing.record = record;
      existing.version++;
      if (existing.kind !== record.type) {
        existing.kind = record.type;
        this.sortedDirty = true;
      }
      if (before.z !== record.z) this.assignOrder(existing);
      if (isLink(before)) this.unlink(before);
      if (isLink(record)) this.link(record);
      if (textOrSizeChanged(before, record)) existing.layout = null;
      if (geometryChanged(before, record)) {
        this.place(existing);
        moved.add(id);
      }
    }
    // Connectors follow the items they join.
    for (const id of moved) {
      const attached = this.connectorsOf.get(id);
      if (!attached) continue;
      for (const connectorId of attached) {
        const view = this.views.get(connectorId);
        if (!view) continue;
        this.place(view);
        touched.add(connectorId);
      }
    }
    if (moved.size > 0) this.boundsDirty = true;
    if (change.added.length || change.removed.length) this.sortedDirty = true;
    this.lastTouched = [...touched];
    return this.lastTouched;
  }

  get(id: string): ItemView | undefined {
    return this.views.get(id);
  }

  get size(): number {
    return this.views.size;
  }

  /** Everything intersecting `rect`, by kind, each list in draw order. */
  visible(rect: Rect): VisibleSet {
    this.ensureOrder();
    const stamp = ++this.stamp;
    const found: VisibleSet = { frames: [], clusters: [], notes: [], connectors: [] };
    this.grid.forEachIn(rect, (id) => {
      const view = this.views.get(id);
      if (!view) return;
      this.seen.set(view, stamp);
      listFor(found, view.kind).push(view);
    });
    for (const kind of ['frames', 'clusters', 'notes', 'connectors'] as const) {
      const list = found[kind];
      const all = this.sortedByKind[kind];
      // Most of the board on screen: filtering the pre-sorted list beats sorting what was found.
      if (list.length > 64 && list.length * 4 > all.length) found[kind] = all.filter((v) => this.seen.get(v) === stamp);
      else list.sort(byOrder);
    }
    return found;
  }

  /** The topmost item under a world point; `slop` (world units) widens thin targets. */
  hitTest(p: Point, slop: number): Hit | null {
    this.ensureOrder();
    const candidates = this.grid.queryPoint(p.x, p.y, slop).map((id) => this.views.get(id)).filter((v): v is ItemView => !!v);
    candidates.sort((a, b) => b.order - a.order);
    for (const v of candidates) if (v.kind === 'note' && containsPoint(v.rect, p)) return { id: v.id, kind: v.kind, part: 'body' };
    for (const v of candidates) {
      if (!isLink(v.record)) continue;
      const ends = this.connectorEnds(v.record);
      if (ends && distanceToSegment(p, ends[0], ends[1]) <= slop) return { id: v.id, kind: v.kind, part: 'body' };
    }
    for (const v of candidates) {
      if (v.kind !== 'cluster' || !containsPoint(v.rect, p)) continue;
      return { id: v.id, kind: v.kind, part: p.y <= v.rect.y + CLUSTER_LABEL_BAND ? 'title' : 'body' };
    }
    // Frames are big areas: only their title band and border pick them; inside is open canvas.
    for (const v of candidates) {
      if (v.kind !== 'frame') continue;
      const r = v.rect;
      const inTitle = containsPoint({ x: r.x, y: r.y, w: r.w, h: FRAME_TITLE_BAND }, p);
      const onBorder = containsPoint({ x: r.x - slop, y: r.y - slop, w: r.w + 2 * slop, h: r.h + 2 * slop }, p) && !containsPoint({ x: r.x + slop, y: r.y + slop, w: r.w - 2 * slop, h: r.h - 2 * slop }, p);
      if (inTitle || onBorder) return { id: v.id, kind: v.kind, part: inTitle ? 'title' : 'body' };
    }
    return null;
  }

  /** Marquee selection: notes and clusters it touches, frames it wholly contains. */
  inMarquee(rect: Rect): string[] {
    const out: string[] = [];
    this.grid.forEachIn(rect, (id, r) => {
      const v = this.views.get(id);
      if (!v || !hasGeometry(v.record)) return;
      if (v.kind === 'frame' ? containsRect(rect, r) : intersects(rect, r)) out.push(id);
    });
    return out;
  }

  /** Union of every item's rectangle, or null for an empty board. */
  contentBounds(): Rect | null {
    if (this.boundsDirty) {
      let bounds: Rect | null = null;
      for (const v of this.views.values()) if (hasGeometry(v.record)) bounds = unionRect(bounds, v.rect);
      this.bounds = bounds;
      this.boundsDirty = false;
    }
    return this.bounds;
  }

  /** Where a connector's line starts and ends: on the borders of the two items, towards each other. */
  connectorEnds(record: LinkRecord, override?: (id: string) => Rect | undefined): [Point, Point] | null {
    const a = override?.(record.from) ?? this.rectOf(record.from);
    const b = override?.(record.to) ?? this.rectOf(record.to);
    if (!a || !b) return null;
    const ca = centre(a);
    const cb = centre(b);
    return [borderPoint(a, cb), borderPoint(b, ca)];
  }

  connectorsAttachedTo(id: string): string[] {
    return [...(this.connectorsOf.get(id) ?? [])].filter((c) => this.views.has(c));
  }

  private rectOf(id: string): Rect | undefined {
    const v = this.views.get(id);
    return v && hasGeometry(v.record) ? v.rect : undefined;
  }

  private place(view: ItemView): void {
    const r = view.record;
    if (isLink(r)) {
      const a = this.rectOf(r.from);
      const b = this.rectOf(r.to);
      if (!a || !b) {
        this.grid.delete(view.id);
        view.rect = { x: 0, y: 0, w: 0, h: 0 };
        return;
      }
      view.rect = unionRect(unionRect(null, a), b);
    } else {
      const g = r.geometry;
      view.rect = { x: g.x, y: g.y, w: g.w, h: g.h };
    }
    this.grid.set(view.id, view.rect);
  }

  private link(record: LinkRecord): void {
    for (const end of [record.from, record.to]) {
      let set = this.connectorsOf.get(end);
      if (!set) this.connectorsOf.set(end, (set = new Set()));
      set.add(record.id);
    }
  }

  private unlink(record: LinkRecord): void {
    for (const end of [record.from, record.to]) {
      const set = this.connectorsOf.get(end);
      set?.delete(record.id);
      if (set && set.size === 0) this.connectorsOf.delete(end);
    }
  }

  /** A record that lands on top (the usual new note) gets the next number; anything else re-sorts lazily. */
  private assignOrder(view: ItemView): void {
    const z = view.record.z;
    if (!this.orderDirty && (this.topZ === null || z > this.topZ)) {
      view.order = ++this.topOrder;
      this.topZ = z;
    } else this.orderDirty = true;
    this.sortedDirty = true;
  }

  private ensureOrder(): void {
    if (this.orderDirty) {
      const all = [...this.views.values()].sort((a, b) => (a.record.z !== b.record.z ? (a.record.z < b.record.z ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      all.forEach((v, i) => (v.order = i));
      this.topOrder = all.length;
      this.topZ = all[all.length - 1]?.record.z ?? null;
      this.orderDirty = false;
      this.sortedDirty = true;
    }
    if (this.sortedDirty) {
      const lists = { frames: [] as ItemView[], clusters: [] as ItemView[], notes: [] as ItemView[], connectors: [] as ItemView[] };
      for (const v of this.views.values()) listFor(lists, v.kind).push(v);
      for (const list of Object.values(lists)) list.sort(byOrder);
      Object.assign(this.sortedByKind, lists);
      this.sortedDirty = false;
    }
  }
}

/** The list of a visible set that records of this kind are drawn from. */
export function listFor(set: VisibleSet, kind: ItemKind): ItemView[] {
  return kind === 'note' ? set.notes : kind === 'frame' ? set.frames : kind === 'cluster' ? set.clusters : set.connectors;
}

function byOrder(a: ItemView, b: ItemView): number {
  return a.order - b.order;
}

function geometryChanged(a: BoardRecord, b: BoardRecord): boolean {
  if (!hasGeometry(a) || !hasGeometry(b)) return a.type !== b.type || (isLink(a) && isLink(b) && (a.from !== b.from || a.to !== b.to));
  const g = a.geometry;
  const h = b.geometry;
  return g.x !== h.x || g.y !== h.y || g.w !== h.w || g.h !== h.h;
}

/** Whether a long text's layout (a note's) must be redone. */
function textOrSizeChanged(a: BoardRecord, b: BoardRecord): boolean {
  if (!hasLongText(a.type) || !hasLongText(b.type) || !hasGeometry(a) || !hasGeometry(b)) return true;
  return labelOf(a) !== labelOf(b) || a.geometry.w !== b.geometry.w || a.geometry.h !== b.geometry.h;
}

export function centre(r: Rect): Point {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 };
}

/** Where the ray from the centre of `r` towards `towards` leaves `r`. */
export function borderPoint(r: Rect, towards: Point): Point {
  const c = centre(r);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx !== 0 ? r.w / 2 / Math.abs(dx) : Infinity;
  const sy = dy !== 0 ? r.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy, 1);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
