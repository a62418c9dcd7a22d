import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context';
import { useLiveQuery } from '../db/useLiveQuery';
import { createSession } from '../../shared/session/session';
import { normalizeJoinCode } from '../../shared/room/joinCode';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';

export function HomeScreen({ onShown }: { onShown: () => void }) {
  const { t, i18n } = useTranslation();
  const { db, navigate, automation } = useApp();
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
            <input
              id={codeId}
              value={code}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              className="code-input"
              aria-invalid={codeError ? true : undefined}
              aria-describedby={codeError ? `${codeId}-error` : undefined}
              onChange={(e) => {
                setCode(e.target.value);
                setCodeError(null);
              }}
            />
            <button type="submit">{t('home.joinSubmit')}</button>
            {codeError && <p id={`${codeId}-error`} role="alert" className="error">{codeError}</p>}
          </form>
        </section>
      </main>
      <StatusBar connection={null} />
    </div>
  );
}
