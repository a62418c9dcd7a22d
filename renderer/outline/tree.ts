// The outline's structure, computed from the board: which items exist, under which parent, in
// which order, and how many connections each has. Rebuilt only when a change touches structure
// (add, remove, move to another parent, reorder, connect); a text edit never rebuilds it.
import { inOutline, isContainer, isContainerType, isLink, type Board, type BoardChange, type BoardRecord, type LinkRecord } from '../../shared/board';

/** The types the outline lists: every record type but links (the registry's `inOutline`). */
export type OutlineKind = Exclude<BoardRecord, LinkRecord>['type'];

export interface TreeSnapshot {
  /** Ordered children of the top level (null), of each frame and of each cluster. */
  readonly children: ReadonlyMap<string | null, readonly string[]>;
  readonly parent: ReadonlyMap<string, string | null>;
  readonly kind: ReadonlyMap<string, OutlineKind>;
  /** Connectors touching each item (from or to). */
  readonly connections: ReadonlyMap<string, number>;
  /** What, if changed on an update, changes the structure (type, parent, z; a connector's ends). */
  readonly signature: ReadonlyMap<string, string>;
}

export interface Row {
  id: string;
  kind: OutlineKind;
  /** 1-based, as aria-level. */
  level: number;
  /** Among siblings, as aria-setsize / aria-posinset. */
  setsize: number;
  posinset: number;
  parentId: string | null;
  childCount: number;
  /** undefined for notes and empty frames/clusters (no aria-expanded). */
  expanded: boolean | undefined;
}

function signatureOf(board: Board, record: BoardRecord): string {
  if (isLink(record)) return `${record.type}|${record.from}|${record.to}`;
  return `${record.type}|${board.parentOf(record.id) ?? ''}|${record.z}`;
}

export function snapshotTree(board: Board): TreeSnapshot {
  const children = new Map<string | null, string[]>();
  const parent = new Map<string, string | null>();
  const kind = new Map<string, OutlineKind>();
  const connections = new Map<string, number>();
  const signature = new Map<string, string>();
  const walk = (parentId: string | null, depth: number) => {
    const list: string[] = [];
    for (const record of board.children(parentId)) {
      if (!inOutline(record) || isLink(record) || kind.has(record.id)) continue;
      list.push(record.id);
      parent.set(record.id, parentId);
      kind.set(record.id, record.type);
      signature.set(record.id, signatureOf(board, record));
      // containers hold others (frames: clusters and notes; clusters: notes); depth guards against odd data
      if (isContainer(record) && depth < 3) walk(record.id, depth + 1);
    }
    children.set(parentId, list);
  };
  walk(null, 0);
  for (const record of board.all()) {
    if (!isLink(record)) continue;
    signature.set(record.id, signatureOf(board, record));
    for (const end of new Set([record.from, record.to])) connections.set(end, (connections.get(end) ?? 0) + 1);
  }
  return { children, parent, kind, connections, signature };
}

/** True when the change can alter the tree (rows, order, counts), false for content-only edits. */
export function changesStructure(board: Board, snapshot: TreeSnapshot, change: BoardChange): boolean {
  if (change.added.length > 0 || change.removed.length > 0) return true;
  for (const id of change.updated) {
    const record = board.get(id);
    if (!record) return true;
    if (snapshot.signature.get(id) !== signatureOf(board, record)) return true;
  }
  return false;
}

/** The rows a sighted or screen-reader user can reach: everything not inside a collapsed item. */
export function visibleRows(snapshot: TreeSnapshot, collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const walk = (parentId: string | null, level: number) => {
    const ids = snapshot.children.get(parentId) ?? [];
    ids.forEach((id, index) => {
      const kind = snapshot.kind.get(id);
      if (!kind) return;
      const childCount = isContainerType(kind) ? (snapshot.children.get(id)?.length ?? 0) : 0;
      const expanded = childCount > 0 ? !collapsed.has(id) : undefined;
      rows.push({ id, kind, level, setsize: ids.length, posinset: index + 1, parentId, childCount, expanded });
      if (expanded) walk(id, level + 1);
    });
  };
  walk(null, 1);
  return rows;
}

/** Ancestors of an item, nearest first. */
export function ancestorsOf(snapshot: TreeSnapshot, id: string): string[] {
  const out: string[] = [];
  let current = snapshot.parent.get(id);
  while (current) {
    out.push(current);
    current = snapshot.parent.get(current);
  }
  return out;
}

export function siblingsOf(snapshot: TreeSnapshot, id: string): readonly string[] {
  const parentId = snapshot.parent.get(id);
  return parentId === undefined ? [] : (snapshot.children.get(parentId) ?? []);
}

/**
 * Where focus should go when `doomed` items are deleted, best first: next siblings, previous
 * siblings, then the same for each ancestor, then every row. The caller takes the first candidate
 * that still exists after the delete (a deleted frame or cluster lets go of its contents).
 */
export function focusCandidatesAfterDelete(snapshot: TreeSnapshot, rows: readonly Row[], focused: string, doomed: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const push = (id: string) => {
    if (!doomed.has(id)) out.add(id);
  };
  let current: string | null | undefined = focused;
  while (current) {
    const siblings = siblingsOf(snapshot, current);
    const at = siblings.indexOf(current);
    siblings.slice(at + 1).forEach(push);
    siblings.slice(0, Math.max(0, at)).reverse().forEach(push);
    current = snapshot.parent.get(current);
    if (current) push(current);
  }
  rows.forEach((row) => push(row.id));
  return [...out];
}

export interface WindowInput {
  count: number;
  /** Scroll offset and height of the scrolling box, in px (height 0: not laid out yet). */
  scrollTop: number;
  viewport: number;
  rowHeight: number;
  /** Rows rendered above and below what is on screen. */
  overscan: number;
  /** Rows always rendered wherever they are (the current one: it holds the tab stop; the one being edited). */
  keep: ReadonlyArray<number | undefined>;
}

/** Height assumed before the box is laid out (tests, first render). */
export const FALLBACK_VIEWPORT = 800;

/**
 * Which rows to render (windowing): what is on screen plus overscan, plus the kept rows. A board of
 * 5,000 notes renders a few dozen rows; aria-setsize, aria-posinset and aria-level still give the
 * whole tree's shape to assistive technology.
 */
export function windowRows({ count, scrollTop, viewport, rowHeight, overscan, keep }: WindowInput): number[] {
  if (count <= 0) return [];
  const height = viewport > 0 ? viewport : FALLBACK_VIEWPORT;
  const row = rowHeight > 0 ? rowHeight : 1;
  const first = Math.max(0, Math.floor(scrollTop / row) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / row) + overscan);
  const out = new Set<number>();
  for (let i = first; i <= last; i++) out.add(i);
  for (const index of keep) if (index !== undefined && index >= 0 && index < count) out.add(index);
  return [...out].sort((a, b) => a - b);
}
