// The canvas's clipboard glue: board records go out as versioned JSON (shared/board/clipboard.ts);
// coming in, that JSON pastes as records and any other text becomes a note.
import type { Board } from '../../shared/board/board';
import { createNote } from '../../shared/board/commands';
import { copyRecords, parseClipboard, pasteRecords } from '../../shared/board/clipboard';
import { NOTE_SIZE, type NoteColor } from '../../shared/board/types';
import { readClipboard, writeClipboard } from './clipboard';
import type { Point } from './viewport';

export async function copyToClipboard(board: Board, ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return false;
  await writeClipboard(JSON.stringify(copyRecords(board, ids)));
  return true;
}

export interface PasteOptions {
  /** Where the pointer is on the board, when it is over the canvas: the paste lands there. */
  at: Point | undefined;
  /** Where pasted text goes without a pointer (the middle of the view). */
  centre(): Point;
  color: NoteColor;
  author: string;
  /** False once the canvas is gone (reading the clipboard is asynchronous). */
  alive(): boolean;
}

/** The ids of what was pasted ([] for nothing). */
export async function pasteFromClipboard(board: Board, opts: PasteOptions): Promise<string[]> {
  const text = await readClipboard();
  if (!text || !opts.alive()) return [];
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = null;
  }
  if (parseClipboard(payload)) return pasteRecords(board, payload, opts.at) ?? [];
  if (!text.trim()) return [];
  // Plain text from elsewhere becomes a note.
  const p = opts.at ?? opts.centre();
  const id = createNote(board, { text: text.trim(), x: Math.round(p.x - NOTE_SIZE.w / 2), y: Math.round(p.y - NOTE_SIZE.h / 2), color: opts.color, author: opts.author });
  return id ? [id] : [];
}
