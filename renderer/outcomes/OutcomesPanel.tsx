// The facilitator's and official's outcome panel: draft a record from the board selection, pick a
// record to edit (OutcomeEditor), export the package under a privacy profile (JSON, ZIP, PDF), and
// submit it to the portal through the outbox, with each submission's status.
import { useId, useState } from 'react';
import type { Language, MessageKey } from '../../shared/i18n';
import { OUTCOME_KINDS, type OutcomeKind } from '../../shared/outcomes/registry';
import { PROFILES, type Profile } from '../../shared/outcomes/package/schema';
import type { OutboxItem } from '../../shared/outcomes/portal/outbox';
import type { Reviewer } from '../../shared/outcomes/review';
import { useLiveQuery } from '../db/useLiveQuery';
import { useT, type Translate } from '../i18n';
import { OutcomeEditor } from './OutcomeEditor';
import { download, exportFiles, type createSessionOutcomes, type ExportFile } from './session';
import { boardImageFile, framePictures, zipImages } from './boardImage';
import './outcomes.css';

export interface OutcomesPanelProps {
  outcomes: ReturnType<typeof createSessionOutcomes>;
  /** Board ids selected now (notes, clusters, frames, template items). */
  selection: readonly string[];
  reviewer: Reviewer;
  language: Language;
  onShowOnBoard?(ids: string[]): void;
  /** Where a file goes (the browser's download by default). */
  save?(file: ExportFile): void;
}

function outboxNote(item: OutboxItem, t: Translate): string {
  if (item.status !== 'queued' && item.status !== 'sent') return '';
  if (item.lastError === 'noPortal') return t('outcomes.submit.noPortal');
  return item.lastError ? t('outcomes.submit.network') : '';
}

