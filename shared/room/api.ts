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
} as const;

/** Signaling endpoint on the same port; the join code authorises the socket. */
export const SIGNALING_PATH = '/signal';

export function signalingUrl(httpOrigin: string, joinCode: string): string {
  const url = new URL(SIGNALING_PATH, httpOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('code', joinCode);
  return url.toString();
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
