// Every user action on a board is one function here and ONE LOCAL transaction, so it is one undo
// step and one change event. Commands read plain snapshots first, then write; they never throw and
// do nothing (null / false) on a read-only board.
import type { Board } from './board';
import { locksMap, metaMap, recordsMap, setField, yRecord } from './schema';
import { keyBetween, keysAfter } from './keys';
import {
  DEFAULT_NOTE_COLOR, LABEL_MAX, NOTE_SIZE, TEXT_MAX, compareZ, geometrySchema, hasGeometry, isNoteColor,
  type BoardRecord, type ClusterRecord, type FrameRecord, type Geometry, type NoteColor, type NoteRecord, type RecordWithGeometry,
  isTemplateKind, type TemplateKind,
} from './types';
import {
  CLUSTER_LABEL_SPACE, CLUSTER_PADDING, FRAME_TITLE_SPACE, clampCoord, clip, clusterBox, clusterOf, deleteWithConnectors, descendants, frameOf,
  idIsFree, inside, insertRecord, isNum, local, newId, plain, size, topZ, union, update, writable, type Fields,
} from './write';

export { CLUSTER_LABEL_SPACE, CLUSTER_PADDING, FRAME_TITLE_SPACE } from './write';

export interface NoteInput {
  text?: string;
  x: number;
  y: number;
  w?: number;
  h?: number;
  color?: NoteColor;
  author: string;
  frameId?: string;
  clusterId?: string;
  /** Only a hint (deterministic fixtures, automation): ignored when taken or malformed. */
  id?: string;
}

export interface FrameInput {
  title?: string;
  x: number;
  y: number;
  w: number;
  h: number;
  author?: string;
  template?: TemplateKind;
}

export interface Move {
  id: string;
  x: number;
  y: number;
}

// ---------- notes ----------

function noteRecord(board: Board, input: NoteInput, id: string, z: string, now: number): NoteRecord {
  const cluster = clusterOf(board, input.clusterId);
  // A note in a cluster lives in the cluster's frame; keep both pointers in step.
  const frame = cluster ? frameOf(board, cluster.frameId) : frameOf(board, input.frameId);
  return {
    id,
    type: 'note',
    z,
    createdAt: now,
    updatedAt: now,
    author: clip(input.author, 200),
    geometry: {
      x: clampCoord(isNum(input.x) ? input.x : 0),
      y: clampCoord(isNum(input.y) ? input.y : 0),
      w: size(input.w, NOTE_SIZE.w),
      h: size(input.h, NOTE_SIZE.h),
    },
    text: clip(input.text, TEXT_MAX),
    color: isNoteColor(input.color) ? input.color : DEFAULT_NOTE_COLOR,
    ...(frame ? { frameId: frame.id } : {}),
    ...(cluster ? { clusterId: cluster.id } : {}),
  };
}

export function createNote(board: Board, input: NoteInput): string | null {
  return createNotes(board, [input])?.[0] ?? null;
}

/** Many notes in one transaction: one change event, one undo step. */
export function createNotes(board: Board, items: readonly NoteInput[]): string[] | null {
  if (!writable(board)) return null;
  if (items.length === 0) return [];
  const now = Date.now();
  const zs = keysAfter(topZ(board), items.length);
  const taken = new Set<string>();
  const notes = items.map((input, i) => {
    let id = idIsFree(board, input.id) && !taken.has(input.id) ? input.id : newId();
    while (taken.has(id)) id = newId();
    taken.add(id);
    return noteRecord(board, input, id, zs[i] ?? keyBetween(null, null), now);
  });
  const records = recordsMap(board.doc);
  local(board, () => {
    for (const note of notes) insertRecord(records, note);
  });
  return notes.map((n) => n.id);
}

