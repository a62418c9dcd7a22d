// The host's routes for ballots, counts and private notes (shared/workshop/api.ts), called with
// this device's member token. Every response is validated; errors are i18n keys.
import type { z } from 'zod';
import { ApiErrorSchema, hostPath } from '../../shared/room/api';
import {
  BallotResponseSchema, MEMBER_TOKEN_HEADER, VoteResultsResponseSchema, ballotRoute, privateNotesRoute, voteResultsRoute,
} from '../../shared/workshop/api';
import { PrivateNoteSchema, PrivateNotesResponseSchema, type PrivateNoteInput } from '../../shared/workshop/privateMode';
import type { Ballot } from '../../shared/workshop/vote';
import type { Result } from '../platform';

export type ControlsApi = ReturnType<typeof createControlsApi>;

export function createControlsApi(origin: string, roomId: string, memberToken: string) {
  const request = async <S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<Result<z.infer<S>>> => {
    let response: Response;
    try {
      response = await fetch(hostPath(origin, path), { ...init, headers: { 'content-type': 'application/json', [MEMBER_TOKEN_HEADER]: memberToken } });
    } catch {
      return { ok: false, error: 'error.network' };
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = ApiErrorSchema.safeParse(body);
      return { ok: false, error: parsed.success ? parsed.data.error : 'error.internal' };
    }
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: 'error.internal' };
  };
  return {
    ballot: () => request(ballotRoute(roomId), BallotResponseSchema),
    putBallot: (ballot: Ballot) => request(ballotRoute(roomId), BallotResponseSchema, { method: 'PUT', body: JSON.stringify(ballot) }),
    results: () => request(voteResultsRoute(roomId), VoteResultsResponseSchema),
    privateNotes: () => request(privateNotesRoute(roomId), PrivateNotesResponseSchema),
    addPrivateNote: (note: PrivateNoteInput) => request(privateNotesRoute(roomId), PrivateNoteSchema, { method: 'POST', body: JSON.stringify(note) }),
  };
}
