import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TextOverlay, type EditTarget, type OverlayMode, type TextOverlayDeps } from './textOverlay';
import type { DeltaOp } from './ime';

/** A tiny document: texts by id, commits recorded, remote edits pushed through watchRemote. */
function setup(initial: Record<string, string> = { n1: '주차 문제' }) {
  const texts = new Map(Object.entries(initial));
  const commits: Array<[string, string]> = [];
  const modes: OverlayMode[] = [];
  let remote: ((delta: readonly DeltaOp[]) => void) | null = null;
  const deps: TextOverlayDeps = {
    textOf: (t) => texts.get(t.id) ?? null,
    commit: (t, text) => {
      commits.push([t.id, text]);
      texts.set(t.id, text);
    },
    rectOf: (t) => (texts.has(t.id) ? { x: 10, y: 20, w: 160, h: 120 } : null),
    viewport: () => ({ x: 5, y: 7, scale: 0.5 }),
    watchRemote: (_t, onDelta) => {
      remote = onDelta;
      return () => (remote = null);
    },
    layoutFor: () => ({ fontSize: 20, lineHeight: 27, paddingTop: 12, padding: 12, align: 'center', fontWeight: 400, background: '#ffe8a3' }),
    label: (_t, mode, text) => `${mode}:${text}`,
    onModeChange: (mode) => modes.push(mode),
  };
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  const overlay = new TextOverlay(parent, deps);
  const el = overlay.el;
  const remoteEdit = (id: string, text: string, delta: DeltaOp[]) => {
    texts.set(id, text);
    remote?.(delta);
    overlay.documentChanged(id);
  };
  return { overlay, el, texts, commits, modes, remoteEdit };
}

const note: EditTarget = { id: 'n1', kind: 'note' };

function key(el: HTMLElement, init: KeyboardEventInit & { keyCode?: number }) {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(e, 'keyCode', { value: init.keyCode });
  el.dispatchEvent(e);
  return e;
}
/** What the browser does for one IME step: the value changes, then the events fire. */
function composeStart(el: HTMLTextAreaElement) {
  el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
}
function composeStep(el: HTMLTextAreaElement, before: string, syllable: string) {
  el.value = before + syllable;
  el.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true, data: syllable, inputType: 'insertCompositionText' }));
}
function composeEnd(el: HTMLTextAreaElement, syllable: string) {
  el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: syllable }));
}

