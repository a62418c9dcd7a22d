// Keyboard and composition decisions for the text overlay, kept pure so the rules that protect
// Korean input are unit-tested: a key pressed while an IME is composing belongs to the IME.
import { textDiff } from '../../shared/board/commands';

export interface KeyLike {
  key: string;
  code?: string;
  keyCode?: number;
  isComposing?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/**
 * True while an IME owns the keystroke. Chrome reports the first key of a Hangul syllable with
 * keyCode 229 / key "Process" and isComposing false, and later ones with isComposing true.
 */
export function isImeKey(e: KeyLike): boolean {
  return e.isComposing === true || e.keyCode === 229 || e.key === 'Process';
}

/**
 * Whether this keydown in the open editor closes it, keeping the text. Escape and Ctrl/⌘+Enter
 * close; plain Enter inserts a newline; nothing closes while composing (the Enter that ends a
 * Hangul syllable must not commit, or the syllable is committed twice or lost).
 */
export function shouldCommitOnKey(e: KeyLike): boolean {
  if (isImeKey(e)) return false;
  if (e.key === 'Escape') return true;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return true;
  return false;
}

/** One operation of a Y.Text change (event.delta), in the coordinates of the text before it. */
export interface DeltaOp {
  retain?: number;
  insert?: string | object | unknown[];
  delete?: number;
}

/**
 * Where `index` ends up after a change. `assocRight`: an insertion exactly at `index` lands
 * before it (the index moves right); otherwise after it (the index stays).
 */
export function mapIndex(index: number, delta: readonly DeltaOp[], assocRight: boolean): number {
  let pos = 0;
  let out = index;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1;
      if (pos < index || (pos === index && assocRight)) out += len;
    } else if (op.delete !== undefined) {
      const end = pos + op.delete;
      if (end <= index) out -= op.delete;
      else if (pos < index) out -= index - pos;
      pos = end;
    }
  }
  return out;
}

/**
 * The editor's edit (base → mine) replayed on the document after the changes others made
 * meanwhile (`remote`, Y.Text deltas in order, starting from `base`). Their text survives unless
 * it sits inside the span this person rewrote.
 */
export function rebaseEdit(base: string, mine: string, theirs: string, remote: readonly (readonly DeltaOp[])[]): string {
  const local = textDiff(base, mine);
  if (!local) return theirs;
  let start = local.index;
  let end = local.index + local.remove;
  for (const delta of remote) {
    start = mapIndex(start, delta, true);
    end = mapIndex(end, delta, false);
  }
  if (start < 0 || start > theirs.length || end > theirs.length) return mergeText(base, mine, theirs);
  return theirs.slice(0, start) + local.insert + theirs.slice(Math.max(start, end));
}

/**
 * Three-way merge of one local edit with whatever arrived from others while the editor was
 * open. `base` is what the editor last agreed with the document, `mine` is the textarea, `theirs`
 * is the document now. Non-overlapping edits both survive; where they overlap, mine wins.
 */
export function mergeText(base: string, mine: string, theirs: string): string {
  const local = textDiff(base, mine);
  if (!local) return theirs;
  const remote = textDiff(base, theirs);
  if (!remote) return mine;
  const localEnd = local.index + local.remove;
  const remoteEnd = remote.index + remote.remove;
  if (localEnd <= remote.index) {
    // Mine is wholly before theirs: apply mine to theirs at the same index.
    return theirs.slice(0, local.index) + local.insert + theirs.slice(localEnd);
  }
  if (remoteEnd <= local.index) {
    // Theirs is wholly before mine: shift my index by what they added or removed.
    const shift = remote.insert.length - remote.remove;
    const at = local.index + shift;
    return theirs.slice(0, at) + local.insert + theirs.slice(at + local.remove);
  }
  // Overlap: keep their text outside the overlapping span and mine inside it.
  const start = Math.min(local.index, remote.index);
  const end = Math.max(localEnd, remoteEnd);
  const mineSpan = mine.slice(start, mine.length - (base.length - end));
  const theirsHead = theirs.slice(0, start);
  const theirsTail = theirs.slice(theirs.length - (base.length - end));
  return theirsHead + mineSpan + theirsTail;
}
