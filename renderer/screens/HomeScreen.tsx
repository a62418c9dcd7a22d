import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context';
import { useLiveQuery } from '../db/useLiveQuery';
import { createSession } from '../../shared/session/session';
import { discoveredOrigin } from '../../shared/room/discovery';
import { normalizeJoinCode } from '../../shared/room/joinCode';
import type { DiscoveredHost, PlatformError } from '../platform';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';
import { JoinCodeInput } from '../components/JoinCodeInput';

export function HomeScreen({ onShown }: { onShown: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, navigate, automation, platform } = useApp();
  const sessions = useLiveQuery(() => db.sessions.orderBy('updatedAt').reverse().toArray(), [db]);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const titleId = useId();
  const codeId = useId();

  useEffect(() => {
    automation.show({ sessionId: '' });
    onShown();
  }, [automation, onShown]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const session = createSession(title, Date.now());
    if (!session) {
      setTitleError(t('error.titleRequired'));
      return;
    }
    try {
      await db.sessions.add(session);
    } catch (error) {
      setTitleError(t('error.storage', { detail: String(error) }));
      return;
    }
    navigate({ name: 'board', sessionId: session.id });
  };

  const join = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) {
      setCodeError(t('join.invalidCode'));
      return;
    }
    navigate({ name: 'join', code: normalized });
  };

  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <div className="screen">
      <header className="top-bar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="home">
        <h1>{t('home.title')}</h1>
        <section className="card" aria-labelledby={`${titleId}-heading`}>
          <h2 id={`${titleId}-heading`}>{t('home.newSession')}</h2>
          <form className="inline-form" onSubmit={create} noValidate>
            <label htmlFor={titleId}>{t('home.sessionTitle')}</label>
            <input
              id={titleId}
              value={title}
              maxLength={200}
              placeholder={t('home.sessionTitlePlaceholder')}
              aria-invalid={titleError ? true : undefined}
              aria-describedby={titleError ? `${titleId}-error` : undefined}
              onChange={(e) => {
                setTitle(e.target.value);
                setTitleError(null);
              }}
            />
            <button type="submit" className="primary">{t('home.create')}</button>
            {titleError && <p id={`${titleId}-error`} role="alert" className="error">{titleError}</p>}
          </form>
        </section>

        <section aria-labelledby={`${titleId}-list`}>
          <h2 id={`${titleId}-list`} className="visually-hidden">{t('home.title')}</h2>
          {sessions.error && <p role="alert" className="error">{t('error.storage', { detail: sessions.error.message })}</p>}
          {sessions.value?.length === 0 && <p className="empty">{t('home.empty')}</p>}
          <ul className="session-list">
            {sessions.value?.map((session) => (
              <li key={session.id}>
                <button type="button" className="session" onClick={() => navigate({ name: 'board', sessionId: session.id })}>
                  <span className="session-title">{session.title}</span>
                  <span className="session-meta">{t('home.createdAt', { date: dateFormat.format(session.createdAt) })}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>

        <section className="card" aria-labelledby={`${codeId}-heading`}>
          <h2 id={`${codeId}-heading`}>{t('home.join')}</h2>
          <form className="inline-form" onSubmit={join} noValidate>
            <label htmlFor={codeId}>{t('home.joinCode')}</label>
            <JoinCodeInput
              id={codeId}
              value={code}
              invalid={codeError !== null}
              describedBy={codeError ? `${codeId}-error` : undefined}
              onChange={(value) => {
                setCode(value);
                setCodeError(null);
              }}
            />
            <button type="submit">{t('home.joinSubmit')}</button>
            {codeError && <p id={`${codeId}-error`} role="alert" className="error">{codeError}</p>}
          </form>
        </section>

        {platform.canDiscover && <FindWorkshops />}
      </main>
      <StatusBar connection={null} />
    </div>
  );
}

type Search = { step: 'idle' } | { step: 'searching' } | { step: 'done'; hosts: DiscoveredHost[] } | { step: 'failed'; error: PlatformError };

/**
 * Electron only: lists the workshop hosts answering on this LAN (name, address, how many rooms
 * are open; never codes). Picking one asks for the join code and opens the host's join page in
 * the system browser: this window, served from app://madang, may not reach another machine's
 * plain-http host (mixed content), so the browser is where a remote room is joined for now.
 */
function FindWorkshops() {
  const { t } = useTranslation();
  const { platform, navigate } = useApp();
  const [search, setSearch] = useState<Search>({ step: 'idle' });
  const [chosen, setChosen] = useState<DiscoveredHost | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mounted = useRef(true);
  const codeRef = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (chosen) codeRef.current?.focus();
  }, [chosen]);

  const find = async () => {
    setSearch({ step: 'searching' });
    setChosen(null);
    setNotice(null);
    const result = await platform.discoverHosts();
    if (!mounted.current) return;
    setSearch(result.ok ? { step: 'done', hosts: result.value } : { step: 'failed', error: result.error });
  };

  const choose = (host: DiscoveredHost) => {
    setChosen(host);
    setCode('');
    setCodeError(null);
    setNotice(null);
  };

  const origin = chosen ? discoveredOrigin(chosen) : '';
  const address = origin ? `${origin}/` : '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(address);
      if (mounted.current) setNotice(t('discovery.copied'));
    } catch {
      if (mounted.current) setNotice(t('discovery.copyFailed'));
    }
  };

  const open = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeJoinCode(code);
    if (!normalized) {
      setCodeError(t('join.invalidCode'));
      return;
    }
    // Joined in the app, through our own host (main/host/remoteProxy.ts).
    navigate({ name: 'join', code: normalized, host: `${chosen!.address}:${chosen!.port}` });
  };

  const status =
    search.step === 'searching'
      ? t('discovery.searching')
      : search.step === 'done'
        ? search.hosts.length > 0
          ? t('discovery.found', { count: search.hosts.length })
          : t('discovery.none')
        : '';

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('discovery.heading')}</h2>
      <button type="button" onClick={() => void find()} disabled={search.step === 'searching'} aria-describedby={`${id}-status`}>
        {t('discovery.find')}
      </button>
      <p id={`${id}-status`} role="status" className={search.step === 'done' && search.hosts.length === 0 ? 'empty' : 'hint'}>
        {status}
      </p>
      {search.step === 'failed' && (
        <p role="alert" className="error">
          {t(search.error)}
        </p>
      )}
      {search.step === 'done' && search.hosts.length > 0 && (
        <ul className="session-list" aria-label={t('discovery.heading')}>
          {search.hosts.map((host) => (
            <li key={`${host.address}:${host.port}`}>
              <button type="button" className="session" aria-pressed={chosen === host} onClick={() => choose(host)}>
                {t('discovery.host', { name: host.name, address: host.address, count: host.rooms })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <div aria-labelledby={`${id}-chosen`} role="group">
          <h3 id={`${id}-chosen`}>{t('discovery.chosenHeading', { name: chosen.name })}</h3>
          <p>
            {t('discovery.address')}: <span data-testid="discovery-address">{address}</span>{' '}
            <button type="button" onClick={() => void copy()}>
              {t('discovery.copy')}
            </button>
          </p>
          <form className="inline-form" onSubmit={open} noValidate>
            <label htmlFor={`${id}-code`}>{t('home.joinCode')}</label>
            <JoinCodeInput
              inputRef={codeRef}
              id={`${id}-code`}
              value={code}
              invalid={codeError !== null}
              describedBy={`${id}-hint${codeError ? ` ${id}-error` : ''}`}
              onChange={(value) => {
                setCode(value);
                setCodeError(null);
              }}
            />
            <button type="submit" className="primary">
              {t('join.submit')}
            </button>
            {codeError && (
              <p id={`${id}-error`} role="alert" className="error">
                {codeError}
              </p>
            )}
          </form>
          <p id={`${id}-hint`} className="hint">
            {t('discovery.codeHint')}
          </p>
          <p role="status">{notice}</p>
        </div>
      )}
    </section>
  );
}
