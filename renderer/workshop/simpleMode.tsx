// Simple participant mode (for elderly or first-time users): large buttons and only the tools
// the current step needs. A choice of this device, kept across reloads.
import { useSyncExternalStore } from 'react';
import { useT } from '../i18n';

const KEY = 'madang.simpleMode';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

let current = typeof localStorage === 'undefined' ? false : read();

export function setSimpleMode(on: boolean): void {
  current = on;
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Private browsing without storage: it holds until the page is closed.
  }
  for (const listener of listeners) listener();
}

export function useSimpleMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

/** The participant's switch, in the room panel. */
export function SimpleModeSwitch() {
  const t = useT();
  const on = useSimpleMode();
  return (
    <section className="card simple-mode-card" aria-label={t('controls.simpleMode')}>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => setSimpleMode(e.target.checked)} /> {t('controls.simpleMode')}
      </label>
      <p className="hint">{t('controls.simpleModeHint')}</p>
    </section>
  );
}
