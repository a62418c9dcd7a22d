import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { useApp } from '../app/context';
import type { PlatformError } from '../platform';
import type { PresencePeer } from '../sync/roomConnection';
import { InlineConfirm } from './InlineConfirm';

type Removal = { step: 'confirm' | 'removing'; clientId: number; name: string };

/**
 * Who is here. The facilitator of an open room can remove anyone else, after a confirm step
 * shown below the list (not inside it: the list is a live region announcing arrivals).
 */
export function PresenceList({ people, isFacilitator = false, roomId, personControls }: {
  people: PresencePeer[];
  isFacilitator?: boolean;
  roomId?: string;
  /** More controls per person (the facilitator's role choice). */
  personControls?: (person: PresencePeer) => ReactNode;
}) {
  const t = useT();
  const { platform } = useApp();
  const [removal, setRemoval] = useState<Removal | null>(null);
  const [error, setError] = useState<PlatformError | null>(null);
  const [done, setDone] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The person whose Remove button gets the focus back once the confirm step is gone.
  const focusAfter = useRef<number | 'heading' | null>(null);
  const canRemove = isFacilitator && Boolean(roomId);

  useEffect(() => {
    if (removal || focusAfter.current === null) return;
    const target = focusAfter.current;
    focusAfter.current = null;
    const button = target === 'heading' ? null : listRef.current?.querySelector<HTMLButtonElement>(`button[data-client-id="${target}"]`);
    // The person may have left meanwhile: the heading keeps the focus in this panel.
    (button ?? headingRef.current)?.focus();
  }, [removal]);

  const remove = async (person: Removal) => {
    if (!roomId) return;
    setRemoval({ ...person, step: 'removing' });
    setError(null);
    const result = await platform.removeParticipant({ roomId, clientId: person.clientId });
    if (result.ok) {
      setDone(t('people.removed', { name: person.name }));
      focusAfter.current = 'heading';
    } else {
      setError(result.error);
      focusAfter.current = person.clientId;
    }
    setRemoval(null);
  };

  return (
    <section className="presence card" aria-labelledby="presence-heading">
      <h2 id="presence-heading" ref={headingRef} tabIndex={-1}>
        {t('board.peopleHeading')} <span className="count">{t('board.people', { count: people.length })}</span>
      </h2>
      <ul aria-live="polite" data-testid="presence-list" ref={listRef}>
        {people.map((person) => (
          <li key={person.clientId} className="person">
            <span className="person-dot" style={{ background: person.color }} aria-hidden="true" />
            <span className="person-name">
              {person.self ? t('board.you', { name: person.name }) : person.name}
              {person.role === 'facilitator' && <span className="role"> · {t('people.facilitator')}</span>}
            </span>
            {personControls?.(person)}
            {canRemove && !person.self && (
              <button
                type="button"
                className="person-remove"
                data-client-id={person.clientId}
                aria-label={t('people.removeLabel', { name: person.name })}
                onClick={() => {
                  setError(null);
                  setRemoval({ step: 'confirm', clientId: person.clientId, name: person.name });
                }}
              >
                {t('people.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {removal && (
        <InlineConfirm
          key={removal.clientId}
          testId="remove-confirm"
          question={t('people.removeConfirm', { name: removal.name })}
          confirmLabel={t('people.removeConfirmYes', { name: removal.name })}
          busyLabel={t('people.removing')}
          cancelLabel={t('people.removeCancel')}
          busy={removal.step === 'removing'}
          onConfirm={() => void remove(removal)}
          onCancel={() => {
            focusAfter.current = removal.clientId;
            setRemoval(null);
          }}
        />
      )}
      {error && (
        <p role="alert" className="error">
          {t(error)}
        </p>
      )}
      <p role="status" className="visually-hidden">
        {done}
      </p>
    </section>
  );
}
