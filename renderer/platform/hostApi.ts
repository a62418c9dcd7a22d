// Typed client of the host's HTTP API (shared/room/api.ts); every response is validated.
import type { z } from 'zod';
import {
  API_ROUTES,
  hostPath,
  ApiErrorSchema,
  CloseRoomResponseSchema,
  HostInfoSchema,
  HostStorageStatusSchema,
  HostVersionsResponseSchema,
  JoinTicketSchema,
  RestoreHostVersionResponseSchema,
  SaveHostVersionResponseSchema,
  hostHistoryRoute,
  restoreHostVersionRoute,
  RemoveParticipantResponseSchema,
  RoomInfoSchema,
  removeParticipantRoute,
  renewJoinCodeRoute,
  roomRoute,
  type OpenRoomRequest,
  type RemoveParticipantRequest,
} from '../../shared/room/api';
import { IDEMPOTENCY_HEADER } from '../../shared/outcomes/portal/contract';
import { PORTAL_ROUTES, PortalConfigViewSchema, PortalSubmitResultSchema, type PortalConfigRequest } from '../../shared/outcomes/portal/hostRoutes';
import type { Result } from './platform';

/** One call to the host's JSON API: the body validated by `schema`, errors as i18n keys. */
export async function request<S extends z.ZodType>(origin: string, path: string, schema: S, init?: RequestInit & { headers?: Record<string, string> }): Promise<Result<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetch(hostPath(origin, path), { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
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
}

export function createHostApi(origin: string) {
  return {
    hostInfo: () => request(origin, API_ROUTES.host, HostInfoSchema),
    openRoom: (req: OpenRoomRequest) => request(origin, API_ROUTES.rooms, RoomInfoSchema, { method: 'POST', body: JSON.stringify(req) }),
    join: (code: string, memberToken?: string) =>
      request(origin, API_ROUTES.join, JoinTicketSchema, { method: 'POST', body: JSON.stringify(memberToken ? { code, memberToken } : { code }) }),
    closeRoom: ({ roomId }: { roomId: string }) => request(origin, roomRoute(roomId), CloseRoomResponseSchema, { method: 'DELETE' }),
    renewJoinCode: ({ roomId }: { roomId: string }) => request(origin, renewJoinCodeRoute(roomId), RoomInfoSchema, { method: 'POST' }),
    removeParticipant: ({ roomId, clientId }: RemoveParticipantRequest & { roomId: string }) => {
      const body: RemoveParticipantRequest = { clientId };
      return request(origin, removeParticipantRoute(roomId), RemoveParticipantResponseSchema, { method: 'POST', body: JSON.stringify(body) });
    },
    hostVersions: ({ roomId }: { roomId: string }) => request(origin, hostHistoryRoute(roomId), HostVersionsResponseSchema),
    saveHostVersion: ({ roomId }: { roomId: string }) => request(origin, hostHistoryRoute(roomId), SaveHostVersionResponseSchema, { method: 'POST' }),
    restoreHostVersion: ({ roomId, versionId }: { roomId: string; versionId: string }) =>
      request(origin, restoreHostVersionRoute(roomId, versionId), RestoreHostVersionResponseSchema, { method: 'POST' }),
    hostStorage: () => request(origin, API_ROUTES.storage, HostStorageStatusSchema),
    portalConfig: () => request(origin, PORTAL_ROUTES.config, PortalConfigViewSchema),
    configurePortal: (req: PortalConfigRequest) => request(origin, PORTAL_ROUTES.config, PortalConfigViewSchema, { method: 'PUT', body: JSON.stringify(req) }),
    // The package goes as it is (it may be megabytes): the key rides in a header.
    submitToPortal: ({ idempotencyKey, body }: { idempotencyKey: string; body: string }) =>
      request(origin, PORTAL_ROUTES.submissions, PortalSubmitResultSchema, { method: 'POST', body, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } }),
  };
}
