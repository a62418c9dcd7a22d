import 'i18next';
import type { ko } from '../shared/i18n/ko';

// Typed keys: t('home.title') is checked against the Korean source messages.
declare module 'i18next' {
  interface CustomTypeOptions {
    keySeparator: false;
    resources: { translation: typeof ko };
  }
}
