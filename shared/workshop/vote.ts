// Dot voting (session key `vote`). The round itself (budget, stacking, anonymous, open / closed /
// revealed) is session state everyone reads; the ballots never are: each voter's dots go to the
// host only (PUT ballot, main/host/workshop), which enforces the round and, on the reveal, writes
// the ranked counts into this key. Until then no participant's device holds anyone's votes.
import { z } from 'zod';
import type { Board } from '../board/board';
import type * as Y from 'yjs';
import { randomId } from '../util/randomId';
import { readSession, writeSession } from './sessionState';

export const VOTE_KEY = 'vote';
/** Dots one voter may have in a round, at most. */
export const VOTE_BUDGET_MAX = 99;
/** Ranked results kept in the session value (well under its 64 KiB). */
export const VOTE_RESULTS_MAX = 500;
export const VOTE_STATES = ['open', 'closed', 'revealed'] as const;
export type VoteState = (typeof VOTE_STATES)[number];

const recordId = z.string().min(1).max(200);
export const VoteResultSchema = z.object({ recordId, count: z.number().int().positive() });
export type VoteResult = z.infer<typeof VoteResultSchema>;

export const VoteRoundSchema = z.object({
  /** A new id per round: ballots of an earlier round never count in this one. */
  round: z.string().regex(/^[0-9a-f]{8,64}$/),
  state: z.enum(VOTE_STATES),
  budget: z.number().int().min(1).max(VOTE_BUDGET_MAX),
  /** Whether one voter may put more than one dot on the same item. */
  stacking: z.boolean(),
  /** Results are counts only; the host never tells anyone who voted for what. */
  anonymous: z.boolean(),
  /** Written by the hub on the reveal, most dots first. */
  results: z.array(VoteResultSchema).max(VOTE_RESULTS_MAX).optional(),
});
export type VoteRound = z.infer<typeof VoteRoundSchema>;

/** One voter's dots: record id → how many. What PUT ballot carries, with the round. */
export const BallotSchema = z.object({
  round: VoteRoundSchema.shape.round,
  dots: z.array(z.object({ recordId, count: z.number().int().min(1).max(VOTE_BUDGET_MAX) })).max(VOTE_BUDGET_MAX),
});
export type Ballot = z.infer<typeof BallotSchema>;

export function readVote(doc: Y.Doc): VoteRound | null {
  return readSession(doc, VOTE_KEY, VoteRoundSchema);
}

export type VoteOptions = { budget: number; stacking?: boolean; anonymous?: boolean };

/** Opens a new round (the previous one's ballots no longer count). */
export function openVote(board: Board, { budget, stacking = true, anonymous = true }: VoteOptions): boolean {
  if (!Number.isInteger(budget) || budget < 1 || budget > VOTE_BUDGET_MAX) return false;
  const round: VoteRound = { round: randomId(8), state: 'open', budget, stacking, anonymous };
  return writeSession(board, VOTE_KEY, round);
}

/** No more changes to ballots; false when no round is open. */
export function closeVote(board: Board): boolean {
  const vote = readVote(board.doc);
  if (vote?.state !== 'open') return false;
  return writeSession(board, VOTE_KEY, { ...vote, state: 'closed' } satisfies VoteRound);
}

/** Closes the round if open and asks the hub to show the counts to everyone. */
export function revealVote(board: Board): boolean {
  const vote = readVote(board.doc);
  if (!vote || vote.state === 'revealed') return false;
  const { results: _ignored, ...rest } = vote;
  return writeSession(board, VOTE_KEY, { ...rest, state: 'revealed' } satisfies VoteRound);
}

/** Ends the round for everyone (the counts disappear from the board). */
export function endVote(board: Board): boolean {
  return writeSession(board, VOTE_KEY, undefined);
}

/** Why the host refuses a ballot, or null when it fits the round. */
export type BallotProblem = 'notOpen' | 'wrongRound' | 'overBudget' | 'noStacking' | 'unknownRecord';

export function ballotProblem(ballot: Ballot, vote: VoteRound | null, isVotable: (recordId: string) => boolean): BallotProblem | null {
  if (!vote || vote.state !== 'open') return 'notOpen';
  if (ballot.round !== vote.round) return 'wrongRound';
  const seen = new Set<string>();
  let total = 0;
  for (const { recordId, count } of ballot.dots) {
    if (seen.has(recordId)) return 'noStacking';
    seen.add(recordId);
    if (!vote.stacking && count > 1) return 'noStacking';
    if (!isVotable(recordId)) return 'unknownRecord';
    total += count;
  }
  return total > vote.budget ? 'overBudget' : null;
}

/** Dots per record over all ballots, most first (ties by record id, so every screen agrees). */
export function tally(ballots: Iterable<Ballot['dots']>): VoteResult[] {
  const counts = new Map<string, number>();
  for (const dots of ballots) for (const { recordId, count } of dots) counts.set(recordId, (counts.get(recordId) ?? 0) + count);
  return [...counts]
    .map(([recordId, count]) => ({ recordId, count }))
    .sort((a, b) => b.count - a.count || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0))
    .slice(0, VOTE_RESULTS_MAX);
}

/** A ballot with one more dot on `recordId` (or null when the round does not allow it). */
export function withDot(dots: Ballot['dots'], recordId: string, vote: VoteRound): Ballot['dots'] | null {
  const used = dots.reduce((sum, d) => sum + d.count, 0);
  if (used >= vote.budget) return null;
  const existing = dots.find((d) => d.recordId === recordId);
  if (existing && !vote.stacking) return null;
  return existing ? dots.map((d) => (d === existing ? { recordId, count: d.count + 1 } : d)) : [...dots, { recordId, count: 1 }];
}

/** A ballot with one dot fewer on `recordId` (unchanged when it had none). */
export function withoutDot(dots: Ballot['dots'], recordId: string): Ballot['dots'] {
  return dots.flatMap((d) => (d.recordId !== recordId ? [d] : d.count > 1 ? [{ recordId, count: d.count - 1 }] : []));
}

export function dotsUsed(dots: Ballot['dots']): number {
  return dots.reduce((sum, d) => sum + d.count, 0);
}
