// The glue between the canvas's text overlay (textOverlay.ts) and the board: what a record's
// editable words are, how an edit is written (one command, setLabel), and how the overlay looks
// over each kind of record. The record's type says which field holds the words (the registry).
import type * as Y from 'yjs';
import type { Board } from '../../shared/board/board';
import { setLabel } from '../../shared/board/commands';
import { capabilities, labelOf } from '../../shared/board/records/registry';
import { DEFAULT_NOTE_COLOR, type NoteColor } from '../../shared/board/types';
import type { Translate } from '../i18n';
import { noteFill, noteTextBox } from './draw';
import { NOTE_TEXT, fitText, type WidthOf } from './textLayout';
import type { EditKind, EditTarget, OverlayLayout } from './textOverlay';
import type { Rect } from './viewport';
import type { DeltaOp } from './ime';

/** The record's words as the editor opens on them; null when the record is gone. */
export function editableText(board: Board, target: EditTarget): string | null {
  const r = board.get(target.id);
  return r ? labelOf(r) : null;
}

/** Writes an edit (nothing on a read-only board, nothing when unchanged). */
export function commitEdit(board: Board, target: EditTarget, text: string): void {
  if (board.readOnly || !board.get(target.id)) return;
  setLabel(board, target.id, text);
}

/** Where the editor opens its caret: long text at its end, a label selected whole to be replaced. */
export function selectOnOpen(kind: EditKind): 'end' | 'all' {
  return capabilities(kind).longText ? 'end' : 'all';
}

/** A container's label band (the canvas draws the title there): font size and band height. */
const LABEL_BANDS: Partial<Record<EditKind, { fontSize: number; band: number }>> = {
  frame: { fontSize: 22, band: 48 },
  cluster: { fontSize: 17, band: 32 },
};

/**
 * How the overlay sits over the record: long text (a note) laid out exactly as the canvas draws
 * it, on the note's colour; a link's label in a white box; a container's label in its band.
 */
export function overlayLayout(board: Board, target: EditTarget, text: string, rect: Rect, widthOf: WidthOf, needGlyphs: (text: string) => void): OverlayLayout {
  const caps = capabilities(target.kind);
  if (caps.longText) {
    const r = board.get(target.id);
    const box = noteTextBox(rect);
    const layout = fitText(text, box, widthOf, NOTE_TEXT);
    needGlyphs(text);
    const lines = Math.max(1, layout.lines.length);
    const paddingTop = Math.max(NOTE_TEXT.padding, (box.h - lines * layout.lineHeight) / 2);
    const color = r && 'color' in r ? (r.color as NoteColor) : DEFAULT_NOTE_COLOR;
    return { fontSize: layout.fontSize, lineHeight: layout.lineHeight, paddingTop, padding: NOTE_TEXT.padding, align: 'center', fontWeight: 400, background: noteFill(color) };
  }
  if (caps.link) return { fontSize: 14, lineHeight: 20, paddingTop: 11, padding: 8, align: 'center', fontWeight: 400, background: '#ffffff' };
  const { fontSize, band } = LABEL_BANDS[target.kind] ?? { fontSize: 17, band: 32 };
  return { fontSize, lineHeight: band - 8, paddingTop: 4, padding: 8, align: 'left', fontWeight: 700, background: '#ffffff' };
}

const EDIT_LABELS = {
  note: 'canvas.editNote',
  frame: 'canvas.editFrame',
  cluster: 'canvas.editCluster',
  connector: 'canvas.editConnector',
} as const satisfies Record<EditKind, string>;

/** The overlay's accessible name: a selected note reads out its words; editing says what is edited. */
export function overlayLabel(t: Translate, target: EditTarget, mode: 'sink' | 'editing', text: string): string {
  if (capabilities(target.kind).longText && mode === 'sink') {
    const short = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    return t('canvas.noteSelected', { text: short || t('canvas.emptyNote') });
  }
  return t(EDIT_LABELS[target.kind]);
}

/** Others' typing in the record's long text while it is being edited here (the overlay merges it); returns the stop. */
export function watchRemoteText(board: Board, target: EditTarget, onDelta: (delta: DeltaOp[]) => void): () => void {
  const text = board.textOf(target.id);
  if (!text) return () => {};
  const listener = (event: Y.YTextEvent) => {
    if (!event.transaction.local) onDelta(event.delta as DeltaOp[]);
  };
  text.observe(listener);
  return () => text.unobserve(listener);
}
