// HTTP routes of the facilitation secrets (shared/workshop/api.ts): a participant's ballot and
// private notes, the counts for facilitators. Open to the LAN like join, but every request must
// carry a member token of this room that the host issued (and whose member was not removed).
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { Actor } from '../../../shared/board/policy';
import { API_ROUTES, type ApiErrorCode } from '../../../shared/room/api';
import { MEMBER_TOKEN_HEADER } from '../../../shared/workshop/api';
import { PrivateNoteInputSchema } from '../../../shared/workshop/privateMode';
import { BallotSchema } from '../../../shared/workshop/vote';
import type { Workshop, WorkshopResult } from './workshop';

export type WorkshopRouteDeps = {
  workshop: Workshop;
  /** Who a member token of the room names, when this host issued it and its member was not removed. */
  actorOf: (roomId: string, token: string | undefined) => Actor | null;
};

type Helpers = {
  method: string;
  allow: (methods: string) => boolean;
  sameOriginOrTrusted: () => boolean;
  parseBody: <S extends z.ZodType>(schema: S) => Promise<{ ok: true; value: z.infer<S> } | { ok: false; status: number; error: ApiErrorCode }>;
  send: (status: number, body: unknown) => void;
  fail: (status: number, error: ApiErrorCode) => void;
};

const ROUTE = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/(ballot|vote|private-notes)$`);

export function isWorkshopPath(path: string): boolean {
  return ROUTE.test(path);
}

/** Answers one request on a workshop route. */
export async function handleWorkshopRoute(deps: WorkshopRouteDeps, req: IncomingMessage, path: string, h: Helpers): Promise<void> {
  const [, roomId, what] = ROUTE.exec(path) as unknown as [string, string, 'ballot' | 'vote' | 'private-notes'];
  if (!h.allow(what === 'vote' ? 'GET' : what === 'ballot' ? 'GET, PUT' : 'GET, POST')) return;
  if (h.method !== 'GET' && !h.sameOriginOrTrusted()) return h.fail(403, 'error.forbidden');
  const header = req.headers[MEMBER_TOKEN_HEADER];
  const actor = deps.actorOf(roomId, typeof header === 'string' ? header : undefined);
  if (!actor) return h.fail(403, 'error.forbidden');
  const answer = <T>(result: WorkshopResult<T>) => (result.ok ? h.send(200, result.value) : h.fail(result.status, result.error));

  if (what === 'vote') return answer(deps.workshop.results(roomId, actor));
  if (what === 'ballot') {
    if (h.method === 'GET') return answer(deps.workshop.ballot(roomId, actor));
    const body = await h.parseBody(BallotSchema);
    return body.ok ? answer(deps.workshop.putBallot(roomId, actor, body.value)) : h.fail(body.status, body.error);
  }
  if (h.method === 'GET') return answer(deps.workshop.privateNotes(roomId, actor));
  const body = await h.parseBody(PrivateNoteInputSchema);
  return body.ok ? answer(deps.workshop.addPrivateNote(roomId, actor, body.value)) : h.fail(body.status, body.error);
}
