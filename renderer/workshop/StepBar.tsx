// The current step of the workshop, above the board, for everyone: its place in the agenda, its
// prompt, and a keyboard way to add a note to one of its template's zones. The facilitator moves
// between steps here; when the step changes (whoever moved it) every screen shows its frame and
// screen readers hear its prompt once.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT } from '../i18n';
import { mayChangeSession, type Board } from '../../shared/board';
import { SORT_KEYS, TEMPLATES, addToZone, clusterBy, frameOfStep, goToStep, readAgenda, readStep, type SortKey } from '../../shared/workshop';
import { isNoteColor } from '../../shared/board/types';
import { zoneLabelKey } from '../../shared/i18n/workshop';
import type { BoardViewHandle } from '../board/view';
import { COMPACT_QUERY, useMediaQuery } from '../board/BoardWorkspace';
import { useSessionVersion } from './useSessionState';

/** Room above a step's frame when it is shown, as a share of its height: the toolbar floats over the canvas top. */
const TOOLBAR_ROOM = 0.12;

export function StepBar({ board, view, author }: { board: Board; view: BoardViewHandle | null; author: string }) {
  const t = useT();
  useSessionVersion(board);
  const agenda = readAgenda(board);
  const index = readStep(board);
  const step = agenda.steps[index];
  const frame = step ? frameOfStep(board, step) : undefined;
  const runs = mayChangeSession(board.doc, board.actor);
  const [announcement, setAnnouncement] = useState('');
  const regionId = useId();
  const formId = useId();
  const compact = useMediaQuery(COMPACT_QUERY);
  // On a phone the form would take half the screen: it opens on demand there.
  const [formOpen, setFormOpen] = useState(false);

  // Bring this screen to the step's frame when the step (or its frame) changes, and say so once.
  const shown = useRef<string | null>(null);
  const frameId = frame?.id;
  const key = step && frameId ? `${step.id}:${frameId}` : null;
  useEffect(() => {
    if (!key || !frameId || shown.current === key || !view) return;
    const firstShown = shown.current === null;
    shown.current = key;
    // After the bar's own layout change (the form appears with the first frame) has resized the
    // canvas: one frame for layout, one for the canvas's resize observer.
    let pending = requestAnimationFrame(() => {
      pending = requestAnimationFrame(() => showFrame(board, view, frameId));
    });
    const now = readAgenda(board).steps[readStep(board)];
    if (!firstShown && now) setAnnouncement(t('step.moved', { index: readStep(board) + 1, name: now.title, prompt: now.prompt }));
    return () => cancelAnimationFrame(pending);
  }, [key, frameId, view, board, t]);

  if (agenda.steps.length === 0) return null;
  return (
    <section className="step-bar" aria-labelledby={regionId} data-testid="step-bar">
      <h2 id={regionId} className="visually-hidden">{t('step.region')}</h2>
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      {step ? (
        <div className="step-text">
          <p className="step-meta">
            {t('step.label', { index: index + 1, total: agenda.steps.length, minutes: step.minutes })} · {t(`phase.${step.phase}`)}
          </p>
          <p className="step-title" data-testid="step-title">{step.title}</p>
          <p className="step-prompt" data-testid="step-prompt">{step.prompt}</p>
        </div>
      ) : (
        <p className="step-text step-prompt">{t('step.notStarted')}</p>
      )}
      <div className="step-actions">
        {frame && view && (
          <button type="button" onClick={() => showFrame(board, view, frame.id)}>
            {t('step.show')}
          </button>
        )}
        {frame && !board.readOnly && compact && (
          <button type="button" aria-expanded={formOpen} aria-controls={formId} onClick={() => setFormOpen((open) => !open)}>
            {t('step.addNote')}
          </button>
        )}
        {runs && index > 0 && (
          <button type="button" onClick={() => goToStep(board, index - 1)}>
            {t('step.previous')}
          </button>
        )}
        {runs && index < agenda.steps.length - 1 && (
          <button type="button" className="primary" onClick={() => goToStep(board, index + 1)}>
            {index < 0 ? t('step.start') : t('step.next')}
          </button>
        )}
      </div>
      {frame && runs && !board.readOnly && frame.template === 'affinity' && <AffinitySort board={board} frameId={frame.id} />}
      {frame && !board.readOnly && (!compact || formOpen) && <ZoneNoteForm id={formId} board={board} frameId={frame.id} kind={frame.template ?? 'free'} author={author} />}
    </section>
  );
}

