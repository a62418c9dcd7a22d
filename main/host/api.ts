// The JSON API of shared/room/api.ts. Participants may read health and host info and join;
// opening and closing rooms and removing a person are only for the facilitator's own machine
// (a loopback peer).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  API_BODY_LIMIT_BYTES,
  API_ROUTES,
  JoinRequestSchema,
  OpenRoomRequestSchema,
  RemoveParticipantRequestSchema,
  RoomInfoSchema,
  type ApiErrorCode,
  type HostInfo,
  type HostStorageStatus,
  type HostVersion,
  type JoinTicket,
  type OpenRoomRequest,
  type RoomInfo,
} from '../../shared/room/api';
import { PACKAGE_MAX_CHARS } from '../../shared/outcomes/package/validate';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../../shared/outcomes/portal/contract';
import { PORTAL_ROUTES, PortalConfigRequestSchema, type PortalConfigRequest, type PortalConfigView, type PortalSubmitResult } from '../../shared/outcomes/portal/hostRoutes';
import { readBody, requestPathname, sendBytes, sendJson } from './http';
import type { FailureLimiter } from './limiter';
import type { Logger } from './log';
import type { RestoreResult } from './hub';
import { isLoopbackAddress, isLoopbackHost } from './network';
import { handleWorkshopRoute, isWorkshopPath, type WorkshopRouteDeps } from './workshop/routes';
import { MEMBER_TOKEN_HEADER } from '../../shared/workshop/api';

export type ApiDeps = {
  version: string;
  info: () => HostInfo;
  openRoom: (request: OpenRoomRequest) => Promise<RoomInfo>;
  closeRoom: (roomId: string) => Promise<boolean>;
  /** A new join code for an open room; undefined when there is no such room. */
  renewJoinCode?: (roomId: string) => Promise<RoomInfo | undefined>;
  /** Disconnects one person (their Yjs client id) from a room; false when no such room or person. */
  removeParticipant: (roomId: string, clientId: number) => Promise<boolean>;
  /** The hub's message counters (benchmarks); loopback only. */
  hubStats?: () => unknown;
  /** The room's versions on the host (main/host/hub/history.ts); null: no such room. Loopback only. */
  history?: {
    list(roomId: string): HostVersion[] | null;
    save(roomId: string): Promise<HostVersion | null>;
    restore(roomId: string, versionId: string): Promise<RestoreResult>;
  };
  /** The host's storage state, for the facilitator's app. Loopback only. */
  storage?: () => Promise<HostStorageStatus>;
  /** The facilitator's portal (main/host/portal/forwarder.ts). Loopback only. */
  portal?: {
    view(): PortalConfigView;
    configure(request: PortalConfigRequest): Promise<PortalConfigView>;
    /** null: no portal configured. */
    submit(idempotencyKey: string, body: string): Promise<PortalSubmitResult | null>;
  };
  /** The room of a code as typed by a person, if one is open (with the sync server it uses, if any). */
  findRoomByCode: (code: string) => Omit<JoinTicket, 'memberToken'> | undefined;
  /**
   * The member token for a participant joining from `address`: the one they had, when still valid,
   * or a new one; null when they were removed from the room.
   */
  memberTokenFor: (roomId: string, previous: string | undefined, address: string) => string | null;
  joinFailures: FailureLimiter;
  log: Logger;
  /** Ballots, counts and private notes (main/host/workshop); without it those routes answer 404. */
  workshop?: WorkshopRouteDeps;
  /**
   * The room's board as one Yjs update for the member a token names (shared/room/api.ts
   * roomBoardRoute); null when the token is not a current member's of this open room.
   */
  roomBoard?: (roomId: string, memberToken: string | undefined) => Uint8Array | null;
  /** Whether a request comes from the facilitator's own machine; injectable for tests. */
  isLocalRequest?: (req: IncomingMessage) => boolean;
  /** Page origins other than the host's own that may call the API (the Electron app's). */
  trustedOrigins?: readonly string[];
};

/** A request from this machine, addressed to it by a loopback name. */
export function isLocalRequest(req: IncomingMessage): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && isLoopbackHost(req.headers.host);
}

export function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

