// Copy/paste and duplicate. The clipboard carries plain, versioned JSON so it works between boards
// (and between app windows); anything that does not validate is refused whole.
import { BOARD_LIMITS } from './policy';
import { z } from 'zod';
import type { Board } from './board';
import { recordsMap } from './schema';
import { keysAfter } from './keys';
import { compareZ, type BoardRecord, type RecordType } from './types';
import { hasGeometry, isContainer, isLink, parentRefs, recordSchema, refOf } from './records/registry';
import { clampCoord, descendants, geometryOf, insertRecord, isNum, local, newId, topZ, writable } from './write';

export const CLIPBOARD_FORMAT = 'madang-clipboard';
export const CLIPBOARD_VERSION = 1;
export const CLIPBOARD_MAX_RECORDS = 20_000;
/** Pasting into the board it came from, without a target point, shifts the copy so it is visible. */
export const PASTE_OFFSET = 24;

export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  version: typeof CLIPBOARD_VERSION;
  sourceBoardId: string;
  records: BoardRecord[];
}

const payloadSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(CLIPBOARD_VERSION),
  sourceBoardId: z.string().max(200),
  records: z.array(recordSchema).max(CLIPBOARD_MAX_RECORDS),
});

export function parseClipboard(input: unknown): ClipboardPayload | null {
  const parsed = payloadSchema.safeParse(input);
  if (!parsed.success) return null;
  const ids = new Set(parsed.data.records.map((r) => r.id));
  return ids.size === parsed.data.records.length ? parsed.data : null;
}

/** The records, everything inside the frames and clusters among them, and the connectors between them. */
export function copyRecords(board: Board, ids: readonly string[]): ClipboardPayload {
  const picked = new Map<string, BoardRecord>();
  for (const id of ids) {
    const r = board.get(id);
    if (!r || isLink(r)) continue;
    picked.set(r.id, r);
    if (isContainer(r)) for (const d of descendants(board, r.id)) picked.set(d.id, d);
  }
  for (const r of board.all()) {
    if (isLink(r) && picked.has(r.from) && picked.has(r.to)) picked.set(r.id, r);
  }
  const records = [...picked.values()].sort(compareZ).map((r) => JSON.parse(JSON.stringify(r)) as BoardRecord);
  return { format: CLIPBOARD_FORMAT, version: CLIPBOARD_VERSION, sourceBoardId: board.boardId(), records };
}

/** New ids for everything, placed so the group's top-left lands on `at`. A foreign or damaged payload → null. */
/** An upper bound of the records' size as UTF-8 (every UTF-16 unit counted as 3 bytes). */
function utf8Upper(records: readonly BoardRecord[]): number {
  return JSON.stringify(records).length * 3;
}

export function pasteRecords(board: Board, payload: unknown, at?: { x: number; y: number }): string[] | null {
  if (!writable(board)) return null;
  const clip = parseClipboard(payload);
  if (!clip) return null;
  const sameBoard = clip.sourceBoardId !== '' && clip.sourceBoardId === board.boardId();
  const box = geometryOf(clip.records.filter(hasGeometry));
  if (at && isNum(at.x) && isNum(at.y) && box) return insertCopies(board, clip.records, at.x - box.x, at.y - box.y, false);
  const offset = sameBoard ? PASTE_OFFSET : 0;
  return insertCopies(board, clip.records, offset, offset, sameBoard);
}

/** Copies shifted by `offset`; connectors between the copies are copied too. */
export function duplicateRecords(board: Board, ids: readonly string[], offset: { x: number; y: number }): string[] | null {
  if (!writable(board)) return null;
  const { records } = copyRecords(board, ids);
  return insertCopies(board, records, isNum(offset.x) ? offset.x : 0, isNum(offset.y) ? offset.y : 0, true);
}

/**
 * `keepOuterParents`: a copy whose frame or cluster was not copied stays in the original one, which
 * is right for duplicate-in-place, wrong for a paste elsewhere or on another board.
 */
function insertCopies(board: Board, source: readonly BoardRecord[], dx: number, dy: number, keepOuterParents: boolean): string[] | null {
  const typeOf = new Map<string, RecordType>(source.map((r) => [r.id, r.type]));
  const idMap = new Map(source.map((r) => [r.id, newId()]));
  const ref = (id: string | undefined, type: string): string | undefined => {
    if (!id) return undefined;
    if (typeOf.get(id) === type) return idMap.get(id);
    return keepOuterParents && !typeOf.has(id) && board.get(id)?.type === type ? id : undefined;
  };
  const copies = [...source].sort(compareZ).filter((r) => !isLink(r) || (idMap.has(r.from) && idMap.has(r.to)));
  // A participant's change larger than the room's hub takes would be refused whole after it is
  // made here, and this device's board would then differ from the room's: refuse it now instead.
  if (board.actor?.role === 'participant' && utf8Upper(copies) > BOARD_LIMITS.participantUpdateBytes * 0.8) return null;
  const zs = keysAfter(topZ(board), copies.length);
  const now = Date.now();
  const made = copies.map((r, i): BoardRecord => {
    const copy: Record<string, unknown> = { ...r, id: idMap.get(r.id), z: zs[i], createdAt: now, updatedAt: now, author: board.author || r.author };
    if (isLink(r)) Object.assign(copy, { from: idMap.get(r.from), to: idMap.get(r.to) });
    if (hasGeometry(r)) copy['geometry'] = { ...r.geometry, x: clampCoord(r.geometry.x + dx), y: clampCoord(r.geometry.y + dy) };
    for (const { field, type } of parentRefs(r.type)) {
      const parent = ref(refOf(r, field), type);
      if (parent) copy[field] = parent;
      else delete copy[field];
    }
    return copy as unknown as BoardRecord;
  });
  const records = recordsMap(board.doc);
  local(board, () => made.forEach((r) => insertRecord(records, r)));
  return made.map((r) => r.id);
}
