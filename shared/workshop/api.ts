// The host's HTTP routes for what must not go into the shared board before its time: a voter's
// ballot, the counts before the reveal (facilitators only), private-mode notes. Every request
// names its member by the host's member token in MEMBER_TOKEN_HEADER (main/host/workshop).
import { z } from 'zod';
import { roomRoute } from '../room/api';
import { BallotSchema, VoteResultSchema } from './vote';

export const MEMBER_TOKEN_HEADER = 'x-madang-member';

/** GET: this member's ballot in the open round; PUT a Ballot: replaces it (while the vote is open). */
export function ballotRoute(roomId: string): string {
  return `${roomRoute(roomId)}/ballot`;
}

/** GET: the counts so far (the facilitator and co-facilitators only, at any time). */
export function voteResultsRoute(roomId: string): string {
  return `${roomRoute(roomId)}/vote`;
}

/** GET: this member's private notes of the round; POST a PrivateNoteInput: adds one. */
export function privateNotesRoute(roomId: string): string {
  return `${roomRoute(roomId)}/private-notes`;
}

export const BallotResponseSchema = z.object({ round: z.string().nullable(), dots: BallotSchema.shape.dots });
export type BallotResponse = z.infer<typeof BallotResponseSchema>;
export const VoteResultsResponseSchema = z.object({ round: z.string().nullable(), results: z.array(VoteResultSchema), voters: z.number().int().nonnegative() });
export type VoteResultsResponse = z.infer<typeof VoteResultsResponseSchema>;
