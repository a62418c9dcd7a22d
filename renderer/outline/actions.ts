// What the outline's keys and buttons do to the board, on top of the board commands. No React here:
// each function reads the current tree, calls commands, and says what happened so the view can move
// focus and tell the user.
import {
  LOCAL, NOTE_SIZE, connect, createFrame, createNote, hasGeometry, reorder, setParent,
  type Board, type Geometry, type RecordWithGeometry,
} from '../../shared/board';
import type { TreeSnapshot } from './tree';
import { siblingsOf } from './tree';

const GAP = 24;

export interface Parent {
  frameId: string | null;
  clusterId: string | null;
}

/** The frame/cluster pair that puts an item under `containerId` (null: top level). */
export function parentFor(board: Board, containerId: string | null): Parent {
  const container = containerId ? board.get(containerId) : undefined;
  if (container?.type === 'cluster') return { frameId: container.frameId ?? null, clusterId: container.id };
  if (container?.type === 'frame') return { frameId: container.id, clusterId: null };
  return { frameId: null, clusterId: null };
}

function overlaps(a: Geometry, b: Geometry): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function inside(inner: Geometry, outer: Geometry): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** A free spot for a new note next to `anchor` (below a note, right of a frame or cluster). */
export function newNotePosition(board: Board, anchor: RecordWithGeometry | undefined): { x: number; y: number } {
  const notes = board.notes().map((n) => n.geometry);
  let spot: Geometry;
  if (!anchor) {
    const all = board.all().filter(hasGeometry).map((r) => r.geometry);
    const bottom = all.length > 0 ? Math.max(...all.map((g) => g.y + g.h)) + GAP : 0;
    const left = all.length > 0 ? Math.min(...all.map((g) => g.x)) : 0;
    spot = { x: left, y: bottom, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
  } else if (anchor.type === 'note') {
    spot = { x: anchor.geometry.x, y: anchor.geometry.y + anchor.geometry.h + GAP, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
  } else {
    spot = { x: anchor.geometry.x + anchor.geometry.w + GAP, y: anchor.geometry.y, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
  }
  for (let i = 0; i < 200 && notes.some((g) => overlaps(g, spot)); i++) spot = { ...spot, y: spot.y + NOTE_SIZE.h + GAP };
  return { x: spot.x, y: spot.y };
}

/**
 * Adds an empty note right after `afterId` among its siblings (or at the end of the top level), as
 * ONE local transaction, so one undo removes it. The commands nest in it; they only read records as
 * they were before it (the new note is created with its final parent, so nothing stale is read).
 */
export function addNoteAfter(board: Board, snapshot: TreeSnapshot, afterId: string | null, author: string): string | null {
  const anchor = afterId ? board.get(afterId) : undefined;
  const containerId = afterId ? (snapshot.parent.get(afterId) ?? null) : null;
  const container = containerId ? board.get(containerId) : undefined;
  const parent = parentFor(board, containerId);
  const position = newNotePosition(board, anchor && hasGeometry(anchor) ? anchor : undefined);
  // A new note gets the highest z, so it is already last among its siblings.
  const siblings = snapshot.children.get(containerId) ?? [];
  const needsReorder = !!afterId && siblings.indexOf(afterId) < siblings.length - 1;
  let id: string | null = null;
  board.doc.transact(() => {
    id = createNote(board, {
      text: '', x: position.x, y: position.y, author,
      ...(parent.frameId ? { frameId: parent.frameId } : {}),
      ...(parent.clusterId ? { clusterId: parent.clusterId } : {}),
    });
    if (!id) return;
    // Outside its cluster's or frame's box: setParent places it inside (and grows a cluster).
    const note = board.get(id);
    if (container && hasGeometry(container) && note && hasGeometry(note) && !inside(note.geometry, container.geometry)) {
      setParent(board, [id], parent);
    }
    if (needsReorder && afterId) reorder(board, id, { after: afterId });
  }, LOCAL);
  return id;
}

export function addFrame(board: Board, title: string, author: string): string | null {
  const all = board.all().filter(hasGeometry).map((r) => r.geometry);
  const right = all.length > 0 ? Math.max(...all.map((g) => g.x + g.w)) + 80 : 0;
  const top = all.length > 0 ? Math.min(...all.map((g) => g.y)) : 0;
  return createFrame(board, { title, x: right, y: top, w: 800, h: 600, author });
}

/** Moves an item one place up (-1) or down (+1) among its siblings; the new 1-based position, or null. */
export function reorderBy(board: Board, snapshot: TreeSnapshot, id: string, delta: -1 | 1): { position: number; size: number } | null {
  const siblings = siblingsOf(snapshot, id);
  const at = siblings.indexOf(id);
  const neighbour = siblings[at + delta];
  if (at < 0 || !neighbour) return null;
  const ok = reorder(board, id, delta < 0 ? { before: neighbour } : { after: neighbour });
  if (!ok) return null;
  const parentId = board.parentOf(id) ?? null;
  const now = board.children(parentId).filter((r) => r.type !== 'connector').map((r) => r.id);
  return { position: now.indexOf(id) + 1, size: now.length };
}

/** Keeps `id` right after `afterId` if they are siblings now (setParent keeps z, so order may be off). */
function placeAfter(board: Board, id: string, afterId: string): void {
  const parentId = board.parentOf(id);
  if (parentId === undefined || board.parentOf(afterId) !== parentId) return;
  const siblings = board.children(parentId).map((r) => r.id);
  if (siblings[siblings.indexOf(afterId) + 1] !== id) reorder(board, id, { after: afterId });
}

function placeLast(board: Board, id: string, containerId: string): void {
  const siblings = board.children(containerId).map((r) => r.id).filter((s) => s !== id);
  const last = siblings.at(-1);
  if (last && board.children(containerId).at(-1)?.id !== id) reorder(board, id, { after: last });
}

/** Alt+Left: out of the cluster (into its frame, if any) or out of the frame; lands right after its old parent. */
export function moveOut(board: Board, snapshot: TreeSnapshot, id: string): { container: string | null } | null {
  const record = board.get(id);
  const parentId = snapshot.parent.get(id);
  if (!record || (record.type !== 'note' && record.type !== 'cluster') || !parentId) return null;
  const grandparent = snapshot.parent.get(parentId) ?? null;
  if (!setParent(board, [id], parentFor(board, grandparent))) return null;
  placeAfter(board, id, parentId);
  return { container: grandparent };
}

/** Alt+Right: into the sibling just above, if it is a cluster (notes only) or a frame; lands last. */
export function moveIn(board: Board, snapshot: TreeSnapshot, id: string): { container: string } | null {
  const record = board.get(id);
  const siblings = siblingsOf(snapshot, id);
  const previous = siblings[siblings.indexOf(id) - 1];
  const target = previous ? board.get(previous) : undefined;
  if (!record || !target || (record.type !== 'note' && record.type !== 'cluster')) return null;
  if (target.type === 'cluster' && record.type !== 'note') return null;
  if (target.type !== 'cluster' && target.type !== 'frame') return null;
  if (!setParent(board, [id], parentFor(board, target.id))) return null;
  placeLast(board, id, target.id);
  return { container: target.id };
}

/** Moves items under a container chosen in the "Move to…" dialog. */
export function moveTo(board: Board, ids: readonly string[], containerId: string | null): boolean {
  const movable = ids.filter((id) => {
    const r = board.get(id);
    return r?.type === 'note' || (r?.type === 'cluster' && board.get(containerId ?? '')?.type !== 'cluster');
  });
  if (movable.length === 0) return false;
  const ok = setParent(board, movable, parentFor(board, containerId));
  if (ok && containerId) for (const id of movable) placeLast(board, id, containerId);
  return ok;
}

export function connectItems(board: Board, from: string, to: string, label: string): string | null {
  return connect(board, from, to, label.trim());
}
