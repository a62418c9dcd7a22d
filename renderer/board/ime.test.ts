import { describe, expect, it } from 'vitest';
import { isImeKey, mapIndex, mergeText, rebaseEdit, shouldCommitOnKey } from './ime';

describe('IME-safe key decisions', () => {
  it('Escape and Ctrl/⌘+Enter close the editor; plain Enter is a newline', () => {
    expect(shouldCommitOnKey({ key: 'Escape' })).toBe(true);
    expect(shouldCommitOnKey({ key: 'Enter', ctrlKey: true })).toBe(true);
    expect(shouldCommitOnKey({ key: 'Enter', metaKey: true })).toBe(true);
    expect(shouldCommitOnKey({ key: 'Enter' })).toBe(false);
    expect(shouldCommitOnKey({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(shouldCommitOnKey({ key: 'a' })).toBe(false);
  });

  it('nothing closes the editor while a Hangul syllable is composing', () => {
    // Chrome: later keys of a composition carry isComposing; the first one keyCode 229 / "Process".
    expect(shouldCommitOnKey({ key: 'Enter', isComposing: true })).toBe(false);
    expect(shouldCommitOnKey({ key: 'Enter', ctrlKey: true, isComposing: true })).toBe(false);
    expect(shouldCommitOnKey({ key: 'Escape', isComposing: true })).toBe(false);
    expect(shouldCommitOnKey({ key: 'Enter', keyCode: 229 })).toBe(false);
    expect(shouldCommitOnKey({ key: 'Process', keyCode: 229 })).toBe(false);
    expect(isImeKey({ key: 'Process' })).toBe(true);
    expect(isImeKey({ key: 'a', keyCode: 65 })).toBe(false);
  });
});

describe('merging an open editor with edits that arrived meanwhile', () => {
  it('keeps both when they touch different places', () => {
    expect(mergeText('주차 문제', '주차 문제 심각', '불법 주차 문제')).toBe('불법 주차 문제 심각');
    expect(mergeText('abc', 'Xabc', 'abcY')).toBe('XabcY');
  });

  it('is the identity when only one side changed', () => {
    expect(mergeText('같음', '같음', '바뀜')).toBe('바뀜');
    expect(mergeText('같음', '내 것', '같음')).toBe('내 것');
  });

  it('prefers mine where both changed the same span, keeping theirs around it', () => {
    expect(mergeText('hello world', 'hello there', 'hello World')).toBe('hello there');
  });

  it('replays my edit on top of the exact changes others made (Y.Text deltas)', () => {
    // Someone appended " 라" and prefixed "(긴급) " while I replaced 나 with X.
    const base = '가 나 다';
    const remote = [[{ retain: 5 }, { insert: ' 라' }], [{ insert: '(긴급) ' }]];
    const theirs = '(긴급) 가 나 다 라';
    expect(rebaseEdit(base, '가 X 다', theirs, remote)).toBe('(긴급) 가 X 다 라');
    // They deleted a word after my insertion point; my text lands where I typed it.
    expect(rebaseEdit('주차 문제 심각', '주차 큰 문제 심각', '주차 문제', [[{ retain: 5 }, { delete: 3 }]])).toBe('주차 큰 문제');
    // Both inserted at the same spot: theirs first, mine after, nothing lost.
    expect(rebaseEdit('ab', 'aXb', 'aYb', [[{ retain: 1 }, { insert: 'Y' }]])).toBe('aYXb');
  });

  it('maps indexes through inserts and deletes', () => {
    expect(mapIndex(5, [{ retain: 2 }, { insert: 'abc' }], true)).toBe(8);
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }], false)).toBe(2);
    expect(mapIndex(2, [{ retain: 2 }, { insert: 'abc' }], true)).toBe(5);
    expect(mapIndex(5, [{ retain: 1 }, { delete: 2 }], true)).toBe(3);
    expect(mapIndex(2, [{ retain: 1 }, { delete: 3 }], true)).toBe(1);
  });
});
