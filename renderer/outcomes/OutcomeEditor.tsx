// The outcome editor: one record's fields as a form built from its type's field list, the
// schema's issues as translated messages beside each field, the review steps the reviewer may take,
// the record's review history, and its provenance with a way back to the board.
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../../shared/i18n';
import type { FieldSpec } from '../../shared/outcomes/fields';
import { outcomeType, type OutcomeRecord } from '../../shared/outcomes/registry';
import type { ReviewState } from '../../shared/outcomes/record';
import { nextStates, type OutcomeResult, type Reviewer } from '../../shared/outcomes/review';
import { useT, type Translate } from '../i18n';
import { fieldErrors, pathKey } from './validation';
import './outcomes.css';

type Values = Record<string, unknown>;

export interface OutcomeEditorProps {
  record: OutcomeRecord;
  /** Other records, for the link fields (an idea's problems, an R&D demand's ideas). */
  others: readonly OutcomeRecord[];
  reviewer: Reviewer;
  onSave(fields: Values): Promise<OutcomeResult>;
  onTransition(to: ReviewState): Promise<OutcomeResult>;
  /** Selects and shows these board items (the record's provenance). */
  onShowOnBoard?(ids: string[]): void;
}

const ACTION: Record<ReviewState, MessageKey> = { agreed: 'outcomes.action.agree', approved: 'outcomes.action.approve', draft: 'outcomes.action.reopen' };

function contentOf(record: OutcomeRecord): Values {
  const values: Values = {};
  for (const field of outcomeType(record.kind).fields) values[field.name] = structuredClone((record as Record<string, unknown>)[field.name]);
  return values;
}

/** What the form holds → what the schema reads: list lines without blanks. */
function cleaned(fields: FieldSpec[], values: Values): Values {
  const out: Values = { ...values };
  for (const field of fields) {
    if (field.kind === 'textList') out[field.name] = (values[field.name] as string[]).map((line) => line.trim()).filter(Boolean);
  }
  return out;
}

function optionLabel(t: Translate, field: string, option: string): string {
  const key = (field === 'solution_type' ? `outcomes.solutionType.${option}` : field === 'type' ? `outcomes.evidenceType.${option}` : '') as MessageKey;
  return key ? t(key) : option;
}

