// This window's side of the facilitator's controls: the session state as everyone reads it, the
// commands (the app's courtesy check first; the hub and host decide), and what only this device
// holds — its own ballot and its own private notes, read back from the host.
import type { Board } from '../../shared/board/board';
import { runsSession } from '../../shared/board/policy';
import { sessionMap } from '../../shared/board/schema';
import * as timer from '../../shared/workshop/timer';
import * as vote from '../../shared/workshop/vote';
import { readPrivateMode, setPrivateMode, type PrivateNote } from '../../shared/workshop/privateMode';
import { readFollow } from '../../shared/workshop/follow';
import type { PlatformError } from '../platform';
import type { ControlsApi } from './controlsApi';

export interface ControlsState {
  /** This device's dots in the open round. */
  dots: vote.Ballot['dots'];
  /** This device's private notes of the current round. */
  privateNotes: PrivateNote[];
  /** The last thing the host refused, as an i18n key. */
  error: PlatformError | null;
  /** Bumped on every change of the session state, so views re-read it. */
  version: number;
}

export class RoomControls {
  private state: ControlsState = { dots: [], privateNotes: [], error: null, version: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly stop: () => void;
  private voteRound: string | null = null;
  private privateRound: string | null = null;

  constructor(
    readonly board: Board,
    /** The host's routes with this device's token; null off a room. */
    private readonly api: ControlsApi | null,
    /** The person's name stamped on their private notes. */
    private readonly author: string,
  ) {
    const map = sessionMap(board.doc);
    const onChange = () => {
      this.set({ version: this.state.version + 1 });
      this.followRounds();
    };
    map.observe(onChange);
    this.stop = () => map.unobserve(onChange);
    this.followRounds();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ControlsState => this.state;

  destroy(): void {
    this.stop();
    this.listeners.clear();
  }

  runsSession(): boolean {
    return runsSession(this.board.role());
  }

  timer(): timer.Timer | null {
    return timer.readTimer(this.board.doc);
  }

  vote(): vote.VoteRound | null {
    return vote.readVote(this.board.doc);
  }

  privateMode() {
    return readPrivateMode(this.board.doc);
  }

  follow() {
    return readFollow(this.board.doc);
  }

  // ---- the facilitator's commands: session state, checked again by the hub ----

  startTimer = (seconds: number) => timer.startTimer(this.board, seconds);
  pauseTimer = () => timer.pauseTimer(this.board);
  resumeTimer = () => timer.resumeTimer(this.board);
  addTime = (seconds: number) => timer.addTime(this.board, seconds);
  clearTimer = () => timer.clearTimer(this.board);
  openVote = (options: vote.VoteOptions) => vote.openVote(this.board, options);
  closeVote = () => vote.closeVote(this.board);
  revealVote = () => vote.revealVote(this.board);
  endVote = () => vote.endVote(this.board);
  setPrivate = (on: boolean, anonymous?: boolean) => setPrivateMode(this.board, on, { anonymous });

  // ---- a voter's ballot and private notes: to the host only ----

  /** One more of this device's dots on the record; false when the round or the host says no. */
  castVote(recordId: string): Promise<boolean> {
    return this.inTurn(() => this.addDot(recordId));
  }

  /** One dot fewer on the record (while the round is open). */
  uncastVote(recordId: string): Promise<boolean> {
    return this.inTurn(() => this.takeDot(recordId));
  }

  /** Ballot changes one after another: each starts from the ballot the host answered last. */
  private queue: Promise<unknown> = Promise.resolve();
  private inTurn(change: () => Promise<boolean>): Promise<boolean> {
    const next = this.queue.then(change, change);
    this.queue = next;
    return next;
  }

  private async addDot(recordId: string): Promise<boolean> {
    const round = this.vote();
    if (!round || round.state !== 'open') return false;
    const dots = vote.withDot(this.state.dots, recordId, round);
    if (dots) return this.putBallot(round.round, dots);
    return this.refuse(vote.dotsUsed(this.state.dots) >= round.budget ? 'controls.overBudget' : 'controls.noStacking');
  }

  private async takeDot(recordId: string): Promise<boolean> {
    const round = this.vote();
    if (!round || round.state !== 'open' || !this.state.dots.some((d) => d.recordId === recordId)) return false;
    return this.putBallot(round.round, vote.withoutDot(this.state.dots, recordId));
  }

  /** The counts: everyone's once revealed; before that only those who run the session, from the host. */
  async results(): Promise<vote.VoteResult[] | null> {
    const round = this.vote();
    if (round?.state === 'revealed') return round.results ?? null;
    if (!round || !this.runsSession() || !this.api) return null;
    const answer = await this.api.results();
    return answer.ok && answer.value.round === round.round ? answer.value.results : null;
  }

  /** Voters so far (facilitators only; null otherwise). */
  async voters(): Promise<number | null> {
    if (!this.runsSession() || !this.api) return null;
    const answer = await this.api.results();
    return answer.ok ? answer.value.voters : null;
  }

  /** Keeps a note for the reveal: on this screen and at the host, nowhere else. */
  async addPrivateNote(text: string, at: { x: number; y: number }): Promise<boolean> {
    const mode = this.privateMode();
    if (!mode?.on || !this.api) return false;
    const answer = await this.api.addPrivateNote({ round: mode.round, text, x: at.x, y: at.y, author: this.author.slice(0, 80) });
    if (!answer.ok) return this.refuse(answer.error);
    this.set({ privateNotes: [...this.state.privateNotes, answer.value], error: null });
    return true;
  }

  private async putBallot(round: string, dots: vote.Ballot['dots']): Promise<boolean> {
    if (!this.api) return false;
    const answer = await this.api.putBallot({ round, dots });
    if (!answer.ok) return this.refuse(answer.error);
    this.set({ dots: answer.value.dots, error: null });
    return true;
  }

  private refuse(error: PlatformError): false {
    this.set({ error });
    return false;
  }

  /** A new vote or private round: what this device had in the last one is gone; read the host's. */
  private followRounds(): void {
    const round = this.vote();
    const voteRound = round?.state === 'open' || round?.state === 'closed' ? round.round : null;
    if (voteRound !== this.voteRound) {
      this.voteRound = voteRound;
      this.set({ dots: [] });
      if (voteRound && this.api) {
        void this.api.ballot().then((answer) => {
          if (answer.ok && answer.value.round === this.voteRound) this.set({ dots: answer.value.dots });
        });
      }
    }
    const mode = this.privateMode();
    const privateRound = mode?.on ? mode.round : null;
    if (privateRound !== this.privateRound) {
      this.privateRound = privateRound;
      this.set({ privateNotes: [] });
      if (privateRound && this.api) {
        void this.api.privateNotes().then((answer) => {
          if (answer.ok && answer.value.round === this.privateRound) this.set({ privateNotes: answer.value.notes });
        });
      }
    }
  }

  private set(patch: Partial<ControlsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
