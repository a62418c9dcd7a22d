import { describe, expect, it } from 'vitest';
import { messages, pickLanguage } from './index';
import { API_ERROR_CODES } from '../room/api';

describe('messages', () => {
  it('has the same keys and the same placeholders in Korean and English', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.ko).sort());
    for (const [key, ko] of Object.entries(messages.ko)) {
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(placeholders(messages.en[key as keyof typeof messages.en]), key).toEqual(placeholders(ko));
      expect(ko.trim(), key).not.toBe('');
    }
  });

  it('translates every error code the host can answer with', () => {
    for (const code of API_ERROR_CODES) {
      expect(messages.ko[code], code).toBeTruthy();
      expect(messages.en[code], code).toBeTruthy();
    }
  });

  it('picks Korean unless the user prefers English', () => {
    expect(pickLanguage(['en-US', 'ko'])).toBe('en');
    expect(pickLanguage(['ko-KR'])).toBe('ko');
    expect(pickLanguage(['fr-FR'])).toBe('ko');
    expect(pickLanguage([])).toBe('ko');
  });
});