describe('text overlay: Korean-safe editing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('sink mode holds the selected note’s text, caret at the end, invisible, and follows the viewport', () => {
    const { overlay, el } = setup();
    overlay.setSink(note);
    expect(overlay.currentMode).toBe('sink');
    expect(el.dataset['mode']).toBe('sink');
    expect(el.value).toBe('주차 문제');
    expect(el.selectionStart).toBe(el.value.length);
    expect(el.getAttribute('aria-label')).toBe('sink:주차 문제');
    // Positioned over the note: 5 + 10×0.5, 7 + 20×0.5, scaled with the board.
    expect(el.style.left).toBe('10px');
    expect(el.style.top).toBe('17px');
    expect(el.style.transform).toBe('scale(0.5)');
  });

  it('type-to-edit: the first composition starts in the already-focused textarea; nothing is injected or replayed', () => {
    const { overlay, el, modes, commits } = setup();
    overlay.setSink(note);
    el.focus();
    // The key that starts a syllable is the IME's (keyCode 229): the overlay does not touch it.
    const first = key(el, { key: 'Process', keyCode: 229 });
    expect(first.defaultPrevented).toBe(false);
    composeStart(el);
    expect(overlay.currentMode).toBe('editing');
    expect(modes).toEqual(['sink', 'editing']);
    composeStep(el, '주차 문제', 'ㅎ');
    composeStep(el, '주차 문제', '하');
    composeStep(el, '주차 문제', '한');
    expect(el.value).toBe('주차 문제한'); // the first jamo became part of the syllable
    expect(commits).toEqual([]);
  });

  it('Enter and Escape while composing neither close nor commit; the commit follows compositionend', () => {
    const { overlay, el, commits } = setup({ n1: '' });
    overlay.open(note);
    composeStart(el);
    composeStep(el, '', '한');
    const enter = key(el, { key: 'Enter', isComposing: true, keyCode: 229 });
    const esc = key(el, { key: 'Escape', isComposing: true });
    expect(enter.defaultPrevented).toBe(false);
    expect(esc.defaultPrevented).toBe(false);
    expect(overlay.currentMode).toBe('editing');
    vi.advanceTimersByTime(5000);
    expect(commits).toEqual([]); // never mid-composition
    composeEnd(el, '한');
    vi.advanceTimersByTime(1000);
    expect(commits).toEqual([['n1', '한']]);
    // Escape after the syllable: closes, keeps the text, commits nothing twice.
    const done = key(el, { key: 'Escape' });
    expect(done.defaultPrevented).toBe(true);
    expect(overlay.currentMode).toBe('sink');
    expect(commits).toEqual([['n1', '한']]);
  });

  it('plain Enter is a newline in a note; Ctrl+Enter closes', () => {
    const { overlay, el, commits } = setup({ n1: '가' });
    overlay.open(note);
    const enter = key(el, { key: 'Enter' });
    expect(enter.defaultPrevented).toBe(false);
    expect(overlay.currentMode).toBe('editing');
    el.value = '가\n나';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
    key(el, { key: 'Enter', ctrlKey: true });
    expect(overlay.currentMode).toBe('sink');
    expect(commits).toEqual([['n1', '가\n나']]);
  });

  it('blur during composition waits for compositionend, then commits exactly once', () => {
    const { overlay, el, commits } = setup({ n1: '' });
    overlay.open(note);
    composeStart(el);
    composeStep(el, '', '입');
    el.dispatchEvent(new FocusEvent('blur'));
    expect(overlay.currentMode).toBe('editing');
    expect(commits).toEqual([]);
    composeEnd(el, '입');
    expect(overlay.currentMode).not.toBe('editing');
    expect(commits).toEqual([['n1', '입']]);
    vi.advanceTimersByTime(5000);
    expect(commits).toEqual([['n1', '입']]);
  });

  it('remote edits never touch the textarea while editing; they are merged when it closes', () => {
    const { overlay, el, commits, texts, remoteEdit } = setup({ n1: '주차 문제' });
    overlay.open(note);
    composeStart(el);
    composeStep(el, '주차 문제', ' 심');
    // Someone else prefixes the note meanwhile.
    remoteEdit('n1', '(긴급) 주차 문제', [{ insert: '(긴급) ' }]);
    expect(el.value).toBe('주차 문제 심');
    expect(overlay.heldRemote).toBe(true);
    composeEnd(el, ' 심');
    vi.advanceTimersByTime(1000);
    expect(commits).toEqual([]); // held: no live commit once others have edited
    key(el, { key: 'Escape' });
    expect(commits).toEqual([['n1', '(긴급) 주차 문제 심']]);
    expect(texts.get('n1')).toBe('(긴급) 주차 문제 심');
    // Back in sink mode, the textarea shows the merged text.
    expect(el.value).toBe('(긴급) 주차 문제 심');
  });

  it('remote edits in sink mode refresh the value, but not during a composition', () => {
    const { overlay, el, remoteEdit } = setup({ n1: '가' });
    overlay.setSink(note);
    remoteEdit('n1', '가나', [{ retain: 1 }, { insert: '나' }]);
    expect(el.value).toBe('가나');
  });

  it('labels: Enter finishes, but not while composing', () => {
    const { overlay, el, commits } = setup({ f1: '새 프레임' });
    const frame: EditTarget = { id: 'f1', kind: 'frame' };
    overlay.open(frame, { select: 'all' });
    expect(el.selectionStart).toBe(0);
    expect(el.selectionEnd).toBe('새 프레임'.length);
    composeStart(el);
    composeStep(el, '', '문');
    key(el, { key: 'Enter', isComposing: true, keyCode: 229 });
    expect(overlay.currentMode).toBe('editing');
    composeEnd(el, '문');
    key(el, { key: 'Enter' });
    expect(overlay.currentMode).toBe('off');
    expect(commits).toEqual([['f1', '문']]);
  });

  it('a note deleted while open closes the editor without writing', () => {
    const { overlay, el, commits, texts } = setup({ n1: '가' });
    overlay.open(note);
    el.value = '가나';
    texts.delete('n1');
    overlay.documentChanged('n1');
    expect(overlay.currentMode).toBe('off');
    vi.advanceTimersByTime(1000);
    expect(commits).toEqual([]);
  });

  it('text typed just before a reload or a hidden tab is committed at once, before the 300 ms timer, and editing goes on', () => {
    const { overlay, el, commits } = setup({ n1: '가' });
    overlay.open(note);
    el.value = '가나다';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, data: '다', inputType: 'insertText' }));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(commits).toEqual([['n1', '가나다']]);
    expect(overlay.currentMode).toBe('editing');
    // Mid-syllable when the tab is hidden: what the textarea shows is kept too.
    composeStart(el);
    composeStep(el, '가나다', '라');
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    delete (document as { visibilityState?: unknown }).visibilityState;
    expect(commits).toEqual([['n1', '가나다'], ['n1', '가나다라']]);
    vi.advanceTimersByTime(1000);
    expect(commits).toHaveLength(2);
    overlay.destroy();
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(commits).toHaveLength(2);
  });
});
