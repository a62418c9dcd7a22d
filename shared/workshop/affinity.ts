// Affinity helpers: the facilitator sorts a wall of loose notes into clusters by who wrote them,
// their colour, or the first #tag in their text, laid out in rows inside the frame. One call is one
// transaction, so one undo step and one message to the room.
import type { Board } from '../board/board';
import { recordsMap } from '../board/schema';
import { keyBetween } from '../board/keys';
import { LABEL_MAX, NOTE_SIZE, compareZ, type ClusterRecord, type NoteRecord } from '../board/types';
import { CLUSTER_LABEL_SPACE, CLUSTER_PADDING, clip, clusterBox, insertRecord, local, newId, update, writable } from '../board/write';
import { contentArea, notesIn } from './templates';

export const SORT_KEYS = ['author', 'color', 'tag'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The first #tag of a note (letters and digits of any script), or ''. */
export function tagOf(text: string): string {
  return /#([\p{L}\p{N}_-]+)/u.exec(text)?.[1] ?? '';
}

function keyOf(note: NoteRecord, by: SortKey): string {
  if (by === 'author') return note.author;
  if (by === 'color') return note.color;
  return tagOf(note.text);
}

const GAP = 16;
const CLUSTER_GAP = 40;

/**
 * Clusters the frame's notes that are in no cluster yet, one cluster per value of `by`, labelled
 * with it (`labelOf` translates colours and names the notes without a tag or author). Returns the
 * new clusters' ids, or null when this client may not change the board.
 */
export function clusterBy(board: Board, frameId: string, by: SortKey, labelOf: (key: string) => string): string[] | null {
  const frame = board.get(frameId);
  if (frame?.type !== 'frame' || !writable(board)) return null;
  const loose = notesIn(board, frameId).filter((n) => !n.clusterId && board.mayEdit(n.id));
  const groups = new Map<string, NoteRecord[]>();
  for (const note of loose) {
    const key = keyOf(note, by);
    const list = groups.get(key);
    if (list) list.push(note);
    else groups.set(key, [note]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const area = contentArea(frame.geometry);
  const ids: string[] = [];
  const now = Date.now();
  const all = board.all();
  // Board reads are a snapshot until the transaction ends, so every position is computed here
  // first and written once: notes to their slots, each cluster around its slots, below its notes.
  local(board, () => {
    // Groups side by side, wrapping to a new band when the frame's width is used up.
    let x = area.x + CLUSTER_PADDING + GAP;
    let y = area.y + CLUSTER_PADDING + CLUSTER_LABEL_SPACE + GAP;
    let bandHeight = 0;
    for (const key of keys) {
      const notes = groups.get(key)!.sort(compareZ);
      const cols = Math.min(3, notes.length);
      const rows = Math.ceil(notes.length / cols);
      const w = cols * (NOTE_SIZE.w + GAP) - GAP;
      const h = rows * (NOTE_SIZE.h + GAP) - GAP;
      if (x + w > area.x + area.w && x > area.x + CLUSTER_PADDING + GAP) {
        x = area.x + CLUSTER_PADDING + GAP;
        y += bandHeight + CLUSTER_GAP + CLUSTER_PADDING * 2 + CLUSTER_LABEL_SPACE;
        bandHeight = 0;
      }
      const slots = notes.map((n, i) => ({ ...n.geometry, x: x + (i % cols) * (NOTE_SIZE.w + GAP), y: y + Math.floor(i / cols) * (NOTE_SIZE.h + GAP) }));
      const first = notes[0]!;
      const below = all[all.findIndex((r) => r.id === first.id) - 1];
      const cluster: ClusterRecord = {
        id: newId(), type: 'cluster', z: keyBetween(below?.z ?? null, first.z), createdAt: now, updatedAt: now,
        author: board.author, geometry: clusterBox(slots.map((geometry) => ({ ...first, geometry })))!, label: clip(labelOf(key), LABEL_MAX), frameId,
      };
      insertRecord(recordsMap(board.doc), cluster);
      notes.forEach((n, i) => update(board, n.id, { geometry: { x: slots[i]!.x, y: slots[i]!.y, w: n.geometry.w, h: n.geometry.h }, clusterId: cluster.id, frameId }, now));
      ids.push(cluster.id);
      x += w + CLUSTER_GAP + CLUSTER_PADDING * 2;
      bandHeight = Math.max(bandHeight, h);
    }
  });
  return ids;
}
