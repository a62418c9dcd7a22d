import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/i18n';
import { useApp } from '../app/context';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { db } = useApp();
  const id = useId();
  const change = (language: Language) => {
    void i18n.changeLanguage(language);
    void db.setSetting('language', language);
  };
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={i18n.language} onChange={(e) => change(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
