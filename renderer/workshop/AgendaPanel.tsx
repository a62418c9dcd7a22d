// The facilitator's agenda: pick a ready-made one (or one saved earlier), edit, reorder, add and
// remove steps, save it as their own, and move the room to a step. Only whoever runs the session
// sees it; the hub refuses anyone else's change to the agenda anyway.
import { useEffect, useId, useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useT } from '../i18n';
import { useApp } from '../app/context';
import { TEMPLATE_KINDS, mayChangeSession, type Board, type TemplateKind } from '../../shared/board';
import {
  PHASES, READY_AGENDAS, agendaFromFile, agendaSchema, goToStep, readAgenda, readStep, setAgenda,
  type Agenda, type AgendaStep, type Phase, type StepInput,
} from '../../shared/workshop';
import { useSessionVersion } from './useSessionState';

const savedAgendasSchema = z.array(agendaSchema).max(50);

export function AgendaPanel({ board }: { board: Board }) {
  const t = useT();
  const { i18n } = useTranslation();
  const { db } = useApp();
  useSessionVersion(board);
  const headingId = useId();
  const agenda = readAgenda(board);
  const current = readStep(board);
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [saved, setSaved] = useState<Agenda[]>([]);
  const lang = i18n.language === 'en' ? 'en' : 'ko';
  const [choice, setChoice] = useState('');
  const choiceId = useId();
  const titleId = useId();

  useEffect(() => {
    let live = true;
    void db.getSetting('savedAgendas').then((raw) => {
      const parsed = savedAgendasSchema.safeParse(raw ? safeJson(raw) : []);
      if (live) setSaved(parsed.success ? parsed.data : []);
    });
    return () => {
      live = false;
    };
  }, [db]);

  if (!mayChangeSession(board.doc, board.actor)) return null;

  const write = (next: { title: string; steps: readonly StepInput[] }) => {
    if (!setAgenda(board, next)) setMessage({ text: t('agenda.refused'), error: true });
  };
  const updateStep = (id: string, fields: Partial<AgendaStep>) =>
    write({ title: agenda.title, steps: agenda.steps.map((s) => (s.id === id ? { ...s, ...fields } : s)) });
  const move = (i: number, by: -1 | 1) => {
    const steps = [...agenda.steps];
    const [step] = steps.splice(i, 1);
    if (!step) return;
    steps.splice(i + by, 0, step);
    write({ title: agenda.title, steps });
  };
  const use = () => {
    const ready = READY_AGENDAS.find((a) => a.id === choice);
    const mine = choice.startsWith('saved:') ? saved[Number(choice.slice(6))] : undefined;
    if (ready) write(agendaFromFile(ready, lang));
    else if (mine) write({ title: mine.title, steps: mine.steps.map(({ frameId: _frame, ...s }) => s) });
  };
  const save = async () => {
    const title = agenda.title || t('agenda.title');
    const own = { title, steps: agenda.steps.map(({ frameId: _frame, ...s }) => s) };
    const next = [...saved.filter((a) => a.title !== title), own].slice(-50);
    try {
      await db.setSetting('savedAgendas', JSON.stringify(next));
      setSaved(next);
      setMessage({ text: t('agenda.saved', { name: title }), error: false });
    } catch (error) {
      setMessage({ text: t('agenda.saveFailed', { detail: error instanceof Error ? error.message : String(error) }), error: true });
    }
  };

  return (
    <section className="agenda-panel card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('agenda.title')}</h2>
      <div className="agenda-pick">
        <label htmlFor={choiceId}>{t('agenda.readyPick')}</label>
        <select id={choiceId} value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
          <option value="">—</option>
          <optgroup label={t('agenda.ready')}>
            {READY_AGENDAS.map((a) => (
              <option key={a.id} value={a.id}>{a.title[lang]}</option>
            ))}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label={t('agenda.mine')}>
              {saved.map((a, i) => (
                <option key={`saved:${i}`} value={`saved:${i}`}>{a.title}</option>
              ))}
            </optgroup>
          )}
        </select>
        <button type="button" disabled={!choice} onClick={use} aria-describedby={agenda.steps.length > 0 ? `${choiceId}-hint` : undefined}>
          {t('agenda.use')}
        </button>
        {agenda.steps.length > 0 && <p id={`${choiceId}-hint`} className="hint">{t('agenda.replaceConfirm')}</p>}
      </div>
      {agenda.steps.length > 0 && (
        <p className="field">
          <label htmlFor={titleId}>{t('agenda.titleLabel')}</label>
          <input id={titleId} value={agenda.title} maxLength={500} onChange={(e) => write({ title: e.currentTarget.value, steps: agenda.steps })} />
        </p>
      )}
      {agenda.steps.length === 0 ? (
        <p className="hint">{t('agenda.empty')}</p>
      ) : (
        <ol className="agenda-steps">
          {agenda.steps.map((step, i) => (
            <li key={step.id} className={i === current ? 'agenda-step current' : 'agenda-step'} aria-current={i === current ? 'step' : undefined}>
              <div className="agenda-step-head">
                <button type="button" className="link agenda-go" onClick={() => goToStep(board, i)} aria-label={t('agenda.goTo', { name: step.title })}>
                  <span aria-hidden="true">{i + 1}. </span>{step.title}
                </button>
                <span className="hint">{step.minutes}′ · {t(`template.kind.${step.template}`)}</span>
              </div>
              <div className="agenda-step-tools">
                <button type="button" aria-label={t('agenda.moveUp', { name: step.title })} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                <button type="button" aria-label={t('agenda.moveDown', { name: step.title })} disabled={i === agenda.steps.length - 1} onClick={() => move(i, 1)}>↓</button>
                <button type="button" aria-expanded={editing === step.id} aria-label={editing === step.id ? t('agenda.editDone') : t('agenda.edit', { name: step.title })} onClick={() => setEditing(editing === step.id ? null : step.id)}>
                  {editing === step.id ? t('agenda.editDone') : t('agenda.editShort')}
                </button>
                <button type="button" className="danger" aria-label={t('agenda.removeStep', { name: step.title })} onClick={() => write({ title: agenda.title, steps: agenda.steps.filter((s) => s.id !== step.id) })}>
                  ✕
                </button>
              </div>
              {editing === step.id && <StepEditor step={step} onChange={(fields) => updateStep(step.id, fields)} />}
            </li>
          ))}
        </ol>
      )}
      <div className="agenda-actions">
        <button
          type="button"
          onClick={() => write({ title: agenda.title, steps: [...agenda.steps, { title: t('agenda.newStep'), prompt: '', minutes: 15, phase: 'identify', template: 'free' }] })}
        >
          {t('agenda.addStep')}
        </button>
        {agenda.steps.length > 0 && (
          <button type="button" onClick={() => void save()}>
            {t('agenda.save')}
          </button>
        )}
      </div>
      <p className={message?.error ? 'error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </section>
  );
}

