// The facilitation secrets of every open room at the host (issue 11): ballots and private notes
// arrive here over HTTP with a member token, never through the shared board, and the host enforces
// the round the session state describes (shared/workshop). When the facilitator reveals, the hub
// writes what was hidden into the board itself (HUB_ORIGIN), so every device receives it then and
// not before. Reconciling with the session state runs after each change of it, once the change
// has passed the room's rules (a refused change is undone before this looks).
import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import { Board, createNotes, runsSession, onlyLooks, roomRole, type Actor } from '../../../shared/board';
import { ownersMap, recordsMap, sessionMap } from '../../../shared/board/schema';
import {
  ballotProblem, readVote, tally, VOTE_KEY, type Ballot, type BallotProblem, type VoteResult,
} from '../../../shared/workshop/vote';
import { PRIVATE_KEY, PRIVATE_LIMITS, readPrivateMode, type PrivateNote, type PrivateNoteInput } from '../../../shared/workshop/privateMode';
import type { ApiErrorCode } from '../../../shared/room/api';
import { HUB_ORIGIN } from '../hub/authority';
import type { Logger } from '../log';
import { SecretsStore, type RoomSecrets, type SecretsFs } from './secrets';

export type WorkshopResult<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiErrorCode };

const PROBLEM_ERRORS: Record<BallotProblem, ApiErrorCode> = {
  notOpen: 'controls.notOpen',
  wrongRound: 'controls.wrongRound',
  overBudget: 'controls.overBudget',
  noStacking: 'controls.noStacking',
  unknownRecord: 'controls.unknownRecord',
};

interface RoomEntry {
  doc: Y.Doc;
  secrets: RoomSecrets;
  stop: () => void;
  scheduled: boolean;
}

export type WorkshopOptions = {
  dataDir: string;
  log: Logger;
  /** The hub's board of an open room. */
  docOf: (roomId: string) => Y.Doc;
  fs?: SecretsFs;
};

export class Workshop {
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly store: SecretsStore;
  /** Resolves after the next reconcile of any room (tests await it instead of sleeping). */
  private settledWaiters: Array<() => void> = [];

  constructor(private readonly options: WorkshopOptions) {
    this.store = new SecretsStore(options.dataDir, options.log, options.fs);
  }

