// The length limit of the text being edited on the canvas, shown instead of applied silently:
// the textarea takes no more than the document keeps (TEXT_MAX for notes, LABEL_MAX for titles
// and labels), a counter appears as the text nears the limit, and a paste that did not fit says
// how much of it was cut. Lengths are UTF-16 code units, as both the textarea's maxLength and the
// document's clip() count them.
import { LABEL_MAX, TEXT_MAX } from '../../shared/board/types';
import { hasLongText } from '../../shared/board/records/registry';
import type { Translate } from '../i18n';
import type { EditKind } from './textOverlay';

/** The counter shows from this fraction of the limit. */
export const COUNTER_FROM = 0.9;

export function limitFor(kind: EditKind): number {
  return hasLongText(kind) ? TEXT_MAX : LABEL_MAX;
}

/** Characters of a paste that do not fit: what is kept of the text around the selection, plus the paste, over the limit. */
export function cutByPaste(length: number, selected: number, pasted: number, max: number): number {
  return Math.max(0, Math.min(pasted, length - selected + pasted - max));
}

export interface LimitText {
  /** "9,950 / 10,000자", or '' while the text is well under the limit. */
  counter: string;
  /** A sentence for the live region: the limit is reached, or part of a paste was cut. */
  message: string;
}

/** What to show for a text of `length` under a limit of `max`, after a paste that lost `cut` characters. */
export function limitText(length: number, max: number, cut: number, t: Translate, locale?: string): LimitText {
  const format = (n: number) => n.toLocaleString(locale);
  const counter = length >= max * COUNTER_FROM ? t('limit.counter', { count: format(length), max: format(max) }) : '';
  const message = cut > 0 ? t('limit.cut', { max: format(max), cut: format(cut) }) : length >= max ? t('limit.full', { max: format(max) }) : '';
  return { counter, message };
}

/** The counter and message beside the canvas's text editor. Imperative DOM, like the editor itself. */
export class TextLimitHint {
  readonly el: HTMLDivElement;
  private readonly counter: HTMLSpanElement;
  private readonly live: HTMLSpanElement;
  private max: number | null = null;
  private cut = 0;
  private readonly disposers: Array<() => void> = [];

  constructor(
    parent: HTMLElement,
    private readonly textarea: HTMLTextAreaElement,
    private readonly t: Translate,
    private readonly locale: () => string | undefined = () => document.documentElement.lang || undefined,
  ) {
    this.el = document.createElement('div');
    this.el.className = 'board-text-limit';
    this.el.hidden = true;
    this.counter = document.createElement('span');
    this.counter.className = 'board-text-limit-count';
    this.counter.id = `text-limit-${Math.random().toString(36).slice(2)}`;
    // Announced only when something happens (limit reached, paste cut), not on every key.
    this.live = document.createElement('span');
    this.live.className = 'board-text-limit-message';
    this.live.setAttribute('role', 'status');
    this.el.append(this.counter, this.live);
    parent.appendChild(this.el);
    const on = (type: string, fn: (e: Event) => void) => {
      textarea.addEventListener(type, fn);
      this.disposers.push(() => textarea.removeEventListener(type, fn));
    };
    on('paste', (e) => this.onPaste(e as ClipboardEvent));
    on('input', () => this.render());
  }

  /** Editing a text of this kind, or (null) not editing. */
  edit(kind: EditKind | null): void {
    this.max = kind ? limitFor(kind) : null;
    this.cut = 0;
    if (this.max === null) {
      this.textarea.removeAttribute('maxlength');
      this.textarea.removeAttribute('aria-describedby');
    } else {
      this.textarea.maxLength = this.max;
      this.textarea.setAttribute('aria-describedby', this.counter.id);
    }
    this.render();
  }

  destroy(): void {
    for (const dispose of this.disposers) dispose();
    this.el.remove();
  }

  private onPaste(e: ClipboardEvent): void {
    if (this.max === null) return;
    const pasted = e.clipboardData?.getData('text/plain') ?? '';
    const { selectionStart, selectionEnd, value } = this.textarea;
    this.cut = cutByPaste(value.length, Math.abs(selectionEnd - selectionStart), pasted.length, this.max);
    // The input event that follows renders it.
  }

  private render(): void {
    if (this.max === null) {
      this.el.hidden = true;
      this.counter.textContent = '';
      this.live.textContent = '';
      return;
    }
    const { counter, message } = limitText(this.textarea.value.length, this.max, this.cut, this.t, this.locale());
    // A cut is said once; typing on goes back to the plain counter.
    this.cut = 0;
    this.counter.textContent = counter;
    if (message || !counter) this.live.textContent = message;
    this.el.hidden = !counter && !message;
  }
}
