// Every user action on a board is one function here and ONE LOCAL transaction, so it is one undo
// step and one change event. Commands read plain snapshots first, then write; they never throw and
// do nothing (null / false) on a read-only board.
import type { Board } from './board';
import { locksMap, metaMap, recordsMap, setField, yRecord } from './schema';
import { keyBetween, keysAfter } from './keys';
import {
  COORD_MAX, LABEL_MAX, NOTE_SIZE, TEXT_MAX, compareZ, geometrySchema, isNoteColor,
  type BoardRecord, type ClusterRecord, type FrameRecord, type Geometry, type NoteColor, type NoteRecord, type RecordWithGeometry,
  type TemplateKind,
} from './types';
import {
  CLUSTER_LABEL_SPACE, CLUSTER_PADDING, FRAME_TITLE_SPACE, clampCoord, clip, clusterBox, clusterOf, deleteWithConnectors, descendants, frameOf,
  idIsFree, inside, insertRecord, isNum, local, newId, plain, size, topZ, union, update, writable, type Fields, type Reader,
} from './write';
import { Draft } from './draft';
import {
  capabilities, hasGeometry, isContainer, isContainerType, labelOf, mayHold, nestingRank, parentRefs, refOf,
} from './records/registry';
import { noteType } from './records/note';
import { frameType } from './records/frame';
import { clusterType } from './records/cluster';
import { connectorType } from './records/connector';

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

