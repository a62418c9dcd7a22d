import { afterEach, describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '../../shared/i18n';
import { LABEL_MAX, TEXT_MAX } from '../../shared/board/types';
import { COUNTER_FROM, TextLimitHint, cutByPaste, limitFor, limitText } from './textLimit';

const translate = (language: 'ko' | 'en') => (key: MessageKey, values: Record<string, string | number> = {}) =>
  messages[language][key].replace(/{{(\w+)}}/g, (_, name: string) => String(values[name]));
const ko = translate('ko');
const en = translate('en');

describe('text limits', () => {
  it('are the document’s own: 10,000 for note text, 500 for titles and labels', () => {
    expect(limitFor('note')).toBe(TEXT_MAX);
    expect(limitFor('frame')).toBe(LABEL_MAX);
    expect(limitFor('connector')).toBe(LABEL_MAX);
  });

  it('count what a paste loses: 14,400 characters into an empty note lose 4,400', () => {
    expect(cutByPaste(0, 0, 14_400, 10_000)).toBe(4_400);
    expect(cutByPaste(9_000, 0, 500, 10_000)).toBe(0);
    expect(cutByPaste(9_000, 0, 1_500, 10_000)).toBe(500);
    // Pasting over a selection replaces it first.
    expect(cutByPaste(10_000, 2_000, 2_500, 10_000)).toBe(500);
    expect(cutByPaste(10_000, 0, 3, 10_000)).toBe(3);
  });

  it('show no counter well under the limit, a counter near it, and say when it is reached', () => {
    expect(limitText(100, 10_000, 0, ko, 'ko')).toEqual({ counter: '', message: '' });
    expect(limitText(10_000 * COUNTER_FROM, 10_000, 0, ko, 'ko')).toEqual({ counter: '9,000 / 10,000자', message: '' });
    expect(limitText(10_000, 10_000, 0, en, 'en')).toEqual({
      counter: '10,000 / 10,000 characters',
      message: 'Up to 10,000 characters. Anything typed beyond that is not kept.',
    });
  });

  it('say what a paste lost, in Korean and English', () => {
    expect(limitText(10_000, 10_000, 4_400, ko, 'ko').message).toBe('10,000자까지만 저장됩니다. 붙여 넣은 글의 뒤쪽 4,400자는 잘렸습니다.');
    expect(limitText(10_000, 10_000, 4_400, en, 'en').message).toBe('Only 10,000 characters are kept: the last 4,400 characters of what you pasted were cut.');
  });
});

describe('TextLimitHint', () => {
  let hint: TextLimitHint | null = null;
  afterEach(() => {
    hint?.destroy();
    hint = null;
    document.body.innerHTML = '';
  });

  function setUp() {
    const parent = document.createElement('div');
    const textarea = document.createElement('textarea');
    parent.append(textarea);
    document.body.append(parent);
    hint = new TextLimitHint(parent, textarea, ko, () => 'ko');
    return { textarea, hint, el: parent.querySelector<HTMLElement>('.board-text-limit')! };
  }

  it('limits the textarea while editing and shows the counter as the text nears the limit', () => {
    const { textarea, hint, el } = setUp();
    hint.edit('note');
    expect(textarea.maxLength).toBe(TEXT_MAX);
    expect(el.hidden).toBe(true);
    textarea.value = '가'.repeat(9_500);
    textarea.dispatchEvent(new Event('input'));
    expect(el.hidden).toBe(false);
    expect(el.textContent).toBe('9,500 / 10,000자');
    expect(textarea.getAttribute('aria-describedby')).toBe(el.querySelector('.board-text-limit-count')!.id);

    hint.edit(null);
    expect(textarea.hasAttribute('maxlength')).toBe(false);
    expect(el.hidden).toBe(true);
  });

  it('a title is limited to 500', () => {
    const { textarea, hint } = setUp();
    hint.edit('frame');
    expect(textarea.maxLength).toBe(LABEL_MAX);
  });
});
