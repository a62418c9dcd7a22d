// Internals shared by commands.ts and clipboard.ts; not part of the public API.
import type * as Y from 'yjs';
import type { Board } from './board';
import { BOARD_SCHEMA_VERSION, LOCAL, deleteField, docSchemaVersion, recordsMap, setField, yRecord, type RecordField, type YRecord } from './schema';
import { isContainer, isLink, writeRecord } from './records/registry';
import { runMigrations } from './migrations';
import { randomId } from '../util/randomId';
import {
  COORD_MAX, type BoardRecord, type ClusterRecord, type FrameRecord, type Geometry, type RecordWithGeometry,
} from './types';

/** Space between a cluster's border and its notes; the top also leaves room for the label. */
export const CLUSTER_PADDING = 16;
export const CLUSTER_LABEL_SPACE = 32;
export const FRAME_TITLE_SPACE = 48;

/** Fields to set on a record (undefined deletes one): any key a registered record type stores. */
export type Fields = Partial<Record<RecordField, unknown>>;

/** What planning reads: the board itself, or a Draft of it (draft.ts). */
export type Reader = Pick<Board, 'get' | 'children' | 'parentOf'>;

export function newId(): string {
  return randomId();
}

/** Refuses on read-only; brings a never-migrated doc up to date first so our writes meet the current schema. */
export function writable(board: Board): boolean {
  if (board.readOnly) return false;
  // Board metadata is the facilitator's: in a room a participant's client leaves it to them.
  if (board.actor?.role !== 'participant' && docSchemaVersion(board.doc) < BOARD_SCHEMA_VERSION) runMigrations(board.doc);
  return true;
}

export function local(board: Board, fn: () => void): void {
  board.doc.transact(fn, LOCAL);
}

export const clampCoord = (v: number): number => Math.min(COORD_MAX, Math.max(-COORD_MAX, v));
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const clip = (s: unknown, max: number): string => (typeof s === 'string' ? s.slice(0, max) : '');

export function size(v: number | undefined, fallback: number): number {
  return isNum(v) && v >= 1 ? Math.min(v, COORD_MAX) : fallback;
}

export function topZ(board: Board): string | null {
  return board.all().at(-1)?.z ?? null;
}

export function idIsFree(board: Board, id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= 200 && !recordsMap(board.doc).has(id);
}

export function frameOf(board: Reader, id: string | undefined): FrameRecord | undefined {
  const r = id ? board.get(id) : undefined;
  return r?.type === 'frame' ? r : undefined;
}

export function clusterOf(board: Reader, id: string | undefined): ClusterRecord | undefined {
  const r = id ? board.get(id) : undefined;
  return r?.type === 'cluster' ? r : undefined;
}

export function geometryOf(records: RecordWithGeometry[]): Geometry | null {
  if (records.length === 0) return null;
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const { geometry: g } of records) {
    x1 = Math.min(x1, g.x);
    y1 = Math.min(y1, g.y);
    x2 = Math.max(x2, g.x + g.w);
    y2 = Math.max(y2, g.y + g.h);
  }
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}

/** What a container holds: its children and theirs (a frame's clusters' notes). */
export function descendants(board: Reader, id: string): BoardRecord[] {
  const out: BoardRecord[] = [];
  for (const child of board.children(id)) {
    out.push(child);
    if (isContainer(child)) out.push(...board.children(child.id));
  }
  return out;
}

export function clusterBox(notes: RecordWithGeometry[]): Geometry | null {
  const box = geometryOf(notes);
  if (!box) return null;
  return {
    x: box.x - CLUSTER_PADDING,
    y: box.y - CLUSTER_PADDING - CLUSTER_LABEL_SPACE,
    w: box.w + 2 * CLUSTER_PADDING,
    h: box.h + 2 * CLUSTER_PADDING + CLUSTER_LABEL_SPACE,
  };
}

export function union(a: Geometry, b: Geometry): Geometry {
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

export function inside(inner: Geometry, outer: Geometry): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

export const plain = (g: Geometry): Geometry => ({ x: g.x, y: g.y, w: g.w, h: g.h });

/** Writes a whole record as a new Y.Map, as its record type says (records/registry.ts). */
export function insertRecord(records: Y.Map<YRecord>, r: BoardRecord): void {
  writeRecord(records, r);
}

/** Sets fields on an existing record and stamps updatedAt; undefined deletes the field. */
export function update(board: Board, id: string, fields: Fields, now: number): void {
  const y = yRecord(board.doc, id);
  if (!y || !board.mayEdit(id)) return;
  for (const [key, value] of Object.entries(fields) as Array<[keyof typeof fields, unknown]>) {
    if (value === undefined) deleteField(y, key);
    else setField(y, key, value);
  }
  setField(y, 'updatedAt', now);
}

/** A connector goes with a record that goes (the hub allows that to whoever may delete the record). */
export function deleteWithConnectors(board: Board, ids: Set<string>): void {
  const records = recordsMap(board.doc);
  const doomed = new Set([...ids].filter((id) => board.mayDelete(id)));
  for (const r of board.all()) {
    if (isLink(r) && (doomed.has(r.from) || doomed.has(r.to))) doomed.add(r.id);
  }
  for (const id of doomed) records.delete(id);
}

