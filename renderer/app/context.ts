import { createContext, useContext } from 'react';
import type { MadangDatabase } from '../db/database';
import type { Platform } from '../platform';
import type { AutomationSource } from '../automation';
import type { Route } from './routes';
import type { AppOutbox } from '../outcomes/hostPortal';

export interface AppServices {
  platform: Platform;
  db: MadangDatabase;
  /** What window.madang reads; screens keep it current. */
  automation: AutomationSource;
  navigate(route: Route): void;
  /** The portal outbox, kept moving while the app is open (absent in component tests). */
  outbox?: AppOutbox;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
