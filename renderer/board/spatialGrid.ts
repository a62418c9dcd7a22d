// A uniform grid of buckets over world space: culling ("what is on screen?") and hit-testing
// ("what is under the pointer?") without a Konva node, let alone a listening one, per record.
// Insert, move and remove are O(cells covered); a query visits only the cells it overlaps.
import type { Rect } from './viewport';

interface Entry {
  id: string;
  rect: Rect;
  /** Empty for a huge item, which lives in `large` instead of thousands of cells. */
  cells: number[];
  stamp: number;
}

/** An item covering more cells than this is kept in a plain list checked by every query. */
const MAX_CELLS_PER_ITEM = 1024;

// Cell coordinates are packed into one number: (cx + OFFSET) * SPAN + (cy + OFFSET).
const OFFSET = 1 << 20;
const SPAN = 1 << 21;

export class SpatialGrid {
  private readonly cells = new Map<number, Entry[]>();
  private readonly entries = new Map<string, Entry>();
  private readonly large = new Set<Entry>();
  private stamp = 0;
  /** Cells touched by the last query (for tests and the bench). */
  lastCellsVisited = 0;

  constructor(readonly cellSize = 512) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  rectOf(id: string): Rect | undefined {
    return this.entries.get(id)?.rect;
  }

  /** Inserts, or moves an item already in the grid. */
  set(id: string, rect: Rect): void {
    const existing = this.entries.get(id);
    const cells = this.cellsFor(rect);
    if (existing) {
      if (sameCells(existing.cells, cells)) {
        existing.rect = rect;
        return;
      }
      this.unlink(existing);
      existing.rect = rect;
      existing.cells = cells;
      this.link(existing);
      return;
    }
    const entry: Entry = { id, rect, cells, stamp: 0 };
    this.entries.set(id, entry);
    this.link(entry);
  }

  delete(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.unlink(entry);
    this.entries.delete(id);
    return true;
  }

  clear(): void {
    this.cells.clear();
    this.entries.clear();
    this.large.clear();
  }

  /** Calls `visit` once for every item whose rectangle intersects `rect`. */
  forEachIn(rect: Rect, visit: (id: string, itemRect: Rect) => void): void {
    const stamp = ++this.stamp;
    const x0 = Math.floor(rect.x / this.cellSize);
    const y0 = Math.floor(rect.y / this.cellSize);
    const x1 = Math.floor((rect.x + rect.w) / this.cellSize);
    const y1 = Math.floor((rect.y + rect.h) / this.cellSize);
    const span = (x1 - x0 + 1) * (y1 - y0 + 1);
    this.lastCellsVisited = 0;
    for (const entry of this.large) {
      entry.stamp = stamp;
      if (overlaps(entry.rect, rect)) visit(entry.id, entry.rect);
    }
    // A query larger than the occupied grid (zoomed far out): walk the items, not empty cells.
    if (!Number.isFinite(span) || span > this.cells.size) {
      for (const entry of this.entries.values()) {
        if (entry.stamp !== stamp && overlaps(entry.rect, rect)) visit(entry.id, entry.rect);
      }
      return;
    }
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const bucket = this.cells.get(key(cx, cy));
        if (!bucket) continue;
        this.lastCellsVisited++;
        for (const entry of bucket) {
          if (entry.stamp === stamp) continue;
          entry.stamp = stamp;
          if (overlaps(entry.rect, rect)) visit(entry.id, entry.rect);
        }
      }
    }
  }

  query(rect: Rect): string[] {
    const out: string[] = [];
    this.forEachIn(rect, (id) => out.push(id));
    return out;
  }

  /** Items whose rectangle contains the point, grown by `slop` world units on every side. */
  queryPoint(x: number, y: number, slop = 0): string[] {
    return this.query({ x: x - slop, y: y - slop, w: 2 * slop, h: 2 * slop });
  }

  private cellsFor(rect: Rect): number[] {
    const x0 = Math.floor(rect.x / this.cellSize);
    const y0 = Math.floor(rect.y / this.cellSize);
    const x1 = Math.floor((rect.x + rect.w) / this.cellSize);
    const y1 = Math.floor((rect.y + rect.h) / this.cellSize);
    if (!Number.isFinite(x0 + y0 + x1 + y1) || (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS_PER_ITEM) return [];
    const out: number[] = [];
    for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) out.push(key(cx, cy));
    return out;
  }

  private link(entry: Entry): void {
    if (entry.cells.length === 0) this.large.add(entry);
    for (const k of entry.cells) {
      const bucket = this.cells.get(k);
      if (bucket) bucket.push(entry);
      else this.cells.set(k, [entry]);
    }
  }

  private unlink(entry: Entry): void {
    this.large.delete(entry);
    for (const k of entry.cells) {
      const bucket = this.cells.get(k);
      if (!bucket) continue;
      const i = bucket.indexOf(entry);
      if (i >= 0) {
        bucket[i] = bucket[bucket.length - 1]!;
        bucket.pop();
      }
      if (bucket.length === 0) this.cells.delete(k);
    }
  }
}

function key(cx: number, cy: number): number {
  return (cx + OFFSET) * SPAN + (cy + OFFSET);
}

function sameCells(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Closed intersection: touching edges count, so a point query on a border hits. */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h;
}
