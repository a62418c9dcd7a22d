// The one <textarea> laid over the canvas for text: note text, frame titles, cluster and connector
// labels. Built so Korean composition is never broken:
// - While a single note is selected the textarea is already focused, invisible, holding the note's
//   text ("sink" mode). A printable key or an IME composition simply happens in it; the first
//   input/compositionstart reveals it over the note. Nothing is injected, replayed or re-dispatched,
//   so the first jamo is never lost or doubled.
// - Its value is never written while composing (or while editing at all); remote edits to the
//   open note are held and merged when the text is committed (mergeText).
// - Enter/Escape/blur during composition never commit; the commit waits for compositionend.
// - It is imperative DOM, outside React, so no re-render can touch it mid-composition.
import { hasLongText, type RecordType } from '../../shared/board/records/registry';
import { isImeKey, mergeText, rebaseEdit, shouldCommitOnKey, type DeltaOp } from './ime';
import { onPageLeave } from './pageLeave';
import type { Rect, Viewport } from './viewport';

/** The type of the record edited; its long text (a note's) is edited live, a label is committed on close. */
export type EditKind = RecordType;

const longText = (target: EditTarget): boolean => hasLongText(target.kind);

export interface EditTarget {
  id: string;
  kind: EditKind;
}

export interface OverlayLayout {
  fontSize: number;
  lineHeight: number;
  /** Space above the first line (notes centre their text vertically). */
  paddingTop: number;
  padding: number;
  align: 'center' | 'left';
  fontWeight: number;
  background: string;
}

export interface TextOverlayDeps {
  /** The stored text of the target now (note text, title or label). */
  textOf(target: EditTarget): string | null;
  /** Writes text (the already-merged result) to the document. */
  commit(target: EditTarget, text: string): void;
  /** World rectangle to cover, or null if the target is gone. */
  rectOf(target: EditTarget): Rect | null;
  viewport(): Viewport;
  /** Subscribes to changes others make to the target's text (Y.Text deltas); returns the unsubscribe. */
  watchRemote?(target: EditTarget, onDelta: (delta: readonly DeltaOp[]) => void): () => void;
  layoutFor(target: EditTarget, text: string, rect: Rect): OverlayLayout;
  /** Accessible name for the textarea in each mode. */
  label(target: EditTarget, mode: 'sink' | 'editing', text: string): string;
  onModeChange(mode: OverlayMode, target: EditTarget | null): void;
}

export type OverlayMode = 'off' | 'sink' | 'editing';

/** Live commits of note text while typing, at most this often (never during composition). */
const COMMIT_DELAY_MS = 300;
/** If an IME never reports the end of a composition after blur, give up waiting after this long. */
const BLUR_COMPOSITION_TIMEOUT_MS = 1500;

export class TextOverlay {
  readonly el: HTMLTextAreaElement;
  private target: EditTarget | null = null;
  private mode: OverlayMode = 'off';
  private composing = false;
  private closeAfterComposition = false;
  /** What the textarea and the document last agreed on (merge base). */
  private base = '';
  private commitTimer: ReturnType<typeof setTimeout> | null = null;
  private blurTimer: ReturnType<typeof setTimeout> | null = null;
  /** A remote change arrived for the open target and was held back. */
  heldRemote = false;
  /** Others' changes to the open note's text since `base`, merged in when the editor closes. */
  private held: Array<readonly DeltaOp[]> = [];
  private unwatch: (() => void) | null = null;
  private readonly listeners: Array<[string, EventListener]> = [];
  private readonly offPageLeave: () => void;

  constructor(
    parent: HTMLElement,
    private readonly deps: TextOverlayDeps,
  ) {
    const el = document.createElement('textarea');
    el.className = 'board-text-overlay';
    el.spellcheck = false;
    el.setAttribute('autocomplete', 'off');
    el.setAttribute('autocapitalize', 'sentences');
    el.rows = 1;
    el.tabIndex = -1;
    el.dataset['mode'] = 'off';
    parent.appendChild(el);
    this.el = el;
    this.on('compositionstart', () => {
      this.composing = true;
      if (this.mode === 'sink') this.enterEditing();
      this.cancelCommit();
    });
    this.on('compositionend', () => {
      this.composing = false;
      if (this.closeAfterComposition) {
        this.closeAfterComposition = false;
        this.close(true, false);
        return;
      }
      this.refit();
      this.scheduleCommit();
    });
    this.on('input', (e) => {
      if (this.mode === 'sink') this.enterEditing();
      if (this.mode !== 'editing') return;
      this.refit();
      if (!(e as InputEvent).isComposing && !this.composing) this.scheduleCommit();
    });
    this.on('keydown', (e) => this.onKeyDown(e as KeyboardEvent));
    this.on('blur', () => {
      if (this.mode !== 'editing') return;
      if (this.composing) {
        // The IME still owns the text: finish when it says so (compositionend), not now.
        this.closeAfterComposition = true;
        this.blurTimer = setTimeout(() => {
          if (!this.closeAfterComposition) return;
          this.closeAfterComposition = false;
          this.composing = false;
          this.close(true, false);
        }, BLUR_COMPOSITION_TIMEOUT_MS);
        return;
      }
      this.close(true, false);
    });
    // Typed within COMMIT_DELAY_MS of a reload or tab close would be lost otherwise.
    this.offPageLeave = onPageLeave(() => this.commitBeforeLeaving());
  }

