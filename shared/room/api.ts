// The host's HTTP contract, used by the host (validate requests) and by the web platform
// in the renderer (validate responses). Error bodies carry an i18n key, never prose.
import { z } from 'zod';
import { JOIN_CODE_LENGTH } from './joinCode';

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

export const JoinRequestSchema = z.object({ code: z.string().max(32) });
export type JoinRequest = z.infer<typeof JoinRequestSchema>;

/** What a participant learns by presenting a valid code. */
export const JoinTicketSchema = z.object({
  roomId: id,
  sessionId: id,
  title: z.string(),
  joinCode: z.string().length(JOIN_CODE_LENGTH),
});
export type JoinTicket = z.infer<typeof JoinTicketSchema>;

export const API_ERROR_CODES = [
  'error.badRequest',
  'error.notFound',
  'error.forbidden',
  'error.tooLarge',
  'error.internal',
  'join.invalidCode',
  'join.tooManyAttempts',
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

/** POST a RemoveParticipantRequest: the host disconnects that person (facilitator's machine only). */
export function removeParticipantRoute(roomId: string): string {
  return `${roomRoute(roomId)}/remove`;
}

/** Signaling endpoint on the same port; the join code authorises the socket. */
export const SIGNALING_PATH = '/signal';

/** y-websocket relay on the same port, for participants whose WebRTC cannot connect. */
export const RELAY_PATH = '/relay';

/** Who a client is across reconnects (random, kept on the device), so a removed one stays out. */
export const MemberIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

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

function socketUrl(httpOrigin: string, path: string, joinCode: string, memberId?: string): URL {
  const url = hostPath(httpOrigin, path);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('code', joinCode);
  if (memberId) url.searchParams.set('member', memberId);
  return url;
}

export function signalingUrl(httpOrigin: string, joinCode: string, memberId?: string): string {
  return socketUrl(httpOrigin, SIGNALING_PATH, joinCode, memberId).toString();
}

/** The relay's base URL and query; y-websocket puts `/<roomId>` between them. */
export function relayEndpoint(httpOrigin: string, joinCode: string, memberId?: string): { url: string; params: Record<string, string> } {
  const url = socketUrl(httpOrigin, RELAY_PATH, joinCode, memberId);
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