function noteRecord(board: Reader, input: NoteInput, id: string, z: string, now: number): NoteRecord {
  const cluster = clusterOf(board, input.clusterId);
  // A note in a cluster lives in the cluster's frame; keep both pointers in step.
  const frame = cluster ? frameOf(board, cluster.frameId) : frameOf(board, input.frameId);
  return {
    id,
    type: noteType.type,
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
    color: noteType.fields.color.read(input.color) as NoteColor,
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
  const targets = ids.map((id) => board.get(id)).filter((r): r is NoteRecord => r?.type === noteType.type && r.color !== color);
  if (targets.length === 0) return false;
  const now = Date.now();
  local(board, () => targets.forEach((n) => update(board, n.id, { color }, now)));
  return true;
}

// ---------- geometry ----------

/** Runs a plan on a Draft of the board and writes it as ONE transaction (one undo step). */
function run(board: Board, plan: (draft: Draft) => boolean): boolean {
  if (!writable(board)) return false;
  const draft = new Draft(board);
  if (!plan(draft)) return false;
  draft.commit(Date.now());
  return true;
}

/**
 * Plans the end of a drag. A moved container carries its contents by the same offset; a child that
 * was itself dragged keeps its own position, and a record follows its nearest moved container.
 */
function planMove(d: Draft, moves: readonly Move[]): boolean {
  const explicit = new Map<string, Move>();
  for (const m of moves) {
    const r = m ? d.get(m.id) : undefined;
    if (r && hasGeometry(r) && isNum(m.x) && isNum(m.y)) explicit.set(m.id, m);
  }
  const ordered = [...explicit.values()]
    .map((m) => ({ m, r: d.get(m.id) as RecordWithGeometry }))
    .sort((a, b) => nestingRank(a.r.type) - nestingRank(b.r.type));
  const targets = new Map<string, Geometry>();
  for (const { m, r } of ordered) {
    const x = clampCoord(m.x), y = clampCoord(m.y);
    const dx = x - r.geometry.x, dy = y - r.geometry.y;
    targets.set(r.id, { ...r.geometry, x, y });
    if (!isContainerType(r.type)) continue;
    for (const c of descendants(d, r.id)) {
      if (targets.has(c.id) || explicit.has(c.id) || !hasGeometry(c)) continue;
      targets.set(c.id, { ...c.geometry, x: clampCoord(c.geometry.x + dx), y: clampCoord(c.geometry.y + dy) });
    }
  }
  let changed = false;
  for (const [id, g] of targets) {
    const r = d.get(id) as RecordWithGeometry;
    if (r.geometry.x === g.x && r.geometry.y === g.y) continue;
    d.set(id, { geometry: plain(g) });
    changed = true;
  }
  return changed;
}

/** One call per finished drag = one undo step. */
export function moveRecords(board: Board, moves: readonly Move[]): boolean {
  return run(board, (d) => planMove(d, moves));
}

/**
 * A finished drag, as one undo step: the move, then each dropped record joins the innermost
 * container under its centre that may hold it (a note dropped on a cluster joins it; dragged out
 * of its cluster, it leaves). Records travelling inside a moved container keep their parent.
 */
export function moveAndReparent(board: Board, moves: readonly Move[]): boolean {
  return run(board, (d) => {
    if (!planMove(d, moves)) return false;
    planDropInto(d, moves.map((m) => m.id));
    return true;
  });
}

function planDropInto(d: Draft, ids: readonly string[]): void {
  const moved = new Set(ids);
  const containers = d.board.all().filter(isContainer).map((c) => d.get(c.id) as RecordWithGeometry);
  const byTarget = new Map<string, { container: RecordWithGeometry | null; ids: string[] }>();
  for (const id of ids) {
    const r = d.get(id);
    if (!r || !hasGeometry(r) || parentRefs(r.type).length === 0) continue;
    const parentId = d.parentOf(id);
    if (parentId && moved.has(parentId)) continue;
    const centre = { x: r.geometry.x + r.geometry.w / 2, y: r.geometry.y + r.geometry.h / 2 };
    // The topmost container of each type that may hold it, under its centre.
    const under = new Map<string, RecordWithGeometry>();
    for (const c of containers) {
      if (moved.has(c.id) || c.id === id || !mayHold(c.type, r.type) || !containsPoint(c.geometry, centre)) continue;
      const best = under.get(c.type);
      if (!best || compareZ(c, best) > 0) under.set(c.type, c);
    }
    const nearest = parentRefs(r.type).find((ref) => under.has(ref.type));
    const container = nearest ? (under.get(nearest.type) as RecordWithGeometry) : null;
    const next = placement(d, r, container);
    if (parentRefs(r.type).every(({ field }) => (refOf(r, field) ?? null) === (next[field as keyof Fields] ?? null))) continue;
    const key = container?.id ?? '';
    const entry = byTarget.get(key) ?? { container, ids: [] };
    entry.ids.push(id);
    byTarget.set(key, entry);
  }
  for (const { container, ids: group } of byTarget.values()) planSetParent(d, group, container);
}

function containsPoint(g: Geometry, p: { x: number; y: number }): boolean {
  return p.x >= g.x && p.x <= g.x + g.w && p.y >= g.y && p.y <= g.y + g.h;
}

/**
 * The parent fields that put `record` in `container` (null: the top level): the container's id in
 * the field for its type, and the container's own parents in the others (a note in a cluster is in
 * the cluster's frame). Refs to records that are not there are dropped.
 */
function placement(d: Reader, record: BoardRecord, container: BoardRecord | null): Fields {
  const fields: Record<string, string | undefined> = {};
  for (const { field, type } of parentRefs(record.type)) {
    let value: string | undefined;
    if (container?.type === type) value = container.id;
    else if (container) {
      const ref = refOf(container, field);
      value = ref && d.get(ref)?.type === type ? ref : undefined;
    }
    fields[field] = value;
  }
  return fields as Fields;
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

/** The frame's template as its field reads it: a known kind other than 'free', else none. */
function templateOf(kind: unknown): { template?: TemplateKind } {
  const template = frameType.fields.template.read(kind);
  return template ? { template } : {};
}

export function createFrame(board: Board, input: FrameInput): string | null {
  if (!writable(board)) return null;
  const geometry = geometrySchema.safeParse({ x: input.x, y: input.y, w: input.w, h: input.h });
  if (!geometry.success) return null;
  const now = Date.now();
  const frame: FrameRecord = {
    id: newId(), type: frameType.type, z: keyBetween(topZ(board), null), createdAt: now, updatedAt: now,
    author: clip(input.author ?? board.author, 200), geometry: geometry.data, title: clip(input.title, LABEL_MAX),
    ...templateOf(input.template),
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
  if (!r || capabilities(r.type).labelField !== 'label') return false;
  local(board, () => update(board, id, { label: clip(label, LABEL_MAX) }, Date.now()));
  return true;
}

/**
 * Sets the words a person edits as the record's label, whatever its type keeps them in (a note's
 * text, a frame's title, a cluster's or connector's label). Unchanged words write nothing.
 */
export function setLabel(board: Board, id: string, words: string): boolean {
  const r = board.get(id);
  const field = r ? capabilities(r.type).labelField : null;
  if (!r || !field || typeof words !== 'string') return false;
  if (capabilities(r.type).longText) return editText(board, id, words);
  if (labelOf(r) === words.slice(0, LABEL_MAX) || !writable(board)) return false;
  local(board, () => update(board, id, { [field]: clip(words, LABEL_MAX) } as Fields, Date.now()));
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
  const notes = [...new Set(noteIds)].map((id) => board.get(id))
    .filter((r): r is NoteRecord => !!r && r.type === noteType.type && mayHold(clusterType.type, r.type)).sort(compareZ);
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
    id: newId(), type: clusterType.type, z: keyBetween(below?.z ?? null, first.z), createdAt: now, updatedAt: now,
    author: board.author, geometry: box, label: clip(label, LABEL_MAX), ...(frameId ? { frameId } : {}),
  };
  local(board, () => {
    insertRecord(recordsMap(board.doc), cluster);
    for (const n of notes) update(board, n.id, { clusterId: cluster.id, frameId }, now);
  });
  return cluster.id;
}

/** The notes stay where they are (in the cluster's frame, if any); the cluster and its connectors go. */
function planUngroup(d: Draft, clusterId: string): boolean {
  const cluster = clusterOf(d, clusterId);
  if (!cluster) return false;
  const outer = frameOf(d, cluster.frameId) ?? null;
  for (const member of d.children(clusterId)) d.set(member.id, placement(d, member, outer));
  d.remove(clusterId);
  return true;
}

export function ungroup(board: Board, clusterId: string): boolean {
  return ungroupClusters(board, [clusterId]);
}

/** Several clusters at once (the selection's), as one undo step. */
export function ungroupClusters(board: Board, clusterIds: readonly string[]): boolean {
  return run(board, (d) => {
    let any = false;
    for (const id of new Set(clusterIds)) any = planUngroup(d, id) || any;
    return any;
  });
}

/**
 * Moves records into a container (a cluster or a frame), or to the top level with `null`, as the
 * outline does. Anything not already inside its new container is placed inside it, and a cluster
 * grows to hold the notes it receives, so the canvas agrees with the outline. What the container
 * may not hold is left alone.
 */
function planSetParent(d: Draft, ids: readonly string[], container: RecordWithGeometry | null): boolean {
  const items = [...new Set(ids)].map((id) => d.get(id))
    .filter((r): r is RecordWithGeometry => !!r && hasGeometry(r) && (container ? mayHold(container.type, r.type) : parentRefs(r.type).length > 0))
    .sort(compareZ);
  if (items.length === 0) return false;
  if (container?.type === clusterType.type) {
    // A cluster is drawn around its notes: newcomers from outside go in a row under the current members.
    const members = d.children(container.id).filter(hasGeometry);
    let box = container.geometry;
    let x = container.geometry.x + CLUSTER_PADDING;
    const y = members.length > 0 ? Math.max(...members.map((m) => m.geometry.y + m.geometry.h)) + CLUSTER_PADDING : container.geometry.y + CLUSTER_PADDING + CLUSTER_LABEL_SPACE;
    for (const item of items) {
      let g = item.geometry;
      if (!inside(g, container.geometry)) {
        g = { ...g, x, y };
        x += g.w + CLUSTER_PADDING;
        d.set(item.id, { geometry: plain(g) });
      }
      box = union(box, { x: g.x - CLUSTER_PADDING, y: g.y - CLUSTER_PADDING, w: g.w + 2 * CLUSTER_PADDING, h: g.h + 2 * CLUSTER_PADDING });
      d.set(item.id, placement(d, item, container));
    }
    if (box !== container.geometry) d.set(container.id, { geometry: plain(box) });
    return true;
  }
  // A frame (or the top level) is an area: what lies outside it is brought in, cascading.
  let cascade = 0;
  for (const item of items) {
    d.set(item.id, placement(d, item, container));
    const moved = d.get(item.id) as BoardRecord;
    const children = isContainerType(item.type) ? d.children(item.id) : [];
    for (const child of children) d.set(child.id, placement(d, child, moved));
    if (!container || inside(item.geometry, container.geometry)) continue;
    const dx = container.geometry.x + CLUSTER_PADDING + cascade - item.geometry.x;
    const dy = container.geometry.y + FRAME_TITLE_SPACE + cascade - item.geometry.y;
    cascade += 24;
    d.set(item.id, { geometry: plain({ ...item.geometry, x: item.geometry.x + dx, y: item.geometry.y + dy }) });
    for (const child of children) {
      if (hasGeometry(child)) d.set(child.id, { geometry: plain({ ...child.geometry, x: child.geometry.x + dx, y: child.geometry.y + dy }) });
    }
  }
  return true;
}

/** The container named by a frameId / clusterId pair (a cluster wins); null for neither; undefined when it is not there. */
function containerFor(d: Reader, parent: { frameId?: string | null; clusterId?: string | null }): RecordWithGeometry | null | undefined {
  if (parent.clusterId) return clusterOf(d, parent.clusterId);
  if (parent.frameId) return frameOf(d, parent.frameId);
  return null;
}

export function setParent(board: Board, ids: readonly string[], parent: { frameId?: string | null; clusterId?: string | null }): boolean {
  return run(board, (d) => {
    const container = containerFor(d, parent);
    return container !== undefined && planSetParent(d, ids, container);
  });
}

/**
 * Moves records into a container (null: the top level) and puts them in its outline order as one
 * undo step: after `after` when that is a sibling there, else last when `last` is set.
 */
export function moveInto(board: Board, ids: readonly string[], containerId: string | null, place: { after?: string; last?: boolean } = {}): boolean {
  return run(board, (d) => {
    const container = containerId ? d.get(containerId) : null;
    if (container === undefined || (container && !isContainer(container))) return false;
    if (!planSetParent(d, ids, container)) return false;
    for (const id of ids) {
      if (place.after && d.parentOf(place.after) === containerId && d.parentOf(id) === containerId) {
        const siblings = d.children(containerId).map((r) => r.id);
        if (siblings[siblings.indexOf(place.after) + 1] !== id) planReorder(d, id, { after: place.after });
      } else if (place.last && containerId) {
        const siblings = d.children(containerId);
        const last = siblings.filter((r) => r.id !== id).at(-1);
        if (last && siblings.at(-1)?.id !== id) planReorder(d, id, { after: last.id });
      }
    }
    return true;
  });
}

/** A frame around the records (the notes of a cluster bring the cluster), holding them, as one undo step. */
export function frameAround(board: Board, ids: readonly string[], input: { title: string; author?: string }): string | null {
  let frameId: string | null = null;
  run(board, (d) => {
    const items = new Map<string, RecordWithGeometry>();
    for (const id of ids) {
      let r = d.get(id);
      if (!r || !hasGeometry(r) || !mayHold(frameType.type, r.type)) continue;
      // Lift to the outermost container a frame may hold: a note alone would leave its cluster.
      for (let parentId = d.parentOf(r.id), i = 0; parentId && i < 8; parentId = d.parentOf(parentId), i++) {
        const parent = d.get(parentId);
        if (!parent || !hasGeometry(parent) || !mayHold(frameType.type, parent.type)) break;
        r = parent;
      }
      if (hasGeometry(r)) items.set(r.id, r);
    }
    const box = geometryOfAll([...items.values()]);
    if (!box) return false;
    const now = Date.now();
    const frame: FrameRecord = {
      id: newId(), type: frameType.type, z: keyBetween(topZ(board), null), createdAt: now, updatedAt: now,
      author: clip(input.author ?? board.author, 200), title: clip(input.title, LABEL_MAX),
      geometry: roundBox({ x: box.x - 32, y: box.y - 32 - FRAME_TITLE_SPACE, w: box.w + 64, h: box.h + 64 + FRAME_TITLE_SPACE }),
    };
    d.insert(frame);
    planSetParent(d, [...items.keys()], frame);
    frameId = frame.id;
    return true;
  });
  return frameId;
}

function geometryOfAll(records: readonly RecordWithGeometry[]): Geometry | null {
  if (records.length === 0) return null;
  const x = Math.min(...records.map((r) => r.geometry.x)), y = Math.min(...records.map((r) => r.geometry.y));
  const right = Math.max(...records.map((r) => r.geometry.x + r.geometry.w)), bottom = Math.max(...records.map((r) => r.geometry.y + r.geometry.h));
  return { x, y, w: right - x, h: bottom - y };
}

function roundBox(g: Geometry): Geometry {
  const side = (v: number): number => Math.min(COORD_MAX, Math.max(1, Math.round(v)));
  return { x: clampCoord(Math.round(g.x)) + 0, y: clampCoord(Math.round(g.y)) + 0, w: side(g.w), h: side(g.h) };
}

// ---------- order ----------

function planReorder(d: Draft, id: string, place: { before?: string; after?: string }): boolean {
  const parent = d.parentOf(id);
  if (parent === undefined) return false;
  const siblings = d.children(parent).filter((r) => r.id !== id);
  const at = (sid: string | undefined): number => (sid ? siblings.findIndex((r) => r.id === sid) : -1);
  const bi = at(place.before), ai = at(place.after);
  if ((place.before && bi < 0) || (place.after && ai < 0) || (!place.before && !place.after)) return false;
  const lo = place.after ? siblings[ai]?.z ?? null : siblings[bi - 1]?.z ?? null;
  const hi = place.before ? siblings[bi]?.z ?? null : siblings[ai + 1]?.z ?? null;
  d.set(id, { z: keyBetween(lo, hi) });
  return true;
}

/** New z between two outline siblings; `before`/`after` name the sibling to land before/after. */
export function reorder(board: Board, id: string, place: { before?: string; after?: string }): boolean {
  return run(board, (d) => planReorder(d, id, place));
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

// ---------- placing a new note ----------

/** Space kept between a new note and the notes around it. */
export const NOTE_GAP = 24;

/**
 * THE placement rule for "add a note here", the canvas's and the outline's: the centre nearest to
 * `centre`, on a grid of note-sized steps up to four rings out, where the new note touches no
 * other note; `centre` itself when every spot is taken.
 */
export function freeSpotNear(board: Reader & Pick<Board, 'all'>, centre: { x: number; y: number }): { x: number; y: number } {
  const { w, h } = NOTE_SIZE;
  const notes = board.all().filter((r): r is NoteRecord => r.type === noteType.type);
  const candidates: Array<{ x: number; y: number }> = [];
  for (let ring = 0; ring <= 4; ring++) {
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) === ring) candidates.push({ x: centre.x + i * (w + NOTE_GAP), y: centre.y + j * (h + NOTE_GAP) });
      }
    }
  }
  const free = (p: { x: number; y: number }): boolean => {
    const area = { x: p.x - w / 2 - NOTE_GAP / 2, y: p.y - h / 2 - NOTE_GAP / 2, w: w + NOTE_GAP, h: h + NOTE_GAP };
    return !notes.some(({ geometry: g }) => g.x <= area.x + area.w && area.x <= g.x + g.w && g.y <= area.y + area.h && area.y <= g.y + g.h);
  };
  candidates.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
  return candidates.find(free) ?? centre;
}

