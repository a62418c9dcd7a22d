// This client's presence in the room's awareness, and everyone else's as parsed, trusted values.
// Cursor and drag share one throttle, so a drag costs one awareness update per interval, not two;
// the interval follows the room's size (cursorIntervalMs) to keep the room's traffic bounded.
import type { Awareness } from 'y-protocols/awareness';
import {
  createThrottle, cursorIntervalMs, localPresence, parsePresence, sameDrag, sameIds, samePoint, systemClock,
  type LocalPresence, type PresenceDrag, type PresencePoint, type RemotePresence, type ThrottleClock,
} from '../../../shared/sync/presence';

export type { PresenceDrag, PresencePoint, RemotePresence } from '../../../shared/sync/presence';

export interface PresenceChannel {
  /** This client's awareness id. */
  readonly clientId: number;
  /** Where this user's pointer is on the board (board coordinates); null when it leaves the canvas. */
  setCursor(point: PresencePoint | null): void;
  /** The records this user has selected (the first 50 are sent). */
  setSelection(ids: Iterable<string>): void;
  /** The live offset of notes being dragged; null when the drag ends (sent at once). */
  setDrag(drag: PresenceDrag | null): void;
  /** Everyone else present, parsed and validated, by client id. */
  remotes(): readonly RemotePresence[];
  /** People in the room, this client included. */
  roomSize(): number;
  /** Called when someone else's presence changes (not for this client's own updates). */
  subscribe(listener: () => void): () => void;
  /** Clears this client's cursor, selection and drag for the others and stops listening. */
  destroy(): void;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

type Motion = Pick<LocalPresence, 'cursor' | 'drag'>;

export function createPresenceChannel(awareness: Awareness, clock: ThrottleClock = systemClock): PresenceChannel {
  const self = awareness.clientID;
  const interval = () => cursorIntervalMs(awareness.getStates().size);
  const listeners = new Set<() => void>();
  let cached: RemotePresence[] | null = null;
  let destroyed = false;
  // What the user is doing now; the throttles decide when the room hears of it.
  let motion: Motion = { cursor: null, drag: null };
  let selected: string[] = [];

  /**
   * Writes fields next to `user` in one awareness update (setLocalStateField writes one field per
   * update), and none at all when nothing changed. No local state means the room connection has
   * gone: nothing to write to.
   */
  const write = (patch: Partial<LocalPresence>) => {
    const current = awareness.getLocalState();
    if (!current || destroyed) return;
    const unchanged =
      (patch.cursor === undefined || samePoint(patch.cursor, (current['cursor'] as PresencePoint | undefined) ?? null)) &&
      (patch.drag === undefined || sameDrag(patch.drag, (current['drag'] as PresenceDrag | undefined) ?? null)) &&
      (patch.selection === undefined || sameIds(patch.selection, (current['selection'] as string[] | undefined) ?? []));
    if (unchanged) return;
    awareness.setLocalState({ ...current, ...patch });
  };

  const motionThrottle = createThrottle<Motion>((m) => write(m), interval, clock);
  const selectionThrottle = createThrottle<string[]>((selection) => write({ selection }), interval, clock);

  const sendMotion = (next: Motion, now: boolean) => {
    // Nothing new (a sub-unit pointer jitter, a repeated drag offset): no send, no throttle slot used.
    if (samePoint(next.cursor, motion.cursor) && sameDrag(next.drag, motion.drag)) return;
    motion = next;
    if (now) {
      // An end (pointer gone, drag dropped) is never held back: others must not see a stale ghost
      // next to the note's new position.
      motionThrottle.cancel();
      write(motion);
    } else motionThrottle.push(motion);
  };

  const onChange = ({ added, updated, removed }: AwarenessChange) => {
    const others = (id: number) => id !== self;
    if (!added.some(others) && !updated.some(others) && !removed.some(others)) return;
    cached = null;
    for (const listener of [...listeners]) listener();
  };
  awareness.on('change', onChange);

  return {
    clientId: self,
    setCursor(point) {
      if (destroyed) return;
      const { cursor } = localPresence(point, [], null);
      sendMotion({ ...motion, cursor }, cursor === null);
    },
    setSelection(ids) {
      if (destroyed) return;
      const next = localPresence(null, ids, null).selection;
      if (sameIds(next, selected)) return;
      selected = next;
      // Leading edge: a click is sent at once; a marquee sweep is capped like cursors.
      selectionThrottle.push(next);
    },
    setDrag(drag) {
      if (destroyed) return;
      const next = localPresence(null, [], drag).drag;
      sendMotion({ ...motion, drag: next }, next === null);
    },
    remotes() {
      if (!cached) {
        const list: RemotePresence[] = [];
        for (const [clientId, state] of awareness.getStates()) {
          if (clientId === self) continue;
          const presence = parsePresence(clientId, state);
          if (presence) list.push(presence);
        }
        list.sort((a, b) => a.clientId - b.clientId);
        cached = list;
      }
      return cached;
    },
    roomSize: () => awareness.getStates().size,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      if (destroyed) return;
      motionThrottle.cancel();
      selectionThrottle.cancel();
      write({ cursor: null, selection: [], drag: null });
      destroyed = true;
      awareness.off('change', onChange);
      listeners.clear();
    },
  };
}
