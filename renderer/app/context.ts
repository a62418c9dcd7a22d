import { createContext, useContext } from 'react';
import type { MadangDatabase } from '../db/database';
import type { Platform } from '../platform';
import type { AutomationSource } from '../automation';
import type { Route } from './routes';

export interface AppServices {
  platform: Platform;
  db: MadangDatabase;
  /** What window.madang reads; screens keep it current. */
  automation: AutomationSource;
  navigate(route: Route): void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
