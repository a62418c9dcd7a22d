// Translated strings for the parts of outcomes that render outside React (forms, PDF, CSV labels).
import { messages, type Language, type MessageKey } from '../i18n';

export function translate(language: Language, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[language][key].replace(/{{(\w+)}}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