export function OutcomesPanel({ outcomes, selection, reviewer, language, onShowOnBoard, save = download }: OutcomesPanelProps) {
  const t = useT();
  const id = useId();
  const { api, outbox } = outcomes;
  const records = useLiveQuery(() => api.list(), [api]).value ?? [];
  const items = useLiveQuery(() => outbox.list(), [outbox]).value ?? [];
  const [kind, setKind] = useState<OutcomeKind>('problem_statement');
  const [openId, setOpenId] = useState<string | null>(null);
  const [profile, setProfile] = useState<Profile>('public');
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'done' | 'error'; message: string }>({ kind: 'idle', message: '' });
  const [progress, setProgress] = useState<number | null>(null);
  const [pictureOf, setPictureOf] = useState('');
  const board = outcomes.board();
  const frames = board ? board.all().filter((r) => r.type === 'frame') : [];
  const open = records.find((r) => r.id === openId) ?? null;
  const busy = status.kind === 'busy';

  const draft = async () => {
    const result = await api.draftFromSelection(selection, kind);
    if (result.ok) setOpenId(result.record.id);
    else setStatus({ kind: 'error', message: t('outcomes.error.invalidRecord') });
  };

  const runExport = async (format: 'json' | 'zip' | 'pdf') => {
    setStatus({ kind: 'busy', message: t('outcomes.export.working') });
    try {
      const pkg = await api.buildExport(profile);
      const file = await exportFiles(pkg, format, language, format === 'json' ? undefined : setProgress, format === 'zip' ? await zipImages(outcomes.board(), pkg) : undefined, format === 'json' ? [] : await framePictures(outcomes.board(), pkg));
      save(file);
      setStatus({ kind: 'done', message: t('outcomes.export.done', { name: file.name }) });
    } catch (error) {
      setStatus({ kind: 'error', message: t('outcomes.export.failed', { detail: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setProgress(null);
    }
  };

  const runPicture = async (format: 'svg' | 'png') => {
    const current = outcomes.board();
    if (!current) return;
    setStatus({ kind: 'busy', message: t('outcomes.export.working') });
    try {
      const file = await boardImageFile(current, await api.buildExport(profile), format, pictureOf || undefined);
      if (!file) return setStatus({ kind: 'error', message: t('official.picture.empty') });
      save(file);
      setStatus({ kind: 'done', message: t('outcomes.export.done', { name: file.name }) });
    } catch (error) {
      setStatus({ kind: 'error', message: t('outcomes.export.failed', { detail: error instanceof Error ? error.message : String(error) }) });
    }
  };

  return (
    <section className="outcomes-panel card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('outcomes.panel.title')}</h2>

      <div className="outcomes-draft">
        <label htmlFor={`${id}-kind`}>{t('outcomes.panel.draftKind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as OutcomeKind)}>
          {OUTCOME_KINDS.map((k) => <option key={k} value={k}>{t(`outcomes.kind.${k}`)}</option>)}
        </select>
        <button type="button" className="primary" disabled={selection.length === 0} aria-describedby={`${id}-selection`} onClick={() => void draft()}>
          {t('outcomes.panel.draft')}
        </button>
        <p className="hint" id={`${id}-selection`}>
          {selection.length ? t('outcomes.panel.selectionCount', { count: selection.length }) : t('outcomes.panel.selectionHint')}
        </p>
      </div>

      <h3 id={`${id}-records`}>{t('outcomes.panel.records')}</h3>
      {records.length === 0 ? <p className="empty">{t('outcomes.panel.empty')}</p> : (
        <ul className="outcomes-list" aria-labelledby={`${id}-records`}>
          {records.map((r) => (
            <li key={r.id}>
              <button type="button" className="link" aria-pressed={r.id === openId} onClick={() => setOpenId(r.id === openId ? null : r.id)}>
                {t('outcomes.panel.recordLine', { title: r.title, kind: t(`outcomes.kind.${r.kind}`), status: t(`outcomes.status.${r.status}`) })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <OutcomeEditor key={`${open.id}-${open.version}`} record={open} others={records} reviewer={reviewer} onShowOnBoard={onShowOnBoard}
          onSave={(fields) => api.update(open.id, fields)}
          onTransition={(to) => (to === 'agreed' ? api.agree(open.id) : to === 'approved' ? api.approve(open.id) : api.reopen(open.id))} />
      )}

      <fieldset className="outcome-group">
        <legend>{t('outcomes.export.profile')}</legend>
        {PROFILES.map((p) => (
          <label key={p} className="outcome-check">
            <input type="radio" name={`${id}-profile`} value={p} checked={profile === p} onChange={() => setProfile(p)} aria-describedby={`${id}-hint-${p}`} />
            <span>
              {t(`outcomes.profile.${p}`)}
              <span className="hint outcome-profile-hint" id={`${id}-hint-${p}`}>{t(`outcomes.export.profileHint.${p}` as MessageKey)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <h3>{t('outcomes.export.title')}</h3>
      <div className="outcome-actions">
        <button type="button" disabled={busy} onClick={() => void runExport('json')}>{t('outcomes.export.json')}</button>
        <button type="button" disabled={busy} onClick={() => void runExport('zip')}>{t('outcomes.export.zip')}</button>
        <button type="button" disabled={busy} onClick={() => void runExport('pdf')}>{t('outcomes.export.pdf')}</button>
      </div>
      <div className="outcome-actions outcome-pictures">
        <label htmlFor={`${id}-picture`}>{t('official.picture.of')}</label>
        <select id={`${id}-picture`} value={pictureOf} onChange={(e) => setPictureOf(e.target.value)}>
          <option value="">{t('official.picture.wholeBoard')}</option>
          {frames.map((f) => <option key={f.id} value={f.id}>{f.type === 'frame' ? f.title || t('official.picture.untitled') : ''}</option>)}
        </select>
        <button type="button" disabled={busy || !board} onClick={() => void runPicture('svg')}>{t('official.picture.svg')}</button>
        <button type="button" disabled={busy || !board} onClick={() => void runPicture('png')}>{t('official.picture.png')}</button>
      </div>
      {progress !== null && <progress max={1} value={progress} aria-label={t('outcomes.export.progress')} />}
      <p role="status" aria-live="polite" className={status.kind === 'error' ? 'error' : 'hint'}>{status.message}</p>

      <h3 id={`${id}-submit`}>{t('outcomes.submit.title')}</h3>
      <button type="button" disabled={records.length === 0} onClick={() => void api.submit(profile)}>{t('outcomes.submit.button')}</button>
      {items.length === 0 ? <p className="empty">{t('outcomes.submit.empty')}</p> : (
        <ul className="outcomes-outbox" aria-labelledby={`${id}-submit`} aria-live="polite">
          {items.map((item) => (
            <li key={item.id} className={`outbox-${item.status}`}>
              {t('outcomes.submit.line', { profile: t(`outcomes.profile.${item.profile}`), status: t(`outcomes.portal.status.${item.status}`), attempts: item.attempts })}
              {outboxNote(item, t) && <span className="hint"> {outboxNote(item, t)}</span>}
              {item.reasons.length > 0 && (
                <ul>{item.reasons.map((reason, i) => <li key={i}><code>{reason.path}</code> {reason.message}</li>)}</ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