/** The smallest edit turning `before` into `after`, never splitting a surrogate pair. */
export function textDiff(before: string, after: string): { index: number; remove: number; insert: string } | null {
  if (before === after) return null;
  const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
  const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Applies only the changed middle, so someone else typing elsewhere in the note keeps their edit. */
export function editText(board: Board, noteId: string, newText: string): boolean {
  if (!writable(board)) return false;
  const text = board.textOf(noteId);
  const y = yRecord(board.doc, noteId);
  if (!text || !y || typeof newText !== 'string' || !board.mayEdit(noteId)) return false;
  const diff = textDiff(text.toString(), newText.slice(0, TEXT_MAX));
  if (!diff) return true;
  local(board, () => {
    if (diff.remove > 0) text.delete(diff.index, diff.remove);
    if (diff.insert) text.insert(diff.index, diff.insert);
    setField(y, 'updatedAt', Date.now());
  });
  return true;
}

export function recolorNotes(board: Board, ids: readonly string[], color: NoteColor): boolean {
  if (!isNoteColor(color) || !writable(board)) return false;
  const targets = ids.map((id) => board.get(id)).filter((r): r is NoteRecord => r?.type === 'note' && r.color !== color);
  if (targets.length === 0) return false;
  const now = Date.now();
  local(board, () => targets.forEach((n) => update(board, n.id, { color }, now)));
  return true;
}

// ---------- geometry ----------

const depth: Record<BoardRecord['type'], number> = { note: 0, connector: 0, cluster: 1, frame: 2 };

/**
 * One call per finished drag = one undo step. A moved frame or cluster carries its contents by the
 * same offset; a child that was itself dragged keeps its own position, and a note follows its
 * nearest moved ancestor.
 */
export function moveRecords(board: Board, moves: readonly Move[]): boolean {
  if (!writable(board)) return false;
  const explicit = new Map<string, Move>();
  for (const m of moves) {
    const r = m ? board.get(m.id) : undefined;
    if (r && hasGeometry(r) && isNum(m.x) && isNum(m.y)) explicit.set(m.id, m);
  }
  const ordered = [...explicit.values()]
    .map((m) => ({ m, r: board.get(m.id) as RecordWithGeometry }))
    .sort((a, b) => depth[a.r.type] - depth[b.r.type]);
  const targets = new Map<string, Geometry>();
  for (const { m, r } of ordered) {
    const x = clampCoord(m.x), y = clampCoord(m.y);
    const dx = x - r.geometry.x, dy = y - r.geometry.y;
    targets.set(r.id, { ...r.geometry, x, y });
    if (r.type === 'note') continue;
    for (const d of descendants(board, r.id)) {
      if (targets.has(d.id) || explicit.has(d.id) || !hasGeometry(d)) continue;
      targets.set(d.id, { ...d.geometry, x: clampCoord(d.geometry.x + dx), y: clampCoord(d.geometry.y + dy) });
    }
  }
  const changed = [...targets].filter(([id, g]) => {
    const r = board.get(id) as RecordWithGeometry;
    return r.geometry.x !== g.x || r.geometry.y !== g.y;
  });
  if (changed.length === 0) return false;
  const now = Date.now();
  local(board, () => changed.forEach(([id, g]) => update(board, id, { geometry: plain(g) }, now)));
  return true;
}

export function resizeRecord(board: Board, id: string, geometry: Geometry): boolean {
  if (!writable(board)) return false;
  const r = board.get(id);
  const parsed = geometrySchema.safeParse(geometry);
  if (!r || !hasGeometry(r) || !parsed.success) return false;
  local(board, () => update(board, id, { geometry: plain(parsed.data) }, Date.now()));
  return true;
}

// ---------- frames and clusters ----------

export function createFrame(board: Board, input: FrameInput): string | null {
  if (!writable(board)) return null;
  const geometry = geometrySchema.safeParse({ x: input.x, y: input.y, w: input.w, h: input.h });
  if (!geometry.success) return null;
  const now = Date.now();
  const frame: FrameRecord = {
    id: newId(), type: 'frame', z: keyBetween(topZ(board), null), createdAt: now, updatedAt: now,
    author: clip(input.author ?? board.author, 200), geometry: geometry.data, title: clip(input.title, LABEL_MAX),
    ...(isTemplateKind(input.template) && input.template !== 'free' ? { template: input.template } : {}),
  };
  local(board, () => insertRecord(recordsMap(board.doc), frame));
  return frame.id;
}

export function renameFrame(board: Board, frameId: string, title: string): boolean {
  if (!writable(board) || !frameOf(board, frameId)) return false;
  local(board, () => update(board, frameId, { title: clip(title, LABEL_MAX) }, Date.now()));
  return true;
}

/** Connector and cluster labels. */
export function relabel(board: Board, id: string, label: string): boolean {
  if (!writable(board)) return false;
  const r = board.get(id);
  if (r?.type !== 'connector' && r?.type !== 'cluster') return false;
  local(board, () => update(board, id, { label: clip(label, LABEL_MAX) }, Date.now()));
  return true;
}

export function renameBoard(board: Board, title: string): boolean {
  if (!writable(board)) return false;
  local(board, () => metaMap(board.doc).set('title', clip(title, LABEL_MAX)));
  return true;
}

/**
 * A new cluster around the notes (their bounding box plus padding), stacked just under the lowest
 * of them so it sits behind them and takes their place in the outline. If all notes share a frame
 * the cluster joins it; otherwise the notes leave their frames.
 */
export function groupNotes(board: Board, noteIds: readonly string[], label: string): string | null {
  if (!writable(board)) return null;
  const notes = [...new Set(noteIds)].map((id) => board.get(id)).filter((r): r is NoteRecord => r?.type === 'note').sort(compareZ);
  const box = clusterBox(notes);
  const first = notes[0];
  if (!box || !first) return null;
  const frames = new Set(notes.map((n) => {
    const cluster = clusterOf(board, n.clusterId);
    return frameOf(board, cluster ? cluster.frameId : n.frameId)?.id;
  }));
  const frameId = frames.size === 1 ? [...frames][0] : undefined;
  const all = board.all();
  const below = all[all.findIndex((r) => r.id === first.id) - 1];
  const now = Date.now();
  const cluster: ClusterRecord = {
    id: newId(), type: 'cluster', z: keyBetween(below?.z ?? null, first.z), createdAt: now, updatedAt: now,
    author: board.author, geometry: box, label: clip(label, LABEL_MAX), ...(frameId ? { frameId } : {}),
  };
  local(board, () => {
    insertRecord(recordsMap(board.doc), cluster);
    for (const n of notes) update(board, n.id, { clusterId: cluster.id, frameId }, now);
  });
  return cluster.id;
}

/** The notes stay where they are (in the cluster's frame, if any); the cluster and its connectors go. */
export function ungroup(board: Board, clusterId: string): boolean {
  if (!writable(board)) return false;
  const cluster = clusterOf(board, clusterId);
  if (!cluster) return false;
  const frameId = frameOf(board, cluster.frameId)?.id;
  const members = board.notes().filter((n) => n.clusterId === clusterId);
  const now = Date.now();
  local(board, () => {
    for (const n of members) update(board, n.id, { clusterId: undefined, frameId }, now);
    deleteWithConnectors(board, new Set([clusterId]));
  });
  return true;
}

/**
 * Moves records into a cluster or frame (or to the top level when neither is given), as the outline
 * does. Anything not already inside its new parent is placed inside it, and a cluster grows to
 * hold the notes it receives, so the canvas agrees with the outline.
 */
export function setParent(board: Board, ids: readonly string[], parent: { frameId?: string | null; clusterId?: string | null }): boolean {
  if (!writable(board)) return false;
  const cluster = parent.clusterId ? clusterOf(board, parent.clusterId) : undefined;
  const frame = !cluster && parent.frameId ? frameOf(board, parent.frameId) : undefined;
  if ((parent.clusterId && !cluster) || (!cluster && parent.frameId && !frame)) return false;
  const items = [...new Set(ids)].map((id) => board.get(id))
    .filter((r): r is NoteRecord | ClusterRecord => r?.type === 'note' || (r?.type === 'cluster' && !cluster))
    .sort(compareZ);
  if (items.length === 0) return false;

  const writes = new Map<string, Fields>();
  const set = (id: string, fields: Fields): void => {
    writes.set(id, { ...writes.get(id), ...fields });
  };
  if (cluster) {
    const frameId = frameOf(board, cluster.frameId)?.id;
    const members = board.children(cluster.id).filter(hasGeometry);
    let box = cluster.geometry;
    // Newcomers from outside go in a row under the current members.
    let x = cluster.geometry.x + CLUSTER_PADDING;
    const y = members.length > 0 ? Math.max(...members.map((m) => m.geometry.y + m.geometry.h)) + CLUSTER_PADDING : cluster.geometry.y + CLUSTER_PADDING + CLUSTER_LABEL_SPACE;
    for (const note of items as NoteRecord[]) {
      let g = note.geometry;
      if (!inside(g, cluster.geometry)) {
        g = { ...g, x, y };
        x += g.w + CLUSTER_PADDING;
        set(note.id, { geometry: plain(g) });
      }
      box = union(box, { x: g.x - CLUSTER_PADDING, y: g.y - CLUSTER_PADDING, w: g.w + 2 * CLUSTER_PADDING, h: g.h + 2 * CLUSTER_PADDING });
      set(note.id, { clusterId: cluster.id, frameId });
    }
    if (box !== cluster.geometry) set(cluster.id, { geometry: plain(box) });
  } else {
    let cascade = 0;
    for (const r of items) {
      set(r.id, { frameId: frame?.id, ...(r.type === 'note' ? { clusterId: undefined } : {}) });
      if (r.type === 'cluster') for (const n of board.children(r.id)) set(n.id, { frameId: frame?.id });
      if (!frame || inside(r.geometry, frame.geometry)) continue;
      const dx = frame.geometry.x + CLUSTER_PADDING + cascade - r.geometry.x;
      const dy = frame.geometry.y + FRAME_TITLE_SPACE + cascade - r.geometry.y;
      cascade += 24;
      set(r.id, { geometry: plain({ ...r.geometry, x: r.geometry.x + dx, y: r.geometry.y + dy }) });
      if (r.type === 'cluster') {
        for (const n of board.children(r.id)) {
          if (hasGeometry(n)) set(n.id, { geometry: plain({ ...n.geometry, x: n.geometry.x + dx, y: n.geometry.y + dy }) });
        }
      }
    }
  }
  const now = Date.now();
  local(board, () => writes.forEach((fields, id) => update(board, id, fields, now)));
  return true;
}

// ---------- order ----------

/** New z between two outline siblings; `before`/`after` name the sibling to land before/after. */
export function reorder(board: Board, id: string, place: { before?: string; after?: string }): boolean {
  if (!writable(board)) return false;
  const parent = board.parentOf(id);
  if (parent === undefined) return false;
  const siblings = board.children(parent).filter((r) => r.id !== id);
  const at = (sid: string | undefined): number => (sid ? siblings.findIndex((r) => r.id === sid) : -1);
  const bi = at(place.before), ai = at(place.after);
  if ((place.before && bi < 0) || (place.after && ai < 0) || (!place.before && !place.after)) return false;
  const lo = place.after ? siblings[ai]?.z ?? null : siblings[bi - 1]?.z ?? null;
  const hi = place.before ? siblings[bi]?.z ?? null : siblings[ai + 1]?.z ?? null;
  local(board, () => update(board, id, { z: keyBetween(lo, hi) }, Date.now()));
  return true;
}

export function bringToFront(board: Board, ids: readonly string[]): boolean {
  if (!writable(board)) return false;
  const items = [...new Set(ids)].map((id) => board.get(id)).filter((r): r is BoardRecord => !!r).sort(compareZ);
  if (items.length === 0) return false;
  const keys = keysAfter(topZ(board), items.length);
  const now = Date.now();
  local(board, () => items.forEach((r, i) => update(board, r.id, { z: keys[i] }, now)));
  return true;
}

// ---------- connectors ----------

export function connect(board: Board, from: string, to: string, label = ''): string | null {
  if (!writable(board)) return null;
  const a = board.get(from), b = board.get(to);
  if (!a || !b || from === to || a.type === 'connector' || b.type === 'connector') return null;
  const now = Date.now();
  const id = newId();
  local(board, () => insertRecord(recordsMap(board.doc), {
    id, type: 'connector', z: keyBetween(topZ(board), null), createdAt: now, updatedAt: now,
    author: board.author, from, to, label: clip(label, LABEL_MAX),
  }));
  return id;
}

// ---------- delete ----------

/** Connectors attached to deleted records go too; a deleted cluster or frame lets go of its contents. */
export function deleteRecords(board: Board, ids: readonly string[]): boolean {
  if (!writable(board)) return false;
  const doomed = new Set(ids.filter((id) => board.get(id) && board.mayDelete(id)));
  if (doomed.size === 0) return false;
  const now = Date.now();
  const orphans: Array<[string, Fields]> = [];
  for (const r of board.all()) {
    if (doomed.has(r.id) || r.type === 'connector' || r.type === 'frame') continue;
    const fields: Fields = {};
    if (r.frameId && doomed.has(r.frameId)) fields.frameId = undefined;
    if (r.type === 'note' && r.clusterId && doomed.has(r.clusterId)) fields.clusterId = undefined;
    if (Object.keys(fields).length > 0) orphans.push([r.id, fields]);
  }
  local(board, () => {
    for (const [id, fields] of orphans) update(board, id, fields, now);
    deleteWithConnectors(board, doomed);
  });
  return true;
}


// ---------- room rules (the facilitator's; the hub refuses them from anyone else) ----------

/** Locks or unlocks records; a locked frame locks what is in it. */
export function setLocked(board: Board, ids: readonly string[], locked: boolean): boolean {
  const locks = locksMap(board.doc);
  const targets = ids.filter((id) => board.get(id) && (locks.get(id) === true) !== locked);
  if (targets.length === 0) return false;
  local(board, () => {
    for (const id of targets) {
      if (locked) locks.set(id, true);
      else locks.delete(id);
    }
  });
  return true;
}

export function isLockedRecord(board: Board, id: string): boolean {
  return locksMap(board.doc).get(id) === true;
}

/** Participants see the board but change nothing while this is on. */
export function setViewOnly(board: Board, on: boolean): boolean {
  const meta = metaMap(board.doc);
  if ((meta.get('viewOnly') === true) === on) return false;
  local(board, () => meta.set('viewOnly', on));
  return true;
}
