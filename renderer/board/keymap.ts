// The canvas's keyboard: which command a key press means, as a pure function of the key and the
// canvas's state, so the whole map is unit-tested without a DOM. BoardRenderer runs the command.

export type KeyCommand =
  | { run: 'undo' | 'redo' | 'copy' | 'cut' | 'paste' | 'duplicate' | 'group' | 'ungroup' | 'selectAll' }
  | { run: 'edit' | 'addNote' | 'delete' | 'clearSelection' | 'zoomIn' | 'zoomOut' | 'fit' | 'holdSpace' }
  | { run: 'nudge'; dx: number; dy: number }
  | { run: 'pan'; dx: number; dy: number };

/** What of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface KeyContext {
  /** Something is selected on the canvas. */
  hasSelection: boolean;
  /** The board may not be changed (nudging turns into panning). */
  readOnly: boolean;
  /**
   * The key went to the hidden textarea of a selected note (the "sink"), where a letter starts
   * typing into the note: single-letter shortcuts stand aside.
   */
  inSink: boolean;
}

/** Arrow keys move the selection by this much (Shift: `NUDGE_BIG`), or the view by PAN_FACTOR times it. */
export const NUDGE = 10;
export const NUDGE_BIG = 50;
export const PAN_FACTOR = 5;

/** The command a key press means, or null when the canvas leaves the key alone. */
export function commandForKey(e: KeyPress, ctx: KeyContext): KeyCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'z' && !e.shiftKey) return { run: 'undo' };
    if ((key === 'z' && e.shiftKey) || key === 'y') return { run: 'redo' };
    if (key === 'c') return { run: 'copy' };
    if (key === 'x') return { run: 'cut' };
    if (key === 'v') return { run: 'paste' };
    if (key === 'd') return { run: 'duplicate' };
    if (key === 'g') return { run: e.shiftKey ? 'ungroup' : 'group' };
    if (key === 'a') return { run: 'selectAll' };
    if (key === 'Enter') return { run: 'edit' };
    if (key === '=' || key === '+') return { run: 'zoomIn' };
    if (key === '-') return { run: 'zoomOut' };
    if (key === '0') return { run: 'fit' };
    return null;
  }
  if (e.altKey) return null;
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return ctx.hasSelection ? { run: 'delete' } : null;
    case 'Escape':
      return ctx.hasSelection ? { run: 'clearSelection' } : null;
    case 'Enter':
      return { run: ctx.hasSelection ? 'edit' : 'addNote' };
    case 'F2':
      return { run: 'edit' };
    case ' ':
      return { run: 'holdSpace' };
    case 'ArrowLeft':
    case 'ArrowRight':
    case 'ArrowUp':
    case 'ArrowDown': {
      const step = e.shiftKey ? NUDGE_BIG : NUDGE;
      const dx = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
      const dy = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
      if (ctx.hasSelection && !ctx.readOnly) return { run: 'nudge', dx: dx * step, dy: dy * step };
      return { run: 'pan', dx: -dx * step * PAN_FACTOR + 0, dy: -dy * step * PAN_FACTOR + 0 };
    }
    default:
      break;
  }
  // Single-letter shortcuts only where they cannot be typing into a note: there, the key goes
  // (with its IME composition) into the focused textarea untouched.
  if (ctx.inSink) return null;
  if (key === 'n' || e.code === 'KeyN') return { run: 'addNote' };
  if (key === '+' || key === '=') return { run: 'zoomIn' };
  if (key === '-') return { run: 'zoomOut' };
  if (key === '!' || (key === '1' && e.shiftKey)) return { run: 'fit' };
  return null;
}