  /** Loads the room's secrets and starts following its session state (idempotent). */
  async prepare(roomId: string): Promise<void> {
    if (this.rooms.has(roomId)) return;
    const secrets = await this.store.load(roomId);
    if (this.rooms.has(roomId)) return;
    const doc = this.options.docOf(roomId);
    const session = sessionMap(doc);
    const entry: RoomEntry = { doc, secrets, stop: () => {}, scheduled: false };
    const onChange = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(VOTE_KEY) || event.keysChanged.has(PRIVATE_KEY)) this.schedule(roomId, entry);
    };
    session.observe(onChange);
    entry.stop = () => session.unobserve(onChange);
    this.rooms.set(roomId, entry);
    // What happened while the host was down (a round ended) is settled now.
    this.reconcile(roomId, entry);
  }

  async closeRoom(roomId: string): Promise<void> {
    const entry = this.rooms.get(roomId);
    entry?.stop();
    this.rooms.delete(roomId);
    await this.store.remove(roomId);
  }

  async close(): Promise<void> {
    for (const entry of this.rooms.values()) entry.stop();
    await this.store.flush();
    this.rooms.clear();
  }

  /** Resolves once the next reconcile has run (for tests). */
  settled(): Promise<void> {
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  // ---- Dot voting ----

  /** The member's own ballot in the current round. */
  ballot(roomId: string, actor: Actor): WorkshopResult<{ round: string | null; dots: Ballot['dots'] }> {
    const entry = this.rooms.get(roomId);
    if (!entry) return notFound();
    const vote = readVote(entry.doc);
    const stored = entry.secrets.vote;
    const dots = vote && stored?.round === vote.round ? (stored.ballots[actor.memberId] ?? []) : [];
    return { ok: true, value: { round: vote?.round ?? null, dots } };
  }

  /** Replaces the member's ballot, when the round is open and the ballot fits it. */
  putBallot(roomId: string, actor: Actor, ballot: Ballot): WorkshopResult<{ round: string; dots: Ballot['dots'] }> {
    const entry = this.rooms.get(roomId);
    if (!entry) return notFound();
    if (onlyLooks(roomRole(entry.doc, actor))) return { ok: false, status: 403, error: 'error.forbidden' };
    const vote = readVote(entry.doc);
    const records = recordsMap(entry.doc);
    const problem = ballotProblem(ballot, vote, (id) => records.get(id)?.get('type') === 'note');
    if (problem || !vote) return { ok: false, status: 409, error: PROBLEM_ERRORS[problem ?? 'notOpen'] };
    if (entry.secrets.vote?.round !== vote.round) entry.secrets.vote = { round: vote.round, ballots: {} };
    const dots = ballot.dots.filter((d) => d.count > 0);
    if (dots.length === 0) delete entry.secrets.vote.ballots[actor.memberId];
    else entry.secrets.vote.ballots[actor.memberId] = dots;
    this.persist(roomId, entry);
    return { ok: true, value: { round: vote.round, dots } };
  }

  /** The counts so far: only for those who run the session (token facilitator or co-facilitator). */
  results(roomId: string, actor: Actor): WorkshopResult<{ round: string | null; results: VoteResult[]; voters: number }> {
    const entry = this.rooms.get(roomId);
    if (!entry) return notFound();
    if (!runsSession(roomRole(entry.doc, actor))) return { ok: false, status: 403, error: 'error.forbidden' };
    const vote = readVote(entry.doc);
    const ballots = vote && entry.secrets.vote?.round === vote.round ? entry.secrets.vote.ballots : {};
    return { ok: true, value: { round: vote?.round ?? null, results: tally(Object.values(ballots)), voters: Object.keys(ballots).length } };
  }

  // ---- Private mode ----

  /** The member's own private notes of the current round. */
  privateNotes(roomId: string, actor: Actor): WorkshopResult<{ round: string | null; notes: PrivateNote[] }> {
    const entry = this.rooms.get(roomId);
    if (!entry) return notFound();
    const mode = readPrivateMode(entry.doc);
    const stored = entry.secrets.private;
    const notes = mode?.on && stored?.round === mode.round ? stored.notes.filter((n) => n.memberId === actor.memberId).map(withoutMember) : [];
    return { ok: true, value: { round: mode?.on ? mode.round : null, notes } };
  }

  /** Keeps one private note of the member's for the reveal, while private mode is on. */
  addPrivateNote(roomId: string, actor: Actor, input: PrivateNoteInput): WorkshopResult<PrivateNote> {
    const entry = this.rooms.get(roomId);
    if (!entry) return notFound();
    if (onlyLooks(roomRole(entry.doc, actor))) return { ok: false, status: 403, error: 'error.forbidden' };
    const mode = readPrivateMode(entry.doc);
    if (!mode?.on) return { ok: false, status: 409, error: 'controls.notOpen' };
    if (input.round !== mode.round) return { ok: false, status: 409, error: 'controls.wrongRound' };
    if (entry.secrets.private?.round !== mode.round) entry.secrets.private = { round: mode.round, anonymous: mode.anonymous, notes: [] };
    const notes = entry.secrets.private.notes;
    if (notes.length >= PRIVATE_LIMITS.perRoom || notes.filter((n) => n.memberId === actor.memberId).length >= PRIVATE_LIMITS.perMember) {
      return { ok: false, status: 429, error: 'controls.tooMany' };
    }
    const { round: _round, ...fields } = input;
    const note: PrivateNote = { ...fields, id: randomBytes(12).toString('hex') };
    notes.push({ ...note, memberId: actor.memberId });
    this.persist(roomId, entry);
    return { ok: true, value: note };
  }

  // ---- Following the session state ----

  private schedule(roomId: string, entry: RoomEntry): void {
    if (entry.scheduled) return;
    entry.scheduled = true;
    // After the transaction and the room's rules (a refused change is undone by then).
    setImmediate(() => {
      entry.scheduled = false;
      if (this.rooms.get(roomId) === entry) this.reconcile(roomId, entry);
    });
  }

  private reconcile(roomId: string, entry: RoomEntry): void {
    try {
      this.reconcileVote(roomId, entry);
      this.reconcilePrivate(roomId, entry);
    } catch (error) {
      this.options.log.error('workshop.reconcileFailed', { roomId, error });
    }
    for (const resolve of this.settledWaiters.splice(0)) resolve();
  }

  /** Ballots of a round that is gone are dropped; a revealed round carries the true counts. */
  private reconcileVote(roomId: string, entry: RoomEntry): void {
    const vote = readVote(entry.doc);
    if (entry.secrets.vote && entry.secrets.vote.round !== vote?.round) {
      entry.secrets.vote = null;
      this.persist(roomId, entry);
    }
    if (!vote) return;
    const ballots = entry.secrets.vote?.round === vote.round ? Object.values(entry.secrets.vote.ballots) : [];
    const wanted = vote.state === 'revealed' ? tally(ballots) : undefined;
    if (JSON.stringify(vote.results) === JSON.stringify(wanted)) return;
    const { results: _shown, ...round } = vote;
    entry.doc.transact(() => sessionMap(entry.doc).set(VOTE_KEY, wanted ? { ...round, results: wanted } : round), HUB_ORIGIN);
    if (wanted) this.options.log.info('workshop.voteRevealed', { roomId, items: wanted.length, voters: ballots.length });
  }

  /** The notes of a private round that is no longer on go onto the board, as their authors'. */
  private reconcilePrivate(roomId: string, entry: RoomEntry): void {
    const stored = entry.secrets.private;
    if (!stored) return;
    const mode = readPrivateMode(entry.doc);
    if (mode?.on && mode.round === stored.round) return;
    const anonymous = mode?.round === stored.round ? mode.anonymous : stored.anonymous;
    const board = Board.open(entry.doc);
    try {
      entry.doc.transact(() => {
        const ids = createNotes(board, stored.notes.map((n) => ({ text: n.text, x: n.x, y: n.y, color: n.color, author: anonymous ? '' : n.author }))) ?? [];
        // Each note stays its author's to delete, unless the round keeps authors hidden.
        if (!anonymous) ids.forEach((id, i) => ownersMap(entry.doc).set(id, stored.notes[i]!.memberId));
      }, HUB_ORIGIN);
    } finally {
      board.dispose();
    }
    this.options.log.info('workshop.privateRevealed', { roomId, notes: stored.notes.length, anonymous });
    entry.secrets.private = null;
    this.persist(roomId, entry);
  }

  private persist(roomId: string, entry: RoomEntry): void {
    this.store.schedule(roomId, () => entry.secrets);
  }
}

function notFound(): { ok: false; status: number; error: ApiErrorCode } {
  return { ok: false, status: 404, error: 'error.notFound' };
}

function withoutMember({ memberId: _memberId, ...note }: PrivateNote & { memberId: string }): PrivateNote {
  return note;
}
