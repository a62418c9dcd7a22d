// What the outline's keys and buttons do to the board, on top of the board commands. No React here:
// each function reads the current tree, calls commands, and says what happened so the view can move
// focus and tell the user.
import {
  NOTE_SIZE, addNoteHere, childRefField, connect, createFrame, freeSpotNear, hasGeometry, inOutline, isContainer, isContainerType, mayHold as mayHoldRecord, moveInto, parentRefs, refOf, reorder,
  type Board, type RecordWithGeometry,
} from '../../shared/board';
import type { TreeSnapshot } from './tree';
import { siblingsOf } from './tree';

const GAP = 24;

export interface Parent {
  frameId: string | null;
  clusterId: string | null;
}

/** The frame/cluster pair that puts a note under `containerId` (null: top level). */
export function parentFor(board: Board, containerId: string | null): Parent {
  const container = containerId ? board.get(containerId) : undefined;
  const out: Parent = { frameId: null, clusterId: null };
  if (!container || !isContainer(container)) return out;
  const fields: Record<string, string | null> = { [childRefField(container.type) ?? '']: container.id };
  for (const { field } of parentRefs(container.type)) fields[field] = refOf(container, field) ?? null;
  return { ...out, ...fields };
}

/** Where the outline looks for room for a new note: below a note, right of a container, below everything. */
function preferredCentre(board: Board, anchor: RecordWithGeometry | undefined): { x: number; y: number } {
  let x: number, y: number;
  if (!anchor) {
    const all = board.all().filter(hasGeometry).map((r) => r.geometry);
    y = all.length > 0 ? Math.max(...all.map((g) => g.y + g.h)) + GAP : 0;
    x = all.length > 0 ? Math.min(...all.map((g) => g.x)) : 0;
  } else if (!isContainerType(anchor.type)) {
    x = anchor.geometry.x;
    y = anchor.geometry.y + anchor.geometry.h + GAP;
  } else {
    x = anchor.geometry.x + anchor.geometry.w + GAP;
    y = anchor.geometry.y;
  }
  return { x: x + NOTE_SIZE.w / 2, y: y + NOTE_SIZE.h / 2 };
}

/** A free spot (top-left) for a new note next to `anchor`, by the board's one placement rule (freeSpotNear). */
export function newNotePosition(board: Board, anchor: RecordWithGeometry | undefined): { x: number; y: number } {
  const centre = freeSpotNear(board, preferredCentre(board, anchor));
  return { x: Math.round(centre.x - NOTE_SIZE.w / 2), y: Math.round(centre.y - NOTE_SIZE.h / 2) };
}

/**
 * Adds an empty note right after `afterId` among its siblings (or at the end of the top level):
 * one command (addNoteHere), so one undo step removes it.
 */
export function addNoteAfter(board: Board, snapshot: TreeSnapshot, afterId: string | null, author: string): string | null {
  const anchor = afterId ? board.get(afterId) : undefined;
  const containerId = afterId ? (snapshot.parent.get(afterId) ?? null) : null;
  return addNoteHere(board, {
    at: preferredCentre(board, anchor && hasGeometry(anchor) ? anchor : undefined),
    findFree: true,
    text: '',
    author,
    containerId,
    ...(afterId ? { after: afterId } : {}),
  });
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
  const now = board.children(parentId).filter(inOutline).map((r) => r.id);
  return { position: now.indexOf(id) + 1, size: now.length };
}

/** Alt+Left: out of the cluster (into its frame, if any) or out of the frame; lands right after its old parent. One undo step. */
export function moveOut(board: Board, snapshot: TreeSnapshot, id: string): { container: string | null } | null {
  const record = board.get(id);
  const parentId = snapshot.parent.get(id);
  if (!record || parentRefs(record.type).length === 0 || !parentId) return null;
  const grandparent = snapshot.parent.get(parentId) ?? null;
  if (!moveInto(board, [id], grandparent, { after: parentId })) return null;
  return { container: grandparent };
}

/** Alt+Right: into the sibling just above, if it is a container that may hold it; lands last. One undo step. */
export function moveIn(board: Board, snapshot: TreeSnapshot, id: string): { container: string } | null {
  const record = board.get(id);
  const siblings = siblingsOf(snapshot, id);
  const previous = siblings[siblings.indexOf(id) - 1];
  const target = previous ? board.get(previous) : undefined;
  if (!record || !target || !isContainer(target) || !mayHoldRecord(target.type, record.type)) return null;
  if (!moveInto(board, [id], target.id, { last: true })) return null;
  return { container: target.id };
}

/** Moves items under a container chosen in the "Move to…" dialog, last in it; one undo step. */
export function moveTo(board: Board, ids: readonly string[], containerId: string | null): boolean {
  const container = containerId ? board.get(containerId) : null;
  const movable = ids.filter((id) => {
    const r = board.get(id);
    return !!r && (container ? mayHoldRecord(container.type, r.type) : parentRefs(r.type).length > 0);
  });
  if (movable.length === 0) return false;
  return moveInto(board, movable, containerId, { last: true });
}

export function connectItems(board: Board, from: string, to: string, label: string): string | null {
  return connect(board, from, to, label.trim());
}
