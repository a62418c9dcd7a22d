// Step rules: which kinds of records participants may add in this step (session key `tools`,
// read by the hub's policy, shared/board/policy.ts), and the room roles the facilitator gives.
import type { Board } from '../board/board';
import { PARTICIPANT_TOOLS, SESSION_ROLES_KEY, SESSION_TOOLS_KEY, ROOM_ROLES, mayChangeSession, participantTools, type RoomRole } from '../board/policy';
import { sessionMap } from '../board/schema';
import type { RecordType } from '../board/types';
import { writeSession } from './sessionState';

export { PARTICIPANT_TOOLS, participantTools };

/** Participants may add only these kinds of records (null: anything). */
export function setParticipantTools(board: Board, tools: readonly RecordType[] | null): boolean {
  if (tools === null) return writeSession(board, SESSION_TOOLS_KEY, undefined);
  const allowed = PARTICIPANT_TOOLS.filter((type) => tools.includes(type));
  return writeSession(board, SESSION_TOOLS_KEY, { allowed });
}

/** The roles the facilitator may give (the facilitator's own comes with their token). */
export const ASSIGNABLE_ROLES = ROOM_ROLES.filter((role): role is Exclude<RoomRole, 'facilitator'> => role !== 'facilitator');
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Gives a member a role (participant: back to the default); only the token's facilitator may. */
export function setMemberRole(board: Board, memberId: string, role: AssignableRole): boolean {
  if (!mayChangeSession(board.doc, board.actor, SESSION_ROLES_KEY) || !/^[A-Za-z0-9_-]{1,32}$/.test(memberId)) return false;
  if (!ASSIGNABLE_ROLES.includes(role)) return false;
  const current: unknown = sessionMap(board.doc).get(SESSION_ROLES_KEY);
  const roles: Record<string, string> = typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...(current as Record<string, string>) } : {};
  if (role === 'participant') delete roles[memberId];
  else roles[memberId] = role;
  return writeSession(board, SESSION_ROLES_KEY, roles);
}