/** The innermost container whose area holds the point and that may hold a note (a cluster before its frame). */
export function containerAt(board: Reader & Pick<Board, 'all'>, p: { x: number; y: number }): RecordWithGeometry | null {
  const under = new Map<string, RecordWithGeometry>();
  for (const c of board.all()) {
    if (!isContainer(c) || !mayHold(c.type, noteType.type) || !containsPoint(c.geometry, p)) continue;
    const best = under.get(c.type);
    if (!best || compareZ(c, best) > 0) under.set(c.type, c);
  }
  const nearest = parentRefs(noteType.type).find((ref) => under.has(ref.type));
  return nearest ? (under.get(nearest.type) ?? null) : null;
}

export interface NoteHere {
  /** The note's centre, or with `findFree` the point to look for a free spot around. */
  at: { x: number; y: number };
  findFree?: boolean;
  author: string;
  color?: NoteColor;
  text?: string;
  /** Its container (null: the top level); without it, the container under the note's centre. */
  containerId?: string | null;
  /** The outline sibling to follow (in its container). */
  after?: string;
}

/**
 * "Add a note here", from the canvas (a double-click, N) or the outline (after the item in focus),
 * as ONE undo step: the note is placed by freeSpotNear, inside its container (a cluster grows to
 * hold it), and after `after` among the container's items.
 */