  get currentMode(): OverlayMode {
    return this.mode;
  }

  get currentTarget(): EditTarget | null {
    return this.target;
  }

  get isComposing(): boolean {
    return this.composing;
  }

  isEditing(id?: string): boolean {
    return this.mode === 'editing' && (id === undefined || this.target?.id === id);
  }

  /**
   * Sink mode on a selected note (or off with null). The value is the note's text with the caret
   * at the end, so typed characters append; nothing is shown until the first input.
   */
  setSink(target: EditTarget | null): void {
    if (this.mode === 'editing') {
      if (target && this.target && target.id === this.target.id && target.kind === this.target.kind) return;
      this.close(true, false);
    }
    if (!target) {
      this.setMode('off', null);
      return;
    }
    if (this.composing) return;
    const same = this.mode === 'sink' && this.target?.id === target.id;
    this.setMode('sink', target);
    this.syncValue(!same);
  }

  /** Sink mode only: shows the stored text (caret at the end). Never while composing. */
  private syncValue(force: boolean): void {
    if (!this.target || this.composing) return;
    const text = this.deps.textOf(this.target) ?? '';
    if (force || this.el.value !== text) {
      this.el.value = text;
      this.el.setSelectionRange(text.length, text.length);
    }
    this.base = text;
    this.updateLabel();
    this.reposition();
  }

  /** Opens the editor (double-click, Enter, F2, a new note). `select: 'all'` for labels. */
  open(target: EditTarget, options: { select?: 'end' | 'all'; focus?: boolean } = {}): void {
    if (this.mode === 'editing' && this.target?.id === target.id) {
      this.el.focus({ preventScroll: true });
      return;
    }
    if (this.mode === 'editing') this.close(true, false);
    if (!this.composing && (this.mode !== 'sink' || this.target?.id !== target.id)) {
      const text = this.deps.textOf(target) ?? '';
      this.el.value = text;
      this.base = text;
    }
    this.target = target;
    this.enterEditing();
    if (options.focus !== false) this.el.focus({ preventScroll: true });
    if (!this.composing) {
      const len = this.el.value.length;
      if (options.select === 'all') this.el.setSelectionRange(0, len);
      else this.el.setSelectionRange(len, len);
    }
  }

  /**
   * Closes the editor keeping the text. After a note, the overlay goes back to sink mode on the
   * same note (still focused, so typing again continues editing); labels switch it off.
   */
  close(commit = true, refocusCanvas = true): void {
    if (this.mode !== 'editing' || !this.target) return;
    this.cancelCommit();
    if (this.blurTimer) clearTimeout(this.blurTimer);
    this.blurTimer = null;
    const target = this.target;
    if (commit) this.commitNow(true);
    this.stopWatching();
    this.heldRemote = false;
    if (longText(target) && this.deps.rectOf(target)) {
      const hadFocus = document.activeElement === this.el;
      this.setMode('sink', target);
      this.syncValue(false);
      if (hadFocus) this.el.focus({ preventScroll: true });
    } else {
      this.setMode('off', null);
      if (refocusCanvas) this.onCloseFocus?.();
    }
  }

  /** Called when focus should return to the canvas after a label edit. */
  onCloseFocus: (() => void) | null = null;

  /** The document changed for `id` (local or remote). Never touches the textarea while editing. */
  documentChanged(id: string): void {
    if (!this.target || this.target.id !== id) return;
    if (!this.deps.rectOf(this.target)) {
      // Deleted under us: nothing left to edit or commit to.
      this.cancelCommit();
      this.stopWatching();
      this.setMode('off', null);
      return;
    }
    if (this.mode === 'editing') {
      this.heldRemote = true;
      this.reposition();
      return;
    }
    if (this.mode === 'sink') this.syncValue(false);
  }

  /** Follows pan, zoom and live geometry: only style changes, never the value. */
  reposition(): void {
    if (!this.target || this.mode === 'off') return;
    const rect = this.deps.rectOf(this.target);
    if (!rect) return;
    const vp = this.deps.viewport();
    const style = this.el.style;
    style.left = `${Math.round(vp.x + rect.x * vp.scale)}px`;
    style.top = `${Math.round(vp.y + rect.y * vp.scale)}px`;
    style.width = `${rect.w}px`;
    style.height = `${rect.h}px`;
    style.transform = `scale(${vp.scale})`;
    this.refit(rect);
  }

