// The outcomes view of the board screen's side panel (facilitator's machine): who reviews now (the
// facilitator, or the official approving at the same laptop), the records, export and submission
// (OutcomesPanel), the portal's settings and the roster.
import { useId, useSyncExternalStore } from 'react';
import type { Language } from '../../shared/i18n';
import type { Reviewer } from '../../shared/outcomes/review';
import type { Selection } from '../board/selection';
import { useT } from '../i18n';
import { OutcomesPanel } from './OutcomesPanel';
import { PortalSettings } from './PortalSettings';
import { RosterPanel } from './RosterPanel';
import type { SessionOutcomes } from './useSessionOutcomes';
import './official.css';

export interface OfficialViewProps {
  outcomes: SessionOutcomes;
  selection: Selection;
  reviewer: Reviewer;
  /** The form's values (an empty name: the facilitator's board name). */
  chosen: Reviewer;
  onReviewerChange(reviewer: Reviewer): void;
  language: Language;
  onShowOnBoard?(ids: string[]): void;
}

export function OfficialView({ outcomes, selection, reviewer, chosen, onReviewerChange, language, onShowOnBoard }: OfficialViewProps) {
  const t = useT();
  const id = useId();
  const selected = useSyncExternalStore(selection.subscribe, () => selection.get().selected);
  return (
    <div className="official-view">
      <fieldset className="official-reviewer card">
        <legend>{t('official.actingAs')}</legend>
        <div className="official-reviewer-row">
          <select aria-label={t('official.actingAs')} value={chosen.role} onChange={(e) => onReviewerChange({ ...chosen, role: e.target.value as Reviewer['role'] })}>
            <option value="facilitator">{t('official.actingAs.facilitator')}</option>
            <option value="official">{t('official.actingAs.official')}</option>
          </select>
          <label htmlFor={`${id}-name`} className="visually-hidden">{t('official.reviewerName')}</label>
          <input id={`${id}-name`} placeholder={reviewer.name || t('official.reviewerName')} value={chosen.name} maxLength={100} onChange={(e) => onReviewerChange({ ...chosen, name: e.target.value })} />
        </div>
      </fieldset>
      <OutcomesPanel outcomes={outcomes} selection={[...selected]} reviewer={reviewer} language={language} onShowOnBoard={onShowOnBoard} />
      <PortalSettings />
      {/* Real names and contacts are asked for only where they are stored encrypted; no store here yet. */}
      <RosterPanel api={outcomes.api} canStoreIdentities={false} />
    </div>
  );
}
