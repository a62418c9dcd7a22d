// Presence on the board: each person's cursor, selection and live drag, carried in Yjs awareness
// next to the `user` field the room connection sets. Every awareness change is re-broadcast to
// the whole room (docs/sync.md, "The star"), so what we send is small and rate-limited,
// and what we receive comes from other peers: its size and shape are never trusted.
import { z } from 'zod';
import { COORD_MAX } from '../board/types';
import { cleanDisplayName } from '../people/pseudonym';
import type { SessionRole } from '../session/session';

export const PRESENCE_LIMITS = {
  /** Cursor (and drag) updates per second per person while the room is small (≤ 10 people). */
  cursorHz: 10,
  /** Cursor and drag updates per second from the whole room: intervals grow with room size to stay under it. */
  roomUpdatesPerSecond: 100,
  /** Past this, cursors would be too stale to be worth sending more slowly. */
  maxIntervalMs: 2000,
  selectionMax: 50,
  dragIdsMax: 200,
  idMaxLength: 64,
  coordMax: COORD_MAX,
  /** Raw name characters looked at before cleaning (cleanDisplayName keeps 40). */
  nameInputMax: 200,
  /** Remote cursors drawn at once; everyone else is still in the presence list. */
  visibleCursors: 8,
} as const;

/** Shown for a colour that is missing or malformed (same grey as the room's presence list). */
export const FALLBACK_COLOR = '#868e96';

export interface PresencePoint {
  x: number;
  y: number;
}

/** Notes being dragged and their offset from where the document has them, in board units. */
export interface PresenceDrag {
  ids: string[];
  dx: number;
  dy: number;
}

export interface PresenceUser {
  name: string;
  color: string;
  role: SessionRole;
}

/** The fields this client adds to its awareness state next to `user`. */
export interface LocalPresence {
  /** Board coordinates; null when the pointer is off the canvas. */
  cursor: PresencePoint | null;
  selection: string[];
  drag: PresenceDrag | null;
}

export interface RemotePresence extends LocalPresence {
  clientId: number;
  user: PresenceUser;
}

const clampCoord = (n: number) => Math.min(PRESENCE_LIMITS.coordMax, Math.max(-PRESENCE_LIMITS.coordMax, n));
// z.number() already refuses NaN and ±Infinity.
const coord = z.number().transform(clampCoord);
const id = z.string().min(1).max(PRESENCE_LIMITS.idMaxLength);
// Length is checked before any element is looked at, so a huge array costs nothing to refuse.
const ids = (max: number) => z.custom<unknown[]>((v) => Array.isArray(v) && v.length <= max).pipe(z.array(id));

const pointSchema = z.object({ x: coord, y: coord });
const selectionSchema = ids(PRESENCE_LIMITS.selectionMax);
const dragSchema = z.object({ ids: ids(PRESENCE_LIMITS.dragIdsMax).refine((list) => list.length > 0), dx: coord, dy: coord });
const nameSchema = z.string().transform((s) => cleanDisplayName(s.slice(0, PRESENCE_LIMITS.nameInputMax)));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One peer's awareness state as presence, or null when it has no usable `user`. Each other field
 * is read on its own: a malformed cursor, selection or drag is dropped, not the person.
 */
export function parsePresence(clientId: number, state: unknown): RemotePresence | null {
  if (!Number.isSafeInteger(clientId) || !isRecord(state)) return null;
  const user = state['user'];
  if (!isRecord(user)) return null;
  const name = nameSchema.safeParse(user['name']);
  if (!name.success) return null;
  const color = user['color'];
  const cursor = pointSchema.safeParse(state['cursor']);
  const selection = selectionSchema.safeParse(state['selection']);
  const drag = dragSchema.safeParse(state['drag']);
  return {
    clientId,
    user: {
      name: name.data,
      color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : FALLBACK_COLOR,
      role: user['role'] === 'facilitator' ? 'facilitator' : 'participant',
    },
    cursor: cursor.success ? cursor.data : null,
    selection: selection.success ? selection.data : [],
    drag: drag.success ? drag.data : null,
  };
}

