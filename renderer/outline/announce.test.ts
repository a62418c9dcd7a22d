import { describe, expect, it } from 'vitest';
import { shorten, summarize, type RemoteChange } from './announce';
import { messages, type MessageKey } from '../../shared/i18n';
import { outlineMessagesEn, outlineMessagesKo, type OutlineMessageKey } from '../../shared/i18n/outline';

const translator = (bundle: Record<MessageKey, string>) => (key: MessageKey, values: Record<string, string | number> = {}) =>
  bundle[key].replace(/{{(\w+)}}/g, (_, name: string) => String(values[name] ?? ''));
const ko = translator(messages.ko);
const en = translator(messages.en);

const note = (author: string, text: string, change: RemoteChange['change'] = 'added'): RemoteChange => ({ change, kind: 'note', author, text });

describe('announcement sentences', () => {
  it('one change: who did what, with the text', () => {
    expect(summarize([note('익명 까치 12', '주차 공간 부족')], ko)).toBe('익명 까치 12 님이 메모를 추가했습니다: 주차 공간 부족');
    expect(summarize([note('', '주차 공간 부족')], ko)).toBe('메모가 추가되었습니다: 주차 공간 부족');
    expect(summarize([note('익명 까치 12', '주차 공간 부족', 'removed')], ko)).toBe('메모가 삭제되었습니다: 주차 공간 부족');
    expect(summarize([{ change: 'added', kind: 'frame', author: '', text: '2단계' }], ko)).toBe('프레임이 추가되었습니다: 2단계');
    expect(summarize([note('Kim', 'Parking')], en)).toBe('Kim added a note: Parking');
  });

  it('an empty new note is named as such', () => {
    expect(summarize([note('익명 수달 3', '')], ko, '(빈 메모)')).toBe('익명 수달 3 님이 메모를 추가했습니다: (빈 메모)');
  });

  it('many changes: counts per kind, additions first', () => {
    const batch = [
      ...Array.from({ length: 12 }, (_, i) => note(i % 2 ? 'A' : 'B', `${i}`)),
      note('A', 'x', 'removed'),
      note('A', 'y', 'removed'),
      { change: 'added', kind: 'connector', author: '', text: 'a → b' } as RemoteChange,
    ];
    expect(summarize(batch, ko)).toBe('메모 12개가 추가되었습니다. 연결이 추가되었습니다: a → b 메모 2개가 삭제되었습니다.');
    expect(summarize(batch, en)).toBe('Notes added: 12. A connection was added: a → b Notes deleted: 2.');
  });

  it('many notes from one person say who', () => {
    expect(summarize([note('익명 까치 12', '1'), note('익명 까치 12', '2'), note('익명 까치 12', '3')], ko)).toBe('익명 까치 12 님이 메모 3개를 추가했습니다.');
  });

  it('long text is shortened for speech', () => {
    expect(shorten('  가로등이\n\n없어요  ')).toBe('가로등이 없어요');
    const long = '가'.repeat(200);
    expect(shorten(long)).toHaveLength(80);
    expect(shorten(long).endsWith('…')).toBe(true);
  });
});

describe('outline messages', () => {
  it('Korean and English have the same keys and placeholders, all prefixed outline.', () => {
    expect(Object.keys(outlineMessagesEn).sort()).toEqual(Object.keys(outlineMessagesKo).sort());
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    for (const [key, value] of Object.entries(outlineMessagesKo)) {
      expect(key.startsWith('outline.'), key).toBe(true);
      expect(value.trim(), key).not.toBe('');
      expect(placeholders(outlineMessagesEn[key as OutlineMessageKey]), key).toEqual(placeholders(value));
    }
  });
});