export function addNoteHere(board: Board, here: NoteHere): string | null {
  let id: string | null = null;
  run(board, (d) => {
    const centre = here.findFree ? freeSpotNear(d, here.at) : here.at;
    const container = here.containerId === undefined ? containerAt(d, centre) : here.containerId ? d.get(here.containerId) : null;
    if (container === undefined || (container && !isContainer(container))) return false;
    const parent = container ? placement(d, { type: noteType.type } as BoardRecord, container) : {};
    // On top of everything, unless that would not put it right after `after` among its siblings.
    const siblings = d.children(container?.id ?? null);
    const after = here.after ? siblings.findIndex((r) => r.id === here.after) : -1;
    const next = after >= 0 ? siblings[after + 1] : undefined;
    const z = next ? keyBetween(siblings[after]?.z ?? null, next.z) : keyBetween(topZ(board), null);
    const note = noteRecord(d, {
      text: here.text, x: Math.round(centre.x - NOTE_SIZE.w / 2), y: Math.round(centre.y - NOTE_SIZE.h / 2), color: here.color, author: here.author,
      ...(parent as { frameId?: string; clusterId?: string }),
    }, newId(), z, Date.now());
    d.insert(note);
    // A container chosen for it (the outline's) holds it inside; on the canvas it lands where asked.
    if (container && here.containerId !== undefined && !inside(note.geometry, container.geometry)) planSetParent(d, [note.id], container);
    id = note.id;
    return true;
  });
  return id;
}

