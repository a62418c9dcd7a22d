import { en } from './en';
import { ko, type MessageKey } from './ko';

export type { MessageKey };
export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const messages: Record<Language, Record<MessageKey, string>> = { ko, en };

/** Korean first: anything that is not clearly English gets Korean. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'ko';
}