export function OutcomeEditor({ record, others, reviewer, onSave, onTransition, onShowOnBoard }: OutcomeEditorProps) {
  const t = useT();
  const { i18n } = useTranslation();
  const id = useId();
  const type = outcomeType(record.kind);
  const [values, setValues] = useState<Values>(() => contentOf(record));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState<{ kind: 'idle' | 'done' | 'error'; message: string }>({ kind: 'idle', message: '' });
  const form = useRef<HTMLFormElement>(null);
  const controlId = (path: ReadonlyArray<PropertyKey>) => `${id}-${pathKey(path).replace(/\./g, '-')}`;
  const label = (name: string) => t(`outcomes.field.${name}` as MessageKey);

  const showResult = (result: OutcomeResult, success: string) => {
    if (result.ok) {
      setErrors(new Map());
      setValues(contentOf(result.record));
      setStatus({ kind: 'done', message: success });
      return;
    }
    if (result.reason === 'invalidRecord') {
      const found = fieldErrors(result.issues, t);
      setErrors(found);
      setStatus({ kind: 'error', message: t('outcomes.editor.errors', { count: found.size }) });
      // Focus the first field that needs attention, in form order.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } else {
      setStatus({ kind: 'error', message: t(`outcomes.error.${result.reason}`) });
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = type.content.safeParse(cleaned(type.fields, values));
    if (!parsed.success) return showResult({ ok: false, reason: 'invalidRecord', issues: parsed.error.issues }, '');
    showResult(await onSave(parsed.data as Values), t('outcomes.editor.saved'));
  };

  const set = (name: string, value: unknown) => setValues((current) => ({ ...current, [name]: value }));
  const errorFor = (path: ReadonlyArray<PropertyKey>) => errors.get(pathKey(path));

  const control = (field: FieldSpec, path: ReadonlyArray<PropertyKey>, value: unknown, onChange: (value: unknown) => void, labelText: string): ReactNode => {
    const cid = controlId(path);
    const error = errorFor(path);
    const describedBy = [error ? `${cid}-error` : '', field.kind === 'textList' ? `${cid}-hint` : ''].filter(Boolean).join(' ') || undefined;
    const common = { id: cid, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } as const;
    let input: ReactNode;
    switch (field.kind) {
      case 'longText':
        input = <textarea {...common} rows={4} value={value as string} onChange={(e) => onChange(e.target.value)} />;
        break;
      case 'enum':
        input = (
          <select {...common} value={value as string} onChange={(e) => onChange(e.target.value)}>
            {field.options?.map((option) => <option key={option} value={option}>{optionLabel(t, field.name, option)}</option>)}
          </select>
        );
        break;
      case 'rating':
        input = (
          <select {...common} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">{t('outcomes.editor.ratingNone')}</option>
            {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        );
        break;
      case 'textList':
        input = <textarea {...common} rows={3} value={(value as string[]).join('\n')} onChange={(e) => onChange(e.target.value.split('\n'))} />;
        break;
      default:
        input = <input {...common} type="text" value={value as string} onChange={(e) => onChange(e.target.value)} />;
    }
    return (
      <div className="outcome-field" key={cid}>
        <label htmlFor={cid}>{labelText}</label>
        {field.kind === 'textList' && <p className="hint" id={`${cid}-hint`}>{t('outcomes.editor.onePerLine')}</p>}
        {input}
        {error && <p className="error" id={`${cid}-error`}>{error}</p>}
      </div>
    );
  };

  const linkOptions = (name: string) => others.filter((r) => r.id !== record.id && (name === 'linked_idea_ids' ? r.kind === 'idea' : r.kind === 'problem_statement'));

  const renderField = (field: FieldSpec): ReactNode => {
    const value = values[field.name];
    if (field.kind === 'object') {
      const object = value as Values;
      return (
        <fieldset key={field.name} className="outcome-group">
          <legend>{label(field.name)}</legend>
          {field.fields?.map((sub) => control(sub, [field.name, sub.name], object[sub.name], (v) => set(field.name, { ...object, [sub.name]: v }), label(sub.name)))}
        </fieldset>
      );
    }
    if (field.kind === 'objectList') {
      const items = value as Values[];
      const empty = () => Object.fromEntries((field.fields ?? []).map((sub) => [sub.name, sub.kind === 'enum' ? sub.options?.[0] : '']));
      return (
        <fieldset key={field.name} className="outcome-group">
          <legend>{label(field.name)}</legend>
          {items.map((item, index) => (
            <div className="outcome-item" key={index} role="group" aria-label={t('outcomes.editor.item', { label: label(field.name), n: index + 1 })}>
              {field.fields?.map((sub) => control(sub, [field.name, index, sub.name], item[sub.name],
                (v) => set(field.name, items.map((it, i) => (i === index ? { ...it, [sub.name]: v } : it))), label(sub.name)))}
              <button type="button" className="danger-outline" onClick={() => set(field.name, items.filter((_, i) => i !== index))}>
                {t('outcomes.action.removeItem', { n: index + 1 })}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set(field.name, [...items, empty()])}>{t('outcomes.action.addItem')}</button>
        </fieldset>
      );
    }
    if (field.kind === 'idList') {
      const chosen = new Set(value as string[]);
      const options = linkOptions(field.name);
      return (
        <fieldset key={field.name} className="outcome-group">
          <legend>{label(field.name)}</legend>
          {options.length === 0 && <p className="hint">{t('outcomes.editor.noLinks')}</p>}
          {options.map((option) => (
            <label key={option.id} className="outcome-check">
              <input type="checkbox" checked={chosen.has(option.id)}
                onChange={(e) => set(field.name, e.target.checked ? [...chosen, option.id] : [...chosen].filter((x) => x !== option.id))} />
              {option.title}
            </label>
          ))}
        </fieldset>
      );
    }
    return control(field, [field.name], value, (v) => set(field.name, v), label(field.name));
  };

  const provenance = record.provenance;
  const boardIds = useMemo(() => [...provenance.cluster_ids, ...provenance.frame_ids, ...provenance.note_ids, ...provenance.template_record_ids], [provenance]);
  const formatTime = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const steps = nextStates(record.status, reviewer.role);

  return (
    <section className="outcome-editor card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('outcomes.editor.heading', { kind: t(`outcomes.kind.${record.kind}`) })}</h2>
      <p className="outcome-meta">
        <span className={`outcome-status outcome-status-${record.status}`}>{t(`outcomes.status.${record.status}`)}</span>
        <span>{t('outcomes.version', { version: record.version })}</span>
      </p>
      <form ref={form} onSubmit={(event) => void save(event)} noValidate>
        {type.fields.map(renderField)}
        <div className="outcome-actions">
          <button type="submit" className="primary">{t('outcomes.action.save')}</button>
          {steps.map((to) => (
            <button key={to} type="button" onClick={() => void onTransition(to).then((r) => showResult(r, t(`outcomes.status.${to}`)))}>
              {t(ACTION[to])}
            </button>
          ))}
        </div>
        <p role="status" aria-live="polite" className={status.kind === 'error' ? 'error' : 'hint'}>{status.message}</p>
      </form>
      <section className="outcome-provenance" aria-labelledby={`${id}-provenance`}>
        <h3 id={`${id}-provenance`}>{t('outcomes.provenance.title')}</h3>
        <p>{t('outcomes.provenance.summary', {
          notes: provenance.note_ids.length, clusters: provenance.cluster_ids.length, frames: provenance.frame_ids.length,
          votes: provenance.votes.reduce((sum, v) => sum + v.count, 0),
        })}</p>
        {onShowOnBoard && boardIds.length > 0 && <button type="button" onClick={() => onShowOnBoard(boardIds)}>{t('outcomes.action.showOnBoard')}</button>}
      </section>
      {record.transitions.length > 0 && (
        <section aria-labelledby={`${id}-history`}>
          <h3 id={`${id}-history`}>{t('outcomes.editor.history')}</h3>
          <ol className="outcome-history">
            {record.transitions.map((step, i) => (
              <li key={i}>{t('outcomes.transition.line', {
                from: t(`outcomes.status.${step.from}`), to: t(`outcomes.status.${step.to}`), role: t(`outcomes.reviewer.${step.role}`), by: step.by, at: formatTime(step.at),
              })}</li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