// ---------- connectors ----------

export function connect(board: Board, from: string, to: string, label = ''): string | null {
  if (!writable(board)) return null;
  const a = board.get(from), b = board.get(to);
  if (!a || !b || from === to || !capabilities(a.type).linkable || !capabilities(b.type).linkable) return null;
  const now = Date.now();
  const id = newId();
  local(board, () => insertRecord(recordsMap(board.doc), {
    id, type: connectorType.type, z: keyBetween(topZ(board), null), createdAt: now, updatedAt: now,
    author: board.author, from, to, label: clip(label, LABEL_MAX),
  }));
  return id;
}

// ---------- delete ----------

/** Connectors attached to deleted records go too; a deleted container lets go of its contents. */
export function deleteRecords(board: Board, ids: readonly string[]): boolean {
  if (!writable(board)) return false;
  const doomed = new Set(ids.filter((id) => board.get(id) && board.mayDelete(id)));
  if (doomed.size === 0) return false;
  const now = Date.now();
  const orphans: Array<[string, Fields]> = [];
  for (const r of board.all()) {
    if (doomed.has(r.id)) continue;
    const fields: Record<string, undefined> = {};
    for (const { field } of parentRefs(r.type)) {
      const ref = refOf(r, field);
      if (ref && doomed.has(ref)) fields[field] = undefined;
    }
    if (Object.keys(fields).length > 0) orphans.push([r.id, fields as Fields]);
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
