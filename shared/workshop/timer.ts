// The step timer (session key `timer`): the facilitator starts, pauses and adds time; everyone's
// board header counts down from the same end time. Times are the facilitator's clock in ms.
import { z } from 'zod';
import type { Board } from '../board/board';
import type * as Y from 'yjs';
import { readSession, writeSession } from './sessionState';

export const TIMER_KEY = 'timer';
/** The longest time box (and the most time added at once): 4 hours. */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;

const ms = z.number().int().min(0).max(TIMER_MAX_MS);
export const TimerSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('running'), duration: ms, endsAt: z.number().int().nonnegative() }),
  z.object({ state: z.literal('paused'), duration: ms, remaining: ms }),
]);
export type Timer = z.infer<typeof TimerSchema>;

/** The room's timer, or null when none is set. */
export function readTimer(doc: Y.Doc): Timer | null {
  return readSession(doc, TIMER_KEY, TimerSchema);
}

/** Milliseconds left at `now` (0 once over). */
export function timerRemaining(timer: Timer, now: number): number {
  return timer.state === 'running' ? Math.max(0, timer.endsAt - now) : timer.remaining;
}

const clampMs = (seconds: number): number | null => (Number.isFinite(seconds) && seconds > 0 ? Math.min(TIMER_MAX_MS, Math.round(seconds * 1000)) : null);

/** Starts a new countdown of `seconds`. */
export function startTimer(board: Board, seconds: number, now = Date.now()): boolean {
  const duration = clampMs(seconds);
  if (duration === null) return false;
  return writeSession(board, TIMER_KEY, { state: 'running', duration, endsAt: now + duration } satisfies Timer);
}

/** Stops the countdown where it is; false when it is not running. */
export function pauseTimer(board: Board, now = Date.now()): boolean {
  const timer = readTimer(board.doc);
  if (timer?.state !== 'running') return false;
  return writeSession(board, TIMER_KEY, { state: 'paused', duration: timer.duration, remaining: timerRemaining(timer, now) } satisfies Timer);
}

/** Goes on from where it was paused; false when it is not paused. */
export function resumeTimer(board: Board, now = Date.now()): boolean {
  const timer = readTimer(board.doc);
  if (timer?.state !== 'paused') return false;
  return writeSession(board, TIMER_KEY, { state: 'running', duration: timer.duration, endsAt: now + timer.remaining } satisfies Timer);
}

/** Adds `seconds` to the time left (a timer that ran out starts again with them). */
export function addTime(board: Board, seconds: number, now = Date.now()): boolean {
  const extra = clampMs(seconds);
  const timer = readTimer(board.doc);
  if (extra === null) return false;
  if (!timer) return startTimer(board, seconds, now);
  const left = Math.min(TIMER_MAX_MS, timerRemaining(timer, now) + extra);
  const duration = Math.min(TIMER_MAX_MS, timer.duration + extra);
  const next: Timer = timer.state === 'running' ? { state: 'running', duration, endsAt: now + left } : { state: 'paused', duration, remaining: left };
  return writeSession(board, TIMER_KEY, next);
}

/** Removes the timer from everyone's header. */
export function clearTimer(board: Board): boolean {
  return writeSession(board, TIMER_KEY, undefined);
}
