// The .madang file: a board carried between machines on a USB stick. Everything in it is checked
// on a scratch doc before the real board is touched; errors are i18n keys.
import * as Y from 'yjs';
import { z } from 'zod';
import { Board } from './board';
import { BOARD_SCHEMA_VERSION, LOAD, docSchemaVersion, metaMap, recordsMap } from './schema';
import { crc32, fromBase64, toBase64 } from './bytes';

export const BOARD_FILE_FORMAT = 'madang-board';
export const BOARD_FILE_VERSION = 1;
export const BOARD_FILE_EXTENSION = '.madang';
export const BOARD_FILE_MAX_BYTES = 50 * 1024 * 1024;

export type BoardFileError = 'file.tooLarge' | 'file.notMadang' | 'file.damaged' | 'file.newerVersion';
export type BoardImportError = 'file.otherBoard';

/** A decoded, verified file: the header plus the Yjs state it carries. */
export interface BoardFile {
  formatVersion: number;
  schemaVersion: number;
  boardId: string;
  title: string;
  exportedAt: number;
  noteCount: number;
  update: Uint8Array;
}

const fileSchema = z.object({
  format: z.literal(BOARD_FILE_FORMAT),
  formatVersion: z.literal(BOARD_FILE_VERSION),
  schemaVersion: z.number().int().min(0),
  boardId: z.string().min(1).max(200),
  title: z.string().max(1000),
  exportedAt: z.number().finite(),
  noteCount: z.number().int().min(0),
  // Not in the brief's field list: a bit flip inside the state can still be a valid Yjs update
  // (e.g. a changed letter in a note), so only a checksum can tell.
  stateCrc32: z.number().int().min(0).max(0xffffffff),
  state: z.string(),
});

function countNotes(doc: Y.Doc): number {
  let n = 0;
  recordsMap(doc).forEach((y) => {
    if (y instanceof Y.Map && y.get('type') === 'note') n++;
  });
  return n;
}

export function encodeBoardFile(board: Board): Uint8Array {
  const state = Y.encodeStateAsUpdate(board.doc);
  const file: z.infer<typeof fileSchema> = {
    format: BOARD_FILE_FORMAT, // first, so a reader can tell a truncated file from a foreign one
    formatVersion: BOARD_FILE_VERSION,
    schemaVersion: docSchemaVersion(board.doc),
    boardId: board.boardId(),
    title: board.title(),
    exportedAt: Date.now(),
    noteCount: countNotes(board.doc),
    stateCrc32: crc32(state),
    state: toBase64(state),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

export function decodeBoardFile(bytes: Uint8Array): { ok: true; file: BoardFile } | { ok: false; error: BoardFileError } {
  const fail = (error: BoardFileError): { ok: false; error: BoardFileError } => ({ ok: false, error });
  if (!(bytes instanceof Uint8Array)) return fail('file.notMadang');
  if (bytes.byteLength > BOARD_FILE_MAX_BYTES) return fail('file.tooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('file.notMadang');
  }
  const looksOurs = text.slice(0, 200).includes(`"${BOARD_FILE_FORMAT}"`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(looksOurs ? 'file.damaged' : 'file.notMadang');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BOARD_FILE_FORMAT) return fail('file.notMadang');
  const version = (json as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > BOARD_FILE_VERSION) return fail('file.newerVersion');
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) return fail('file.damaged');
  const header = parsed.data;
  if (header.schemaVersion > BOARD_SCHEMA_VERSION) return fail('file.newerVersion');
  const update = fromBase64(header.state);
  if (!update || crc32(update) !== header.stateCrc32) return fail('file.damaged');

  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, update, LOAD);
    const { pendingStructs, pendingDs } = scratch.store;
    const intact = pendingStructs === null && pendingDs === null
      && metaMap(scratch).get('boardId') === header.boardId
      && docSchemaVersion(scratch) === header.schemaVersion
      && countNotes(scratch) === header.noteCount;
    if (!intact) return fail('file.damaged');
  } catch {
    return fail('file.damaged');
  } finally {
    scratch.destroy();
  }
  return {
    ok: true,
    file: {
      formatVersion: header.formatVersion, schemaVersion: header.schemaVersion, boardId: header.boardId, title: header.title,
      exportedAt: header.exportedAt, noteCount: header.noteCount, update,
    },
  };
}

/**
 * Merges the file into `targetDoc` (origin LOAD) and opens it. The target must be empty or the same
 * board: merging is how two copies of one board meet again, never how two boards become one.
 */
export function importBoardFile(targetDoc: Y.Doc, file: BoardFile): { ok: true; board: Board } | { ok: false; error: BoardImportError | 'file.damaged' } {
  const existing = metaMap(targetDoc).get('boardId');
  if (existing !== undefined && existing !== file.boardId) return { ok: false, error: 'file.otherBoard' };
  if (existing === undefined && recordsMap(targetDoc).size > 0) return { ok: false, error: 'file.otherBoard' };
  try {
    Y.applyUpdate(targetDoc, file.update, LOAD);
  } catch {
    return { ok: false, error: 'file.damaged' };
  }
  return { ok: true, board: Board.open(targetDoc) };
}
