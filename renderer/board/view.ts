// What the board view hands to benchmarks and automation (window.madang.view): deterministic
// camera control and a synchronous redraw that reports its own cost.
import type { RecordType } from '../../shared/board/records/registry';

export interface BoardViewStats {
  /** performance.now() when the view was created and when it first drew the whole board. */
  createdAt: number;
  firstDrawAt: number | null;
  /** Content-layer draws so far, and the cost of the last one (ms). */
  draws: number;
  lastDrawMs: number;
  /** performance.now() when the content layer last finished drawing (null before the first). */
  lastDrawAt: number | null;
  lod: string;
  /** Records the view holds (drawn when on screen): a count that costs nothing to read. */
  items: number;
}

export interface BoardViewHandle {
  panBy(dx: number, dy: number): void;
  /** Zoom to `scale` keeping the screen point (cx, cy) — relative to the canvas — fixed. */
  zoomTo(scale: number, cx: number, cy: number): void;
  fit(): void;
  /** Moves the camera so the world rectangle fills the view (a step's frame, a followed view). */
  showRect(rect: { x: number; y: number; w: number; h: number }): void;
  /** The part of the board on screen, in world units. */
  visibleRect(): { x: number; y: number; w: number; h: number };
  scale(): number;
  /** Synchronous full redraw of every layer; returns the milliseconds it took. */
  drawNow(): number;
  /** Records drawn in the last frame (culling means this is only what is on screen). */
  visibleNodeCount(): number;
  stats(): BoardViewStats;
  /** Where a record is on the page (client pixels), for automation; null if unknown. */
  clientRectOf(id: string): { x: number; y: number; width: number; height: number } | null;
  /** Records on the board by type, as the canvas knows them. */
  counts(): Record<RecordType, number>;
}