const ROOM_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})$`);
const REMOVE_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/remove$`);
const BOARD_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/board$`);
const HISTORY_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/history$`);
const RESTORE_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/history/([A-Za-z0-9_-]{1,80})/restore$`);
const CODE_PATH = new RegExp(`^${API_ROUTES.rooms}/([A-Za-z0-9_-]{1,64})/code$`);

export function createApiHandler(deps: ApiDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const isLocal = deps.isLocalRequest ?? isLocalRequest;
  const trusted = new Set(deps.trustedOrigins ?? []);

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    return origin && trusted.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
  };

  // Browsers always send Origin on a cross-site POST or DELETE: a page from elsewhere
  // open on the facilitator's machine must not open or close rooms.
  const sameOriginOrTrusted = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return origin === undefined || origin === `http://${req.headers.host}` || trusted.has(origin);
  };

  const parseBody = async <S extends z.ZodType>(req: IncomingMessage, schema: S, limit = API_BODY_LIMIT_BYTES): Promise<{ ok: true; value: z.infer<S> } | { ok: false; status: number; error: ApiErrorCode }> => {
    const body = await readBody(req, limit);
    if (!body.ok) return { ok: false, status: body.reason === 'tooLarge' ? 413 : 400, error: body.reason === 'tooLarge' ? 'error.tooLarge' : 'error.badRequest' };
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      return { ok: false, status: 400, error: 'error.badRequest' };
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, status: 400, error: 'error.badRequest' };
  };

  const route = async (req: IncomingMessage, res: ServerResponse, send: (status: number, body: unknown, headers?: Record<string, string>) => void) => {
    const path = requestPathname(req.url);
    const method = req.method ?? 'GET';
    const fail = (status: number, error: ApiErrorCode) => send(status, { error });
    const remote = req.socket.remoteAddress ?? 'unknown';

    if (method === 'OPTIONS') {
      if (!req.headers.origin || !trusted.has(req.headers.origin)) return fail(403, 'error.forbidden');
      res.writeHead(204, { ...cors(req), 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE', 'Access-Control-Allow-Headers': `content-type, ${MEMBER_TOKEN_HEADER}, ${IDEMPOTENCY_HEADER}`, 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }

    const allow = (methods: string): boolean => {
      if (methods.split(', ').includes(method)) return true;
      send(405, { error: 'error.badRequest' }, { Allow: methods });
      return false;
    };
    const localOnly = (): boolean => {
      if (isLocal(req) && sameOriginOrTrusted(req)) return true;
      deps.log.warn('api.forbidden', { method, path, remote, origin: req.headers.origin });
      fail(403, 'error.forbidden');
      return false;
    };

    if (path === API_ROUTES.health) {
      if (allow('GET, HEAD')) send(200, { ok: true, version: deps.version });
      return;
    }
    if (path === API_ROUTES.stats) {
      if (!allow('GET') || !localOnly()) return;
      return send(200, { hub: deps.hubStats?.() ?? null });
    }
    if (path === API_ROUTES.host) {
      if (allow('GET, HEAD')) send(200, deps.info());
      return;
    }
    if (path === API_ROUTES.rooms) {
      if (!allow('POST') || !localOnly()) return;
      const body = await parseBody(req, OpenRoomRequestSchema);
      if (!body.ok) return fail(body.status, body.error);
      const room = RoomInfoSchema.parse(await deps.openRoom(body.value));
      deps.log.info('room.opened', { roomId: room.roomId, sessionId: room.sessionId });
      return send(200, room);
    }
    const roomPath = ROOM_PATH.exec(path);
    if (roomPath?.[1]) {
      if (!allow('DELETE') || !localOnly()) return;
      const closed = await deps.closeRoom(roomPath[1]);
      return send(200, { closed });
    }
    const codePath = CODE_PATH.exec(path);
    if (codePath?.[1]) {
      if (!allow('POST') || !localOnly()) return;
      const room = await deps.renewJoinCode?.(codePath[1]);
      if (!room) return fail(404, 'error.notFound');
      return send(200, RoomInfoSchema.parse(room));
    }
    const removePath = REMOVE_PATH.exec(path);
    if (removePath?.[1]) {
      if (!allow('POST') || !localOnly()) return;
      const body = await parseBody(req, RemoveParticipantRequestSchema);
      if (!body.ok) return fail(body.status, body.error);
      const roomId = removePath[1];
      if (!(await deps.removeParticipant(roomId, body.value.clientId))) return fail(404, 'error.notFound');
      deps.log.info('room.participantRemoved', { roomId, clientId: body.value.clientId });
      return send(200, { removed: true });
    }
    // ---- History on the host and storage state: the facilitator's machine only ----
    if (path === API_ROUTES.storage) {
      if (!allow('GET') || !localOnly()) return;
      if (!deps.storage) return fail(404, 'error.notFound');
      return send(200, await deps.storage());
    }
    const historyPath = HISTORY_PATH.exec(path);
    if (historyPath?.[1]) {
      if (!allow('GET, POST') || !localOnly()) return;
      const roomId = historyPath[1];
      if (method === 'GET') {
        const versions = deps.history?.list(roomId);
        return versions ? send(200, { versions }) : fail(404, 'error.notFound');
      }
      const version = await deps.history?.save(roomId);
      if (!version) return fail(deps.history?.list(roomId) ? 500 : 404, deps.history?.list(roomId) ? 'error.internal' : 'error.notFound');
      return send(200, { version });
    }
    const restorePath = RESTORE_PATH.exec(path);
    if (restorePath?.[1] && restorePath[2]) {
      if (!allow('POST') || !localOnly()) return;
      const result = await deps.history?.restore(restorePath[1], restorePath[2]);
      if (!result?.ok) {
        const error = result?.error ?? 'notFound';
        return error === 'notFound' ? fail(404, 'error.notFound') : fail(409, error === 'damaged' ? 'history.damaged' : 'history.newer');
      }
      deps.log.info('room.restored', { roomId: restorePath[1], version: restorePath[2] });
      return send(200, { restored: result.restored, saved: result.saved });
    }
    // ---- end of history ----
    // ---- The portal: the facilitator's machine only; the token is never answered ----
    if (path === PORTAL_ROUTES.config) {
      if (!allow('GET, PUT') || !localOnly()) return;
      if (!deps.portal) return fail(404, 'error.notFound');
      if (method === 'GET') return send(200, deps.portal.view());
      const body = await parseBody(req, PortalConfigRequestSchema);
      if (!body.ok) return fail(body.status, body.error);
      return send(200, await deps.portal.configure(body.value));
    }
    if (path === PORTAL_ROUTES.submissions) {
      if (!allow('POST') || !localOnly()) return;
      if (!deps.portal) return fail(404, 'error.notFound');
      const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) return fail(400, 'error.badRequest');
      const body = await readBody(req, PACKAGE_MAX_CHARS);
      if (!body.ok) return fail(body.reason === 'tooLarge' ? 413 : 400, body.reason === 'tooLarge' ? 'error.tooLarge' : 'error.badRequest');
      try {
        JSON.parse(body.text);
      } catch {
        return fail(400, 'error.badRequest');
      }
      const result = await deps.portal.submit(key, body.text);
      return result ? send(200, result) : fail(409, 'portal.notConfigured');
    }
    const boardPath = BOARD_PATH.exec(path);
    if (boardPath?.[1] && deps.roomBoard) {
      if (!allow('GET')) return;
      const header = req.headers[MEMBER_TOKEN_HEADER];
      const board = deps.roomBoard(boardPath[1], typeof header === 'string' ? header : undefined);
      if (!board) return fail(403, 'error.forbidden');
      return sendBytes(res, board, cors(req));
    }
    if (deps.workshop && isWorkshopPath(path)) {
      return handleWorkshopRoute(deps.workshop, req, path, {
        method, allow, send, fail,
        sameOriginOrTrusted: () => sameOriginOrTrusted(req),
        parseBody: (schema) => parseBody(req, schema),
      });
    }
    if (path === API_ROUTES.join) {
      if (!allow('POST')) return;
      // Checked before the code itself: once blocked, even a right guess learns nothing.
      if (deps.joinFailures.isBlocked(remote)) {
        deps.log.warn('join.rateLimited', { remote });
        return fail(429, 'join.tooManyAttempts');
      }
      const body = await parseBody(req, JoinRequestSchema);
      if (!body.ok) return fail(body.status, body.error);
      const room = deps.findRoomByCode(body.value.code);
      if (!room) {
        deps.joinFailures.fail(remote);
        deps.log.warn('join.failed', { remote });
        return fail(404, 'join.invalidCode');
      }
      const memberToken = deps.memberTokenFor(room.roomId, body.value.memberToken, remote);
      if (memberToken === null) {
        deps.log.warn('join.removed', { remote, roomId: room.roomId });
        return fail(403, 'join.removed');
      }
      const ticket: JoinTicket = { roomId: room.roomId, sessionId: room.sessionId, title: room.title, joinCode: room.joinCode, memberToken, ...(room.server ? { server: room.server } : {}) };
      return send(200, ticket);
    }
    fail(404, 'error.notFound');
  };

  return async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const all = { ...cors(req), ...headers };
      // A 413 leaves the rest of the body unread: close the connection after answering.
      if (status === 413) all.Connection = 'close';
      if (req.method === 'HEAD') {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...all });
        res.end();
      } else sendJson(res, status, body, all);
    };
    try {
      await route(req, res, send);
    } catch (error) {
      deps.log.error('api.error', { method: req.method, url: req.url, error });
      if (!res.headersSent) send(500, { error: 'error.internal' });
      else res.destroy();
    }
  };
}
