// Quitting: the last window closing ends the app, and quit waits for cleanup (closing the host).
import type { Logger } from '../host/log';

/** The part of Electron's `app` used here. */
export type QuittableApp = {
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
};

/** A host that will not close must not keep the app alive. */
export const CLEANUP_TIMEOUT_MS = 3000;

export function installQuitHandlers(app: QuittableApp, cleanup: () => Promise<void>, log: Logger, timeoutMs = CLEANUP_TIMEOUT_MS): void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.warn('app.cleanupTimeout', { timeoutMs });
        resolve();
      }, timeoutMs);
    });
    Promise.race([cleanup(), timeout])
      .catch((error: unknown) => log.error('app.cleanupFailed', { error }))
      .finally(() => {
        clearTimeout(timer);
        state = 'done';
        app.quit();
      });
  });
}
