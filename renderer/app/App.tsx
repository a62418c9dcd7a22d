import { useEffect, useMemo, useState } from 'react';
import { AppContext, type AppServices } from './context';
import { routeFromLocation, urlForRoute, type Route } from './routes';
import { HomeScreen } from '../screens/HomeScreen';
import { JoinScreen } from '../screens/JoinScreen';
import { BoardScreen } from '../screens/BoardScreen';
import type { MadangDatabase } from '../db/database';
import type { Platform } from '../platform';
import type { AutomationSource } from '../automation';
import type { AppOutbox } from '../outcomes/hostPortal';

export function App(props: { platform: Platform; db: MadangDatabase; automation: AutomationSource; outbox?: AppOutbox; onFirstScreen: () => void }) {
  const [route, setRoute] = useState<Route>(() => routeFromLocation(window.location));

  useEffect(() => {
    const onHashChange = () => setRoute(routeFromLocation(window.location));
    window.addEventListener('hashchange', onHashChange);
    window.addEventListener('popstate', onHashChange);
    return () => {
      window.removeEventListener('hashchange', onHashChange);
      window.removeEventListener('popstate', onHashChange);
    };
  }, []);

  const { platform, db, automation, outbox } = props;
  const services = useMemo<AppServices>(
    () => ({
      platform,
      db,
      automation,
      outbox,
      navigate: (next) => {
        window.history.pushState(null, '', urlForRoute(next, window.location));
        setRoute(next);
      },
    }),
    [platform, db, automation, outbox],
  );

  return (
    <AppContext.Provider value={services}>
      {route.name === 'home' && <HomeScreen onShown={props.onFirstScreen} />}
      {route.name === 'join' && <JoinScreen key={`${route.host ?? ''}/${route.code}`} code={route.code} remoteHost={route.host} onShown={props.onFirstScreen} />}
      {route.name === 'board' && <BoardScreen key={route.sessionId} sessionId={route.sessionId} onShown={props.onFirstScreen} />}
    </AppContext.Provider>
  );
}
