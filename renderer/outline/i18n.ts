// t() for the outline's own keys. The keys are typed against renderer/outline/messages.ts, so this
// folder type-checks before and after the lead merges them into shared/i18n/ko.ts and en.ts.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { outlineMessagesEn, outlineMessagesKo, type OutlineMessageKey } from './messages';
import type { Translate } from './announce';

/** Registers the outline strings unless the app's bundles already have them (a no-op once merged). */
export function ensureOutlineMessages(i18n: I18n): void {
  for (const [language, bundle] of [['ko', outlineMessagesKo], ['en', outlineMessagesEn]] as const) {
    const has = i18n.getResource?.(language, 'translation', 'outline.title') !== undefined;
    if (!has && i18n.addResourceBundle) i18n.addResourceBundle(language, 'translation', bundle, true, false);
  }
}

export function useOutlineT(): { t: Translate; language: string } {
  const { t, i18n } = useTranslation();
  ensureOutlineMessages(i18n);
  const untyped = t as unknown as (key: string, values?: Record<string, string | number>) => string;
  const translate = useCallback<Translate>((key: OutlineMessageKey, values) => untyped(key, values), [untyped]);
  return { t: translate, language: i18n.language };
}
