// The host's routes for ballots, counts and private notes (shared/workshop/api.ts), called with
// this device's member token. Every response is validated; errors are i18n keys.
import type { z } from 'zod';
import {
  BallotResponseSchema, MEMBER_TOKEN_HEADER, VoteResultsResponseSchema, ballotRoute, privateNotesRoute, voteResultsRoute,
} from '../../shared/workshop/api';
import { PrivateNoteSchema, PrivateNotesResponseSchema, type PrivateNoteInput } from '../../shared/workshop/privateMode';
import type { Ballot } from '../../shared/workshop/vote';
import type { Result } from '../platform';
import { request as hostRequest } from '../platform/hostApi';

export type ControlsApi = ReturnType<typeof createControlsApi>;

export function createControlsApi(origin: string, roomId: string, memberToken: string) {
  const request = <S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<Result<z.infer<S>>> =>
    hostRequest(origin, path, schema, { ...init, headers: { [MEMBER_TOKEN_HEADER]: memberToken } });
  return {
    ballot: () => request(ballotRoute(roomId), BallotResponseSchema),
    putBallot: (ballot: Ballot) => request(ballotRoute(roomId), BallotResponseSchema, { method: 'PUT', body: JSON.stringify(ballot) }),
    results: () => request(voteResultsRoute(roomId), VoteResultsResponseSchema),
    privateNotes: () => request(privateNotesRoute(roomId), PrivateNotesResponseSchema),
    addPrivateNote: (note: PrivateNoteInput) => request(privateNotesRoute(roomId), PrivateNoteSchema, { method: 'POST', body: JSON.stringify(note) }),
  };
}