/** What this client writes: rounded (board units are fine-grained enough), clamped, capped. */
export function localPresence(cursor: PresencePoint | null, selection: Iterable<string>, drag: PresenceDrag | null): LocalPresence {
  const valid = (s: string) => s.length > 0 && s.length <= PRESENCE_LIMITS.idMaxLength;
  const round = (n: number) => (Number.isFinite(n) ? clampCoord(Math.round(n)) : 0);
  const selected: string[] = [];
  for (const s of selection) {
    if (selected.length === PRESENCE_LIMITS.selectionMax) break;
    if (valid(s)) selected.push(s);
  }
  const dragIds = drag ? drag.ids.filter(valid).slice(0, PRESENCE_LIMITS.dragIdsMax) : [];
  return {
    cursor: cursor ? { x: round(cursor.x), y: round(cursor.y) } : null,
    selection: selected,
    drag: drag && dragIds.length ? { ids: dragIds, dx: round(drag.dx), dy: round(drag.dy) } : null,
  };
}

export function samePoint(a: PresencePoint | null, b: PresencePoint | null): boolean {
  return a === b || (!!a && !!b && a.x === b.x && a.y === b.y);
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

export function sameDrag(a: PresenceDrag | null, b: PresenceDrag | null): boolean {
  return a === b || (!!a && !!b && a.dx === b.dx && a.dy === b.dy && sameIds(a.ids, b.ids));
}

/**
 * How often one person may send a cursor or drag update in a room of `peopleInRoom`: 10 Hz up to
 * 10 people, then slower so the room as a whole stays near PRESENCE_LIMITS.roomUpdatesPerSecond
 * (40 people: 400 ms each).
 */
export function cursorIntervalMs(peopleInRoom: number): number {
  const people = Number.isFinite(peopleInRoom) ? Math.max(1, Math.floor(peopleInRoom)) : 1;
  const floor = 1000 / PRESENCE_LIMITS.cursorHz;
  return Math.min(PRESENCE_LIMITS.maxIntervalMs, Math.max(floor, Math.ceil((people * 1000) / PRESENCE_LIMITS.roomUpdatesPerSecond)));
}

export interface ThrottleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttle<T> {
  /** Offers the latest value: sent now if the interval has passed, otherwise at its end. */
  push(value: T): void;
  /** Sends a waiting value now. */
  flush(): void;
  /** Drops a waiting value; no timer is left behind. */
  cancel(): void;
}

/**
 * Leading and trailing: the first value goes at once, then at most one per interval, always the
 * latest. `intervalMs` may be a function, read at each send (it follows the room's size).
 */
export function createThrottle<T>(send: (value: T) => void, intervalMs: number | (() => number), clock: ThrottleClock = systemClock): Throttle<T> {
  let lastSent = -Infinity;
  let timer: unknown = null;
  let pending: { value: T } | null = null;
  const interval = () => Math.max(0, typeof intervalMs === 'function' ? intervalMs() : intervalMs);
  const stopTimer = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  const sendPending = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastSent = clock.now();
    send(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== null) return;
      const wait = lastSent + interval() - clock.now();
      if (wait <= 0) sendPending();
      // Bounded by one interval in case the clock went backwards.
      else timer = clock.setTimeout(sendPending, Math.min(wait, interval()));
    },
    flush() {
      stopTimer();
      sendPending();
    },
    cancel() {
      stopTimer();
      pending = null;
    },
  };
}

export interface VisibleCursorOptions {
  /** Most cursors to show (facilitators included). */
  max?: number;
  /** This user's own cursor, or the centre of the view: the nearest people are shown. */
  focus: PresencePoint | null;
  /** Client ids shown last time: they keep their place against slightly nearer newcomers (no flicker). */
  shown?: ReadonlySet<number>;
}

/** How much nearer a newcomer must be to take a shown cursor's place. */
const KEEP_SHOWN = 0.75;

/**
 * Which remote cursors to draw: always the facilitator(s), then the people nearest to `focus`,
 * up to `max`. Without a focus, a stable order (client id) decides.
 */
export function pickVisibleCursors(remotes: readonly RemotePresence[], options: VisibleCursorOptions): RemotePresence[] {
  const max = Math.max(0, options.max ?? PRESENCE_LIMITS.visibleCursors);
  const facilitators: RemotePresence[] = [];
  const others: Array<{ remote: RemotePresence; rank: number }> = [];
  for (const remote of remotes) {
    const c = remote.cursor;
    if (!c) continue;
    if (remote.user.role === 'facilitator') {
      facilitators.push(remote);
      continue;
    }
    const f = options.focus;
    const distance = f ? Math.hypot(c.x - f.x, c.y - f.y) : 0;
    others.push({ remote, rank: options.shown?.has(remote.clientId) ? distance * KEEP_SHOWN : distance });
  }
  others.sort((a, b) => a.rank - b.rank || a.remote.clientId - b.remote.clientId);
  const room = Math.max(0, max - facilitators.length);
  return [...facilitators, ...others.slice(0, room).map((o) => o.remote)];
}
