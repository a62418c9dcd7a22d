// Schema issues of an outcome form as translated messages per field: the zod schema of the record
// type is the only rulebook; this only says what each kind of issue means to a person.
import type { z } from 'zod';
import type { MessageKey } from '../../shared/i18n';
import type { Translate } from '../i18n';

/** `goals.0.text` → the form control's id suffix. */
export const pathKey = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.');

export function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  const field = String(issue.path.at(-1) ?? '');
  if (issue.message === 'required' || (issue.code === 'too_small' && issue.origin === 'string')) return t('outcomes.error.required');
  if (field === 'impact' || field === 'feasibility') return t('outcomes.error.rating');
  if (issue.code === 'too_big' && issue.origin === 'string') return t('outcomes.error.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'invalid_value') return t('outcomes.error.invalidOption');
  const known = `outcomes.error.${issue.message}` as MessageKey;
  return t(known) !== known ? t(known) : t('outcomes.error.invalid');
}

/** The first message per field path. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], t: Translate): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!errors.has(key)) errors.set(key, issueMessage(issue, t));
  }
  return errors;
}
