// Where submissions go: the portal's address and token, kept by this machine's host (the token
// encrypted by the desktop app, or in memory only by the command-line host). The token is never
// read back, only whether one is set.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { isPortalEndpoint, type PortalConfigView } from '../../shared/outcomes/portal/hostRoutes';
import { useApp } from '../app/context';
import { useT } from '../i18n';

export function PortalSettings() {
  const t = useT();
  const id = useId();
  const { platform } = useApp();
  const [view, setView] = useState<PortalConfigView | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const [endpoint, setEndpoint] = useState('');
  const [token, setToken] = useState('');
  const [status, setStatus] = useState<{ kind: 'idle' | 'saved' | 'error'; message: string }>({ kind: 'idle', message: '' });

  useEffect(() => {
    let cancelled = false;
    void platform.portalConfig().then((result) => {
      if (cancelled) return;
      if (!result.ok) return setUnavailable(true);
      setView(result.value);
      setEndpoint(result.value.endpoint);
    });
    return () => {
      cancelled = true;
    };
  }, [platform]);

  const invalid = endpoint.trim() !== '' && !isPortalEndpoint(endpoint.trim());
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return setStatus({ kind: 'error', message: t('official.portal.invalid') });
    const result = await platform.configurePortal({ endpoint: endpoint.trim(), ...(token ? { token } : {}) });
    if (!result.ok) return setStatus({ kind: 'error', message: t('official.portal.failed') });
    setView(result.value);
    setToken('');
    setStatus({ kind: 'saved', message: t('official.portal.saved') });
  };

  if (unavailable) return <p className="hint">{t('official.portal.unavailable')}</p>;
  return (
    <form className="portal-settings card" aria-labelledby={`${id}-title`} onSubmit={(e) => void save(e)}>
      <h3 id={`${id}-title`}>{t('official.portal.title')}</h3>
      <div className="outcome-field">
        <label htmlFor={`${id}-endpoint`}>{t('official.portal.endpoint')}</label>
        <input id={`${id}-endpoint`} type="url" inputMode="url" autoComplete="off" spellCheck={false} value={endpoint} aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-invalid` : undefined} placeholder="https://" onChange={(e) => setEndpoint(e.target.value)} />
        {invalid && <p className="error" id={`${id}-invalid`}>{t('official.portal.invalid')}</p>}
      </div>
      <div className="outcome-field">
        <label htmlFor={`${id}-token`}>{t('official.portal.token')}</label>
        <input id={`${id}-token`} type="password" autoComplete="off" value={token} aria-describedby={`${id}-token-hint`} onChange={(e) => setToken(e.target.value)} />
        <p className="hint" id={`${id}-token-hint`}>
          {view?.hasToken ? t('official.portal.tokenSet') : ''} {view && !view.tokenPersists ? t('official.portal.tokenMemory') : ''}
        </p>
      </div>
      <button type="submit" disabled={!view}>{t('official.portal.save')}</button>
      <p role="status" aria-live="polite" className={status.kind === 'error' ? 'error' : 'hint'}>{status.message}</p>
    </form>
  );
}
