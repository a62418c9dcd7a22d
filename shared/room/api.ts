// The host's HTTP contract, used by the host (validate requests) and by the web platform
// in the renderer (validate responses). Error bodies carry an i18n key, never prose.
import { z } from 'zod';
import { JOIN_CODE_LENGTH } from './joinCode';
import { SyncServerSchema } from './syncServer';

export const API_BODY_LIMIT_BYTES = 16 * 1024;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const HostInfoSchema = z.object({
  /** Loopback URL of the host, for the facilitator's own machine. */
  url: z.string(),
  /** LAN IPv4 addresses participants can reach (may be empty when offline). */
  addresses: z.array(z.string()),
  version: z.string(),
});
export type HostInfo = z.infer<typeof HostInfoSchema>;

export const OpenRoomRequestSchema = z.object({ sessionId: id, title: z.string().trim().min(1).max(200) });
export type OpenRoomRequest = z.infer<typeof OpenRoomRequestSchema>;

export const RoomInfoSchema = z.object({
  roomId: id,
  sessionId: id,
  title: z.string(),
  joinCode: z.string().length(JOIN_CODE_LENGTH),
  /** URL participants open (or scan) to join from a browser. */
  joinUrl: z.string(),
  addresses: z.array(z.string()),
  /** SVG markup of the join URL's QR code. */
  qrSvg: z.string(),
  /** The facilitator's member token for this room (only the facilitator's own machine gets one). */
  memberToken: z.string(),
  /** The room syncs through this external server, not the host (shared/room/syncServer.ts). */
  server: SyncServerSchema.optional(),
});
export type RoomInfo = z.infer<typeof RoomInfoSchema>;

export const CloseRoomResponseSchema = z.object({ closed: z.boolean() });
export type CloseRoomResponse = z.infer<typeof CloseRoomResponseSchema>;

/** The facilitator removes one person: their Yjs client id (a uint32) as seen in presence. */
export const RemoveParticipantRequestSchema = z.object({ clientId: z.number().int().nonnegative().max(0xffff_ffff) });
export type RemoveParticipantRequest = z.infer<typeof RemoveParticipantRequestSchema>;
/** 200 when removed; a room or person that is not there answers 404 error.notFound. */
export const RemoveParticipantResponseSchema = z.object({ removed: z.boolean() });
export type RemoveParticipantResponse = z.infer<typeof RemoveParticipantResponseSchema>;

/**
 * Who a client is in a room, issued by the host: `<memberId>.<role>.<mac>` (main/host/members.ts).
 * Kept on the device and presented by every socket, so removal sticks and the hub knows who
 * changed what. A client cannot make one up.
 */
export const MemberTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}\.[fp]\.[A-Za-z0-9_-]{22}$/);

/** `memberToken`: the one this device was given before, kept when still valid for the room. */
export const JoinRequestSchema = z.object({ code: z.string().max(32), memberToken: z.string().max(128).optional() });
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/** A room as participants know it. */
export const RoomTicketSchema = z.object({
  roomId: id,
  sessionId: id,
  title: z.string(),
  joinCode: z.string().length(JOIN_CODE_LENGTH),
});

/** What a participant learns by presenting a valid code: the room, and who they are in it. */
export const JoinTicketSchema = RoomTicketSchema.extend({ memberToken: MemberTokenSchema, server: SyncServerSchema.optional() });
export type JoinTicket = z.infer<typeof JoinTicketSchema>;

/**
 * Why the host saved a version of a room's board: every few minutes while it changes, by the
 * facilitator's hand, before a participant's change that removes many records, or just before
 * a restore (so a restore can be undone).
 */
export const HOST_VERSION_REASONS = ['periodic', 'manual', 'before-removal', 'before-restore'] as const;
export type HostVersionReason = (typeof HOST_VERSION_REASONS)[number];

export const HostVersionSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/),
  createdAt: z.number(),
  reason: z.enum(HOST_VERSION_REASONS),
  /** Records (notes, frames, …) and notes in the version, so the facilitator can tell them apart. */
  records: z.number().int().nonnegative(),
  notes: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  /** For 'before-restore': when the version then restored was saved. */
  restoredFrom: z.number().optional(),
});
export type HostVersion = z.infer<typeof HostVersionSchema>;

/** GET the room's versions on the host, newest first (facilitator's machine only). */
export const HostVersionsResponseSchema = z.object({ versions: z.array(HostVersionSchema) });
export type HostVersionsResponse = z.infer<typeof HostVersionsResponseSchema>;
/** POST (no body): the host saves a version now. */
export const SaveHostVersionResponseSchema = z.object({ version: HostVersionSchema });
/** POST (no body): the whole room's board becomes that version; `saved` is the state it replaced. */
export const RestoreHostVersionResponseSchema = z.object({ restored: HostVersionSchema, saved: HostVersionSchema.nullable() });
export type RestoreHostVersionResponse = z.infer<typeof RestoreHostVersionResponseSchema>;

/**
 * The host's storage as the facilitator's app shows it (facilitator's machine only).
 * dataFolder: whether the host can write its data folder ('readOnly': EROFS/EACCES/EPERM; 'full':
 * ENOSPC/EDQUOT; 'failing': any other write error). Per room, boardFile: 'ok'; 'unreadable' (the
 * host could not read its copy and will never overwrite it; new changes are not saved there);
 * 'damaged' (its copy could not be decoded and was moved aside); survivesRestart: false when the
 * room or its board could not be written to disk.
 */