function StepEditor({ step, onChange }: { step: AgendaStep; onChange: (fields: Partial<AgendaStep>) => void }) {
  const t = useT();
  const id = useId();
  return (
    <div className="agenda-step-editor">
      <p className="field">
        <label htmlFor={`${id}-title`}>{t('agenda.stepTitle')}</label>
        <input id={`${id}-title`} value={step.title} maxLength={500} onChange={(e) => onChange({ title: e.currentTarget.value })} />
      </p>
      <p className="field">
        <label htmlFor={`${id}-prompt`}>{t('agenda.stepPrompt')}</label>
        <textarea id={`${id}-prompt`} value={step.prompt} maxLength={2000} rows={3} onChange={(e) => onChange({ prompt: e.currentTarget.value })} />
      </p>
      <p className="field">
        <label htmlFor={`${id}-minutes`}>{t('agenda.stepMinutes')}</label>
        <input id={`${id}-minutes`} type="number" min={0} max={600} value={step.minutes} onChange={(e) => onChange({ minutes: Math.max(0, Math.min(600, Math.round(Number(e.currentTarget.value) || 0))) })} />
      </p>
      <p className="field">
        <label htmlFor={`${id}-phase`}>{t('agenda.stepPhase')}</label>
        <select id={`${id}-phase`} value={step.phase} onChange={(e) => onChange({ phase: e.currentTarget.value as Phase })}>
          {PHASES.map((p) => (
            <option key={p} value={p}>{t(`phase.${p}`)}</option>
          ))}
        </select>
      </p>
      <p className="field">
        <label htmlFor={`${id}-template`}>{t('agenda.stepTemplate')}</label>
        <select id={`${id}-template`} value={step.template} disabled={!!step.frameId} onChange={(e) => onChange({ template: e.currentTarget.value as TemplateKind })}>
          {TEMPLATE_KINDS.map((k) => (
            <option key={k} value={k}>{t(`template.kind.${k}`)}</option>
          ))}
        </select>
      </p>
    </div>
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