  focus(): void {
    if (this.mode !== 'off') this.el.focus({ preventScroll: true });
  }

  destroy(): void {
    this.offPageLeave();
    this.cancelCommit();
    this.stopWatching();
    if (this.blurTimer) clearTimeout(this.blurTimer);
    for (const [type, fn] of this.listeners) this.el.removeEventListener(type, fn);
    this.el.remove();
  }

  private on(type: string, fn: EventListener): void {
    this.el.addEventListener(type, fn);
    this.listeners.push([type, fn]);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.mode !== 'editing') return; // sink: the canvas's key handler decides (it bubbles)
    // While editing every key belongs to the textarea (Ctrl+Z is the textarea's own undo).
    e.stopPropagation();
    if (isImeKey(e)) return;
    if (shouldCommitOnKey(e)) {
      e.preventDefault();
      this.close(true);
      return;
    }
    if (e.key === 'Enter' && this.target && !longText(this.target) && !e.shiftKey) {
      // Titles and labels are one line: Enter finishes them.
      e.preventDefault();
      this.close(true);
    }
  }

  private enterEditing(): void {
    if (!this.target) return;
    const target = this.target;
    this.setMode('editing', target);
    this.stopWatching();
    this.held = [];
    if (longText(target) && this.deps.watchRemote) {
      this.unwatch = this.deps.watchRemote(target, (delta) => {
        this.held.push(delta);
        this.heldRemote = true;
      });
    }
    this.reposition();
  }

  private stopWatching(): void {
    this.unwatch?.();
    this.unwatch = null;
    this.held = [];
  }

  private setMode(mode: OverlayMode, target: EditTarget | null): void {
    const changed = mode !== this.mode || target?.id !== this.target?.id;
    this.mode = mode;
    if (mode === 'off') this.target = null;
    else this.target = target;
    this.el.dataset['mode'] = mode;
    this.el.dataset['kind'] = target?.kind ?? '';
    this.el.tabIndex = mode === 'off' ? -1 : 0;
    this.el.readOnly = false;
    this.updateLabel();
    if (changed) this.deps.onModeChange(mode, this.target);
  }

  private updateLabel(): void {
    if (!this.target || this.mode === 'off') {
      this.el.removeAttribute('aria-label');
      return;
    }
    this.el.setAttribute('aria-label', this.deps.label(this.target, this.mode === 'editing' ? 'editing' : 'sink', this.el.value));
  }

  private refit(rect?: Rect): void {
    if (!this.target) return;
    const r = rect ?? this.deps.rectOf(this.target);
    if (!r) return;
    const layout = this.deps.layoutFor(this.target, this.el.value, r);
    const style = this.el.style;
    style.fontSize = `${layout.fontSize}px`;
    style.lineHeight = `${layout.lineHeight}px`;
    style.padding = `${layout.paddingTop}px ${layout.padding}px ${layout.padding}px`;
    style.textAlign = layout.align;
    style.fontWeight = String(layout.fontWeight);
    style.background = layout.background;
  }

  private scheduleCommit(): void {
    if (!this.target || !longText(this.target)) return; // labels commit when closed
    this.cancelCommit();
    this.commitTimer = setTimeout(() => {
      this.commitTimer = null;
      if (!this.composing && this.mode === 'editing') this.commitNow();
    }, COMMIT_DELAY_MS);
  }

  /** The page may go away: what is in the textarea goes into the document now, composition or not. */
  private commitBeforeLeaving(): void {
    if (this.mode !== 'editing' || !this.target) return;
    this.cancelCommit();
    const composing = this.composing;
    this.composing = false;
    // Others' edits held back are merged only at the end of an edit: end it, as a blur would.
    if (this.held.length > 0) return this.close(true, false);
    this.commitNow();
    this.composing = composing;
  }

  private cancelCommit(): void {
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = null;
  }

  /**
   * Writes the textarea's edit into the document. While nobody else has touched the note, live
   * (so others see the typing); once someone has, only at the end (`final`), replaying this
   * person's edit on top of theirs — the textarea itself is never rewritten while open.
   */
  private commitNow(final = false): void {
    if (!this.target || this.composing) return;
    if (this.held.length > 0 && !final) return;
    const mine = this.el.value;
    if (mine === this.base) return;
    const theirs = this.deps.textOf(this.target);
    if (theirs === null) return;
    const merged = this.held.length > 0 ? rebaseEdit(this.base, mine, theirs, this.held) : theirs === this.base ? mine : mergeText(this.base, mine, theirs);
    this.deps.commit(this.target, merged);
    this.base = mine;
  }
}