export const STORAGE_PROBLEMS = ['readOnly', 'full', 'failing'] as const;
export const HostStorageStatusSchema = z.object({
  dataFolder: z.enum(['ok', ...STORAGE_PROBLEMS]),
  rooms: z.array(
    z.object({
      roomId: id,
      boardFile: z.enum(['ok', 'unreadable', 'damaged']),
      /** When boardFile is not 'ok': when the host found out. */
      since: z.number().optional(),
      survivesRestart: z.boolean(),
      newestVersion: HostVersionSchema.optional(),
    }),
  ),
});
export type HostStorageStatus = z.infer<typeof HostStorageStatusSchema>;
export type RoomStorageStatus = HostStorageStatus['rooms'][number];

export const API_ERROR_CODES = [
  'error.badRequest',
  'error.notFound',
  'error.forbidden',
  'error.tooLarge',
  'error.internal',
  'join.invalidCode',
  'join.tooManyAttempts',
  'join.removed',
  'history.damaged',
  'history.newer',
  // Facilitation secrets at the host (shared/workshop/api.ts)
  'controls.notOpen',
  'controls.wrongRound',
  'controls.overBudget',
  'controls.noStacking',
  'controls.unknownRecord',
  'controls.tooMany',
  'portal.notConfigured',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export const ApiErrorSchema = z.object({ error: z.enum(API_ERROR_CODES) });

export const API_ROUTES = {
  health: '/api/health',
  host: '/api/host',
  rooms: '/api/rooms',
  join: '/api/join',
  /** The hub's counters, for benchmarks (loopback only). */
  stats: '/api/stats',
  /** The host's storage state (HostStorageStatus; loopback only). */
  storage: '/api/storage',
} as const;

/** DELETE closes the room (facilitator's machine only). */
export function roomRoute(roomId: string): string {
  return `${API_ROUTES.rooms}/${encodeURIComponent(roomId)}`;
}

/**
 * POST (no body): the room gets a new join code, answered with its RoomInfo (code, URL, QR); the
 * old code admits nobody new and nobody is disconnected (facilitator's machine only). A room that
 * is not open answers 404 error.notFound.
 */
export function renewJoinCodeRoute(roomId: string): string {
  return `${roomRoute(roomId)}/code`;
}

/**
 * GET with a member token of the room (MEMBER_TOKEN_HEADER): the hub's board as one Yjs update
 * (application/octet-stream). A joiner applies it before its sync starts, so the first sync only
 * carries what changed since. 403 error.forbidden for anything else, whether or not the room exists.
 */
export function roomBoardRoute(roomId: string): string {
  return `${roomRoute(roomId)}/board`;
}

/** POST a RemoveParticipantRequest: the host disconnects that person (facilitator's machine only). */
export function removeParticipantRoute(roomId: string): string {
  return `${roomRoute(roomId)}/remove`;
}

/** GET the room's versions on the host; POST saves one now (facilitator's machine only). */
export function hostHistoryRoute(roomId: string): string {
  return `${roomRoute(roomId)}/history`;
}

/** POST: restores that version for the whole room (facilitator's machine only). */
export function restoreHostVersionRoute(roomId: string, versionId: string): string {
  return `${hostHistoryRoute(roomId)}/${encodeURIComponent(versionId)}/restore`;
}

/** Signaling endpoint on the same port; the join code authorises the socket. */
export const SIGNALING_PATH = '/signal';

/** y-websocket relay on the same port, for participants whose WebRTC cannot connect. */
export const RELAY_PATH = '/relay';

/**
 * A path under a host's base URL. The base is an origin, or an origin with a path when the room
 * is another machine's, reached through this machine's host (`…/remote/<address>:<port>`).
 */
export function hostPath(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  return url;
}

/** Another machine's host as `<IPv4 address>:<port>`, reached through ours. */
export const RemoteHostSchema = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}:\d{1,5}$/);
export const REMOTE_PATH = '/remote';

/** The base URL of a remote host's room as seen through our own host. */
export function remoteBase(ownOrigin: string, remoteHost: string): string {
  return hostPath(ownOrigin, `${REMOTE_PATH}/${remoteHost}`).toString();
}

function socketUrl(httpOrigin: string, path: string, joinCode: string, memberToken: string): URL {
  const url = hostPath(httpOrigin, path);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('code', joinCode);
  url.searchParams.set('member', memberToken);
  return url;
}

export function signalingUrl(httpOrigin: string, joinCode: string, memberToken: string): string {
  return socketUrl(httpOrigin, SIGNALING_PATH, joinCode, memberToken).toString();
}

/** The relay's base URL and query; y-websocket puts `/<roomId>` between them. */
export function relayEndpoint(httpOrigin: string, joinCode: string, memberToken: string): { url: string; params: Record<string, string> } {
  const url = socketUrl(httpOrigin, RELAY_PATH, joinCode, memberToken);
  const params = Object.fromEntries(url.searchParams);
  url.search = '';
  return { url: url.toString(), params };
}

/** The room name y-webrtc uses; the signaling server admits to it only sockets with its join code. */
export function roomTopic(roomId: string): string {
  return `madang:${roomId}`;
}

export function joinUrlFor(origin: string, joinCode: string): string {
  const url = new URL('/', origin);
  url.searchParams.set('join', joinCode);
  return url.toString();
}

/** Who a member token names (not whether it is genuine: only the host that issued it can tell). */
export function memberOfToken(token: string): { memberId: string; role: 'facilitator' | 'participant' } | null {
  if (!MemberTokenSchema.safeParse(token).success) return null;
  const [memberId, role] = token.split('.') as [string, string];
  return { memberId, role: role === 'f' ? 'facilitator' : 'participant' };
}
