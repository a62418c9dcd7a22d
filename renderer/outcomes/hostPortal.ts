// The portal as the renderer reaches it: through this machine's host (platform.submitToPortal),
// since the page may connect only to its own origin and a portal sends no CORS headers. One outbox
// for the whole app: its worker runs while the app is open, whichever screen is shown.
import type { OutboxStore, PortalAdapter, SubmitOutcome } from '../../shared/outcomes/portal/outbox';
import { OutboxWorker } from '../../shared/outcomes/portal/outbox';
import type { MadangDatabase } from '../db/database';
import type { Platform } from '../platform';
import { startOutboxLoop } from './session';
import { DexieOutboxStore } from './storage';

export function hostPortalAdapter(platform: Pick<Platform, 'submitToPortal'>): PortalAdapter {
  return {
    async submit(request): Promise<SubmitOutcome> {
      const result = await platform.submitToPortal(request);
      if (result.ok) return result.value;
      switch (result.error) {
        // The panel says "no portal set up; kept until then".
        case 'portal.notConfigured': return { kind: 'retry', error: 'noPortal' };
        case 'error.network': return { kind: 'retry', error: 'network' };
        // The host refused the package itself: sending it again cannot help.
        case 'error.tooLarge':
        case 'error.badRequest': return { kind: 'rejected', reasons: [{ path: '$', code: result.error, message: result.error }] };
        default: return { kind: 'retry', error: result.error };
      }
    },
  };
}

export interface AppOutbox {
  store: OutboxStore;
  worker: OutboxWorker;
  stop(): void;
}

/** The app's outbox and its loop; started once, in main.tsx. */
export function startAppOutbox(db: MadangDatabase, platform: Pick<Platform, 'submitToPortal'>): AppOutbox {
  const store = new DexieOutboxStore(db);
  // A pass that changed an item (a failed attempt scheduled for later, say) re-arms the loop's
  // timer, told through the same event the loop already listens to for the network coming back.
  const changed = new EventTarget();
  const worker = new OutboxWorker(store, hostPortalAdapter(platform), { now: () => Date.now(), onChange: () => changed.dispatchEvent(new Event('online')) });
  const target = {
    addEventListener: (type: string, listener: EventListener) => {
      window.addEventListener(type, listener);
      changed.addEventListener(type, listener);
    },
    removeEventListener: (type: string, listener: EventListener) => {
      window.removeEventListener(type, listener);
      changed.removeEventListener(type, listener);
    },
  } as Pick<Window, 'addEventListener' | 'removeEventListener'>;
  const stop = startOutboxLoop(worker, undefined, target);
  return { store, worker, stop };
}
