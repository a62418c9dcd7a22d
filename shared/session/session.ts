// A workshop session as each client stores it. The facilitator creates sessions; a participant
// gets one by joining a room. Room fields are set once a room is open for the session.
import { randomId } from '../util/randomId';

export type SessionRole = 'facilitator' | 'participant';

export interface SessionRecord {
  id: string;
  title: string;
  role: SessionRole;
  createdAt: number;
  updatedAt: number;
  roomId?: string;
  joinCode?: string;
  /** The room is on another machine's host (`<IPv4>:<port>`), reached through this one's. */
  remoteHost?: string;
  /** A participant's member token from the host (who they are in the room; what they made stays theirs). */
  memberToken?: string;
  /** The room syncs through this external server (ws:// or wss:// origin), as the host's ticket said. */
  syncServer?: string;
}

export const SESSION_TITLE_MAX = 200;

export function newSessionId(): string {
  // url-safe, matches the id pattern of shared/room/api.ts
  return randomId();
}

export function createSession(title: string, now: number, id = newSessionId()): SessionRecord | null {
  const clean = title.trim().slice(0, SESSION_TITLE_MAX);
  if (!clean) return null;
  return { id, title: clean, role: 'facilitator', createdAt: now, updatedAt: now };
}
