// An external sync server a room may sync through instead of the facilitator's host: a
// Hocuspocus server (`@hocuspocus/server` with main/host/syncServer.ts), for multi-site sessions
// or rooms beyond one laptop. The host is configured with its URL and hands it to everyone in the
// room (RoomInfo, JoinTicket). The same check runs at the host's start-up and in the page that
// receives the ticket, so nothing but a plain ws:// or wss:// origin can ever be dialled.
import { z } from 'zod';

/** Why `value` is not a sync server URL (one line), or null when it is one. */
export function syncServerUrlProblem(value: string): string | null {
  // Checked on the raw text first: URL parsing forgives much (spaces, backslashes, case).
  if (!/^wss?:\/\/[^/?#\\@\s]+\/?$/.test(value)) {
    return 'must be ws://host:port or wss://host:port: no path, query, user name or password';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.hostname === '') return 'needs a host name or address';
  return null;
}

/** The URL as the one origin the CSP allows and the client dials: `ws://host:port`, no trailing slash. */
export function normalizeSyncServerUrl(value: string): string {
  const url = new URL(value);
  return `${url.protocol}//${url.host}`;
}

export const SyncServerUrlSchema = z
  .string()
  .max(300)
  .refine((value) => syncServerUrlProblem(value) === null, { message: 'not a ws:// or wss:// origin' });

/** Where a room syncs when not through the host: given by the host, never by anyone else. */
export const SyncServerSchema = z.object({ kind: z.literal('hocuspocus'), url: SyncServerUrlSchema });
export type SyncServerConfig = z.infer<typeof SyncServerSchema>;

/** Parses a configured value (CLI flag, environment): the server, or the one-line problem. */
export function parseSyncServer(value: string): { ok: true; server: SyncServerConfig } | { ok: false; error: string } {
  const problem = syncServerUrlProblem(value.trim());
  if (problem) return { ok: false, error: problem };
  return { ok: true, server: { kind: 'hocuspocus', url: normalizeSyncServerUrl(value.trim()) } };
}