/** Adds a note to a zone of the step's template from the keyboard (the canvas needs a pointer to place one). */
/** The facilitator sorts the wall's loose notes into clusters by author, colour or #tag. */
function AffinitySort({ board, frameId }: { board: Board; frameId: string }) {
  const t = useT();
  const [said, setSaid] = useState('');
  const labelOf = (by: SortKey) => (key: string) => {
    if (!key) return t(`affinity.none.${by}`);
    return by === 'color' && isNoteColor(key) ? t(`canvas.color.${key}`) : by === 'tag' ? `#${key}` : key;
  };
  return (
    <div className="step-sort" role="group" aria-label={t('affinity.sort')}>
      <span aria-hidden="true">{t('affinity.sort')}</span>
      {SORT_KEYS.map((by) => (
        <button key={by} type="button" onClick={() => {
            const made = clusterBy(board, frameId, by, labelOf(by));
            if (made) setSaid(t('affinity.sorted', { count: made.length }));
          }}>
          {t(`affinity.by.${by}`)}
        </button>
      ))}
      <span className="visually-hidden" role="status">{said}</span>
    </div>
  );
}

/** The step's frame filling the canvas, with room at the top for the toolbar that floats there. */
function showFrame(board: Board, view: BoardViewHandle, frameId: string): void {
  const frame = board.get(frameId);
  if (frame?.type !== 'frame') return;
  const g = frame.geometry;
  view.showRect({ x: g.x - g.w * 0.02, y: g.y - g.h * TOOLBAR_ROOM, w: g.w * 1.04, h: g.h * (1 + TOOLBAR_ROOM + 0.02) });
}

function ZoneNoteForm({ id, board, frameId, kind, author }: { id: string; board: Board; frameId: string; kind: keyof typeof TEMPLATES; author: string }) {
  const t = useT();
  const zones = TEMPLATES[kind].zones;
  const [zone, setZone] = useState(zones[0]?.key ?? '');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const textId = useId();
  const zoneId = useId();
  const chosen = zones.some((z) => z.key === zone) ? zone : (zones[0]?.key ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setMessage({ text: t('step.noteEmpty'), error: true });
      return;
    }
    const id = addToZone(board, frameId, chosen || undefined, { text: text.trim(), author });
    if (id) {
      setText('');
      setMessage({ text: t('step.noteAdded', { zone: t(zoneLabelKey(kind, chosen)) }), error: false });
    }
  };
  return (
    <form id={id} className="step-add" onSubmit={submit}>
      {zones.length > 1 && (
        <span className="field">
          <label htmlFor={zoneId}>{t('step.zone')}</label>
          <select id={zoneId} value={chosen} onChange={(e) => setZone(e.currentTarget.value)}>
            {zones.map((z) => (
              <option key={z.key} value={z.key}>{t(zoneLabelKey(kind, z.key))}</option>
            ))}
          </select>
        </span>
      )}
      <span className="field grow">
        <label htmlFor={textId}>{t('step.noteText')}</label>
        <input id={textId} value={text} maxLength={10_000} onChange={(e) => setText(e.currentTarget.value)} aria-invalid={message?.error || undefined} />
      </span>
      <button type="submit">{t('step.addNote')}</button>
      <p className={message?.error ? 'error' : 'hint'} role="status">{message?.text ?? ''}</p>
    </form>
  );
}
