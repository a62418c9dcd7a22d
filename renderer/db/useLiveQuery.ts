import { liveQuery } from 'dexie';
import { useEffect, useState } from 'react';

export interface LiveResult<T> {
  value: T | undefined;
  error: Error | undefined;
  /** False until the first result (or error) arrived: tells "loading" from "missing". */
  loaded: boolean;
}

/** Re-renders when the Dexie query's result changes (also across tabs). */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[]): LiveResult<T> {
  const [state, setState] = useState<LiveResult<T>>({ value: undefined, error: undefined, loaded: false });
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => setState({ value, error: undefined, loaded: true }),
      error: (error: unknown) => setState({ value: undefined, error: error instanceof Error ? error : new Error(String(error)), loaded: true }),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller lists the query's inputs
  }, deps);
  return state;
}
