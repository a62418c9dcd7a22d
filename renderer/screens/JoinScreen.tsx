import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context';
import type { JoinTicket } from '../../shared/room/api';
import { anonymousParticipant, cleanDisplayName, pickParticipantColor } from '../../shared/people/pseudonym';
import { normalizeJoinCode } from '../../shared/room/joinCode';
import type { PlatformError } from '../platform';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { StatusBar } from '../components/StatusBar';
import { ColorChoice, type ParticipantColor } from '../components/ColorChoice';

type JoinState = { step: 'checking' } | { step: 'failed'; error: PlatformError } | { step: 'name'; ticket: JoinTicket };

/** Reached from the QR code or a typed code: check the code, ask a name (optional) and a colour, go to the board. */
export function JoinScreen({ code, remoteHost, onShown }: { code: string; remoteHost?: string; onShown: () => void }) {
  const { t } = useTranslation();
  const { platform, db, navigate } = useApp();
  const [state, setState] = useState<JoinState>({ step: 'checking' });
  const [name, setName] = useState('');
  const [color, setColor] = useState<ParticipantColor>(() => pickParticipantColor());
  const [retryCode, setRetryCode] = useState(code);
  const nameId = useId();
  const codeId = useId();

  useEffect(onShown, [onShown]);

  useEffect(() => {
    let cancelled = false;
    // A device that was in this room before keeps who it is (and so what it made).
    const previous = db.sessions.toArray().then((sessions) => sessions.find((s) => s.joinCode && normalizeJoinCode(code) === s.joinCode)?.memberToken);
    void previous.then((memberToken) => platform.join(code, remoteHost, memberToken)).then((result) => {
      if (cancelled) return;
      setState(result.ok ? { step: 'name', ticket: result.value } : { step: 'failed', error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [platform, db, code, remoteHost]);

  const enter = async (ticket: JoinTicket, typedName: string, chosenColor: ParticipantColor) => {
    const displayName = cleanDisplayName(typedName);
    const shownName = displayName || anonymousParticipant(t('participant.animals'), (animal) => t('participant.anonymous', { animal })).name;
    const me = { name: shownName, color: chosenColor };
    const now = Date.now();
    const existing = await db.sessions.get(ticket.sessionId);
    await db.transaction('rw', db.sessions, db.settings, async () => {
      await db.sessions.put({
        id: ticket.sessionId,
        title: ticket.title,
        role: existing?.role ?? 'participant',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
        roomId: ticket.roomId,
        joinCode: ticket.joinCode,
        memberToken: ticket.memberToken,
        ...(ticket.server ? { syncServer: ticket.server.url } : {}),
        ...(remoteHost ? { remoteHost } : {}),
      });
      await db.setSetting('displayName', me.name);
      await db.setSetting('participantColor', me.color);
    });
    navigate({ name: 'board', sessionId: ticket.sessionId });
  };

  // Scripts driving several participants take every default (README, "Automation API").
  useEffect(() => {
    if (platform.automation && state.step === 'name') void enter(state.ticket, '', color);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- run once per ticket
  }, [platform.automation, state]);

  const submitName = (event: FormEvent) => {
    event.preventDefault();
    if (state.step === 'name') void enter(state.ticket, name, color);
  };

  const retry = (event: FormEvent) => {
    event.preventDefault();
    navigate({ name: 'join', code: retryCode.trim(), ...(remoteHost ? { host: remoteHost } : {}) });
  };

  return (
    <div className="screen">
      <header className="top-bar">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main className="join">
        <h1>{state.step === 'name' ? state.ticket.title : t('join.title')}</h1>
        {state.step === 'checking' && <p role="status">{t('join.joining')}</p>}
        {state.step === 'failed' && (
          <form className="card inline-form" onSubmit={retry} noValidate>
            <p role="alert" className="error" id={`${codeId}-error`}>
              {t(state.error)}
            </p>
            <label htmlFor={codeId}>{t('home.joinCode')}</label>
            <input
              id={codeId}
              className="code-input"
              value={retryCode}
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              aria-describedby={`${codeId}-error`}
              onChange={(e) => setRetryCode(e.target.value)}
            />
            <button type="submit" className="primary">{t('home.joinSubmit')}</button>
          </form>
        )}
        {state.step === 'name' && (
          <form className="card inline-form" onSubmit={submitName}>
            <label htmlFor={nameId}>{t('join.nameLabel')}</label>
            <input id={nameId} value={name} maxLength={40} placeholder={t('join.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
            <ColorChoice value={color} onChange={setColor} />
            <button type="submit" className="primary">{t('join.submit')}</button>
          </form>
        )}
      </main>
      <StatusBar connection={null} />
    </div>
  );
}
