// window.madang.workshop, the facilitator's controls (README, "Automation API"). Each call goes
// through the same commands as the UI: one a role may not make resolves to false and changes
// nothing (and the hub and host would refuse it anyway).
import type { Timer } from '../../shared/workshop/timer';
import type { VoteResult } from '../../shared/workshop/vote';
import type { Follow } from '../../shared/workshop/follow';
import type { RoomControls } from './roomControls';

export interface ControlsAutomation {
  /** The room's timer (null when none), with the milliseconds left now. */
  timer(): (Timer & { remainingMs: number }) | null;
  startTimer(seconds: number): Promise<boolean>;
  pauseTimer(): Promise<boolean>;
  openVote(options: { budget: number; stacking?: boolean }): Promise<boolean>;
  /** One of this person's dots on the record (to the host only). */
  castVote(recordId: string): Promise<boolean>;
  uncastVote(recordId: string): Promise<boolean>;
  closeVote(): Promise<boolean>;
  revealVote(): Promise<boolean>;
  /** Ranked counts: everyone's once revealed; before that the facilitator's only (null for others). */
  results(): Promise<VoteResult[] | null>;
  /** Private mode on (a new round) or off (the hub reveals the round's notes). */
  setPrivate(on: boolean, options?: { anonymous?: boolean }): Promise<boolean>;
  /** A private note of this person's (while private mode is on); false otherwise. */
  addPrivateNote(text: string, x?: number, y?: number): Promise<boolean>;
  /** This device's private notes of the current round. */
  privateNotes(): string[];
  /** What everyone is asked to look at (follow me, bring here, spotlight), as the session state says. */
  follow(): Follow | null;
}

export function controlsAutomation(current: () => RoomControls | null): ControlsAutomation {
  const command = (run: (controls: RoomControls) => boolean | Promise<boolean>) => async () => {
    const controls = current();
    return controls ? run(controls) : false;
  };
  return {
    timer: () => {
      const timer = current()?.timer() ?? null;
      if (!timer) return null;
      return { ...timer, remainingMs: timer.state === 'running' ? Math.max(0, timer.endsAt - Date.now()) : timer.remaining };
    },
    startTimer: (seconds) => command((c) => c.startTimer(seconds))(),
    pauseTimer: command((c) => c.pauseTimer()),
    openVote: (options) => command((c) => c.openVote(options))(),
    castVote: (recordId) => command((c) => c.castVote(recordId))(),
    uncastVote: (recordId) => command((c) => c.uncastVote(recordId))(),
    closeVote: command((c) => c.closeVote()),
    revealVote: command((c) => c.revealVote()),
    results: async () => (await current()?.results()) ?? null,
    setPrivate: (on, options) => command((c) => c.setPrivate(on, options?.anonymous))(),
    addPrivateNote: (text, x = 0, y = 0) => command((c) => c.addPrivateNote(text, { x, y }))(),
    privateNotes: () => current()?.getState().privateNotes.map((n) => n.text) ?? [],
    follow: () => current()?.follow() ?? null,
  };
}
