import { useSyncExternalStore } from 'react';
import type { ControlsState, RoomControls } from './roomControls';

const idle = () => () => {};
const none = () => null;

/** Re-renders on every change of the session state or of this device's ballot and private notes. */
export function useControls(controls: RoomControls | null): ControlsState | null {
  return useSyncExternalStore(controls?.subscribe ?? idle, controls?.getState ?? none);
}

/** m:ss (or h:mm:ss) for a count of milliseconds, rounded up so 0:00 means over. */
export function clock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
