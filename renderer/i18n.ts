import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { messages, type Language, type MessageKey } from '../shared/i18n';

export async function initI18n(language: Language) {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'ko',
    resources: { ko: { translation: messages.ko }, en: { translation: messages.en } },
    // Keys contain dots ('home.title'); they are flat, not nested.
    keySeparator: false,
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}

/** A translator typed by message key, for passing to plain functions (announcements, labels). */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function useT(): Translate {
  const { t } = useTranslation();
  return t as unknown as Translate;
}
