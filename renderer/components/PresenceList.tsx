import { useTranslation } from 'react-i18next';
import type { PresencePeer } from '../sync/roomConnection';

export function PresenceList({ people }: { people: PresencePeer[] }) {
  const { t } = useTranslation();
  return (
    <section className="presence card" aria-labelledby="presence-heading">
      <h2 id="presence-heading">
        {t('board.peopleHeading')} <span className="count">{t('board.people', { count: people.length })}</span>
      </h2>
      <ul aria-live="polite" data-testid="presence-list">
        {people.map((person) => (
          <li key={person.clientId} className="person">
            <span className="person-dot" style={{ background: person.color }} aria-hidden="true" />
            {person.self ? t('board.you', { name: person.name }) : person.name}
            {person.role === 'facilitator' && <span className="role"> · {t('people.facilitator')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
