// The roster on the facilitator's machine: add a participant with their role, age band, requested
// accommodations and consent (the PIPA notice given, who consented, optional consents), list them
// by pseudonym, and record a withdrawal. Real names and contacts only where the platform keeps
// them encrypted (Electron); the browser build never asks for them.
import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { ACCOMMODATIONS, AGE_BANDS, SSG_ROLES, type AgeBand, type Participant, type SsgRole } from '../../shared/outcomes/participants';
import type { OutcomesApi } from '../../shared/outcomes/api';
import { useLiveQuery } from '../db/useLiveQuery';
import { useT } from '../i18n';
import './outcomes.css';

export interface RosterPanelProps {
  api: OutcomesApi;
  /** True where identities are stored encrypted (Electron's safeStorage). */
  canStoreIdentities: boolean;
}

const ERROR_KEYS: Record<string, MessageKey> = {
  required: 'outcomes.error.required',
  noticeRequired: 'outcomes.error.noticeRequired',
  guardianConsentRequired: 'outcomes.error.guardianConsentRequired',
  namedCreditNotConsented: 'outcomes.error.namedCreditNotConsented',
};

export function RosterPanel({ api, canStoreIdentities }: RosterPanelProps) {
  const t = useT();
  const id = useId();
  const roster = useLiveQuery(() => api.roster(), [api]).value ?? [];
  const [name, setName] = useState('');
  const [role, setRole] = useState<SsgRole>('resident');
  const [ageBand, setAgeBand] = useState<AgeBand>('undisclosed');
  const [accommodations, setAccommodations] = useState<Participant['accommodations']>([]);
  const [notice, setNotice] = useState(false);
  const [givenBy, setGivenBy] = useState<'self' | 'legal_representative'>('self');
  const [namedCredit, setNamedCredit] = useState(false);
  const [attribution, setAttribution] = useState<'display_name' | 'real_name'>('display_name');
  const [photos, setPhotos] = useState(false);
  const [publishText, setPublishText] = useState(false);
  const [realName, setRealName] = useState('');
  const [contact, setContact] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [status, setStatus] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.addPerson({
      name, role, ageBand, accommodations,
      ...(canStoreIdentities && realName.trim() ? { realName: realName.trim(), contact: { channel: 'other' as const, value: contact.trim() } } : {}),
      consent: {
        refusal_rights_shown: notice, given_by: givenBy, named_credit: namedCredit, photos, publish_text: publishText,
        items: ['display_name', 'role', 'age_band', 'contributions', ...(namedCredit && attribution === 'real_name' ? ['real_name' as const] : [])],
      },
      attribution: namedCredit ? attribution : 'anonymous',
    });
    if (!result.ok) {
      setErrors(new Map(result.issues.map((issue) => [issue.path, t(ERROR_KEYS[issue.message] ?? 'outcomes.error.invalid')])));
      setStatus(t('outcomes.editor.errors', { count: result.issues.length }));
      return;
    }
    setErrors(new Map());
    setStatus(t('outcomes.roster.added', { pseudonym: result.participant.pseudonym }));
    setName(''); setRealName(''); setContact(''); setNotice(false); setNamedCredit(false); setPhotos(false); setPublishText(false);
    setAccommodations([]); setAgeBand('undisclosed'); setGivenBy('self');
  };

  const error = (path: string) => errors.get(path);
  const described = (path: string) => (error(path) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${path}-error` } : {});
  const errorText = (path: string) => error(path) && <p className="error" id={`${id}-${path}-error`}>{error(path)}</p>;
  const check = (label: string, checked: boolean, onChange: (value: boolean) => void, path?: string) => (
    <label className="outcome-check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} {...(path ? described(path) : {})} />
      <span>{label}</span>
    </label>
  );

  return (
    <section className="roster-panel card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('outcomes.roster.title')}</h2>
      {roster.length === 0 ? <p className="empty">{t('outcomes.roster.empty')}</p> : (
        <ul className="outcomes-list">
          {roster.map((p) => (
            <li key={p.id}>
              {t('outcomes.roster.line', { pseudonym: p.pseudonym, name: p.display_name, role: t(`outcomes.role.${p.role}`), ageBand: t(`outcomes.ageBand.${p.age_band}`) })}
              {p.consent.withdrawn_at
                ? <span className="hint"> ({t('outcomes.roster.withdrawn')})</span>
                : <> <button type="button" className="link" onClick={() => void api.withdrawConsent(p.id)}>{t('outcomes.roster.withdraw', { pseudonym: p.pseudonym })}</button></>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h3>{t('outcomes.roster.add')}</h3>
        <div className="outcome-field">
          <label htmlFor={`${id}-name`}>{t('outcomes.roster.name')}</label>
          <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} {...described('display_name')} />
          {errorText('display_name')}
        </div>
        <div className="outcome-field">
          <label htmlFor={`${id}-role`}>{t('outcomes.roster.role')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as SsgRole)}>
            {SSG_ROLES.map((r) => <option key={r} value={r}>{t(`outcomes.role.${r}`)}</option>)}
          </select>
        </div>
        <div className="outcome-field">
          <label htmlFor={`${id}-age`}>{t('outcomes.roster.ageBand')}</label>
          <select id={`${id}-age`} value={ageBand} onChange={(e) => setAgeBand(e.target.value as AgeBand)}>
            {AGE_BANDS.map((a) => <option key={a} value={a}>{t(`outcomes.ageBand.${a}`)}</option>)}
          </select>
        </div>
        <fieldset className="outcome-group">
          <legend>{t('outcomes.roster.accommodations')}</legend>
          {ACCOMMODATIONS.map((a) => (
            <label key={a} className="outcome-check">
              <input type="checkbox" checked={accommodations.includes(a)}
                onChange={(e) => setAccommodations(e.target.checked ? [...accommodations, a] : accommodations.filter((x) => x !== a))} />
              <span>{t(`outcomes.field.${a}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="outcome-group">
          <legend>{t('outcomes.roster.consent')}</legend>
          {check(t('outcomes.roster.notice'), notice, setNotice, 'consent.refusal_rights_shown')}
          {errorText('consent.refusal_rights_shown')}
          <div className="outcome-field">
            <label htmlFor={`${id}-given-by`}>{t('outcomes.roster.givenBy')}</label>
            <select id={`${id}-given-by`} value={givenBy} onChange={(e) => setGivenBy(e.target.value as typeof givenBy)} {...described('consent.given_by')}>
              <option value="self">{t('outcomes.roster.givenBy.self')}</option>
              <option value="legal_representative">{t('outcomes.roster.givenBy.legal_representative')}</option>
            </select>
            {errorText('consent.given_by')}
          </div>
        </fieldset>
        <fieldset className="outcome-group">
          <legend>{t('outcomes.roster.optional')}</legend>
          {check(t('outcomes.roster.namedCredit'), namedCredit, setNamedCredit)}
          {namedCredit && (
            <div className="outcome-field">
              <label htmlFor={`${id}-attribution`}>{t('outcomes.roster.attribution')}</label>
              <select id={`${id}-attribution`} value={attribution} onChange={(e) => setAttribution(e.target.value as typeof attribution)}>
                <option value="display_name">{t('outcomes.roster.attribution.display_name')}</option>
                {canStoreIdentities && <option value="real_name">{t('outcomes.roster.attribution.real_name')}</option>}
              </select>
            </div>
          )}
          {check(t('outcomes.roster.photos'), photos, setPhotos)}
          {check(t('outcomes.roster.publishText'), publishText, setPublishText)}
        </fieldset>
        {canStoreIdentities ? (
          <>
            <div className="outcome-field">
              <label htmlFor={`${id}-real-name`}>{t('outcomes.roster.realName')}</label>
              <input id={`${id}-real-name`} value={realName} maxLength={100} autoComplete="off" onChange={(e) => setRealName(e.target.value)} />
            </div>
            <div className="outcome-field">
              <label htmlFor={`${id}-contact`}>{t('outcomes.roster.contact')}</label>
              <input id={`${id}-contact`} value={contact} maxLength={200} autoComplete="off" onChange={(e) => setContact(e.target.value)} />
            </div>
          </>
        ) : <p className="hint">{t('outcomes.roster.noIdentities')}</p>}
        <button type="submit" className="primary">{t('outcomes.roster.add')}</button>
        <p role="status" aria-live="polite" className="hint">{status}</p>
      </form>
    </section>
  );
}
