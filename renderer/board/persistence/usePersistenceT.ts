import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { persistenceMessagesEn, persistenceMessagesKo, type PersistenceMessageKey } from './messages';

export type PersistenceT = (key: PersistenceMessageKey, params?: Record<string, string | number>) => string;

/**
 * t() for this folder's keys. Uses i18next once the keys are merged into shared/i18n; until then
 * (and in isolated tests) it falls back to messages.ts in the current language.
 */
export function usePersistenceT(): PersistenceT {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (key, params) => {
      if (i18n.exists(key)) return (t as unknown as (k: string, p?: object) => string)(key, params);
      const table = language?.startsWith('en') ? persistenceMessagesEn : persistenceMessagesKo;
      return table[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
    },
    [t, i18n, language],
  );
}
