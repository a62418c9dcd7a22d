// Who may change what on a room's board. The room's hub runs checkTransaction on every change a
// link sends and reverts what breaks the rules (main/host/hub/authority.ts): that is the rule.
// Clients ask the same questions (mayEdit, mayDelete) so their UI does not offer what the hub
// would take back: that is a courtesy.
import * as Y from 'yjs';
import { LABEL_MAX, TEXT_MAX, type RecordType } from './types';
import { recordType } from './records/registry';
import {
  ROOT_LOCKS, ROOT_META, ROOT_OWNERS, ROOT_RECORDS, ROOT_SESSION, locksMap, metaMap, ownersMap, recordsMap, sessionMap, type YRecord,
} from './schema';

/** What the host's member token says: only whoever opened the room is its facilitator. */
export type MemberRole = 'facilitator' | 'participant';

/** Who made a change, as the host knows them (never as the client says). */
export interface Actor {
  memberId: string;
  role: MemberRole;
}

/**
 * What someone may do in the room: the token's facilitator, or a participant's role as the
 * facilitator set it in the session state (`roles`). Co-facilitators run the workshop with the
 * facilitator (session state, locks, anyone's records) but cannot change roles or board details;
 * observers and the shared screen change nothing.
 */
export const ROOM_ROLES = ['facilitator', 'co-facilitator', 'participant', 'observer', 'screen'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];
/** Session key of the member id → role table (a plain object); the token's facilitator's alone. */
export const SESSION_ROLES_KEY = 'roles';
/** The largest value one session key may hold, as JSON characters. */
export const SESSION_VALUE_MAX = 64 * 1024;

export function roomRole(doc: Y.Doc, actor: Actor | null): RoomRole {
  if (!actor || actor.role === 'facilitator') return 'facilitator';
  const roles: unknown = sessionMap(doc).get(SESSION_ROLES_KEY);
  const role: unknown = typeof roles === 'object' && roles !== null && Object.hasOwn(roles, actor.memberId) ? (roles as Record<string, unknown>)[actor.memberId] : undefined;
  return role === 'co-facilitator' || role === 'observer' || role === 'screen' ? role : 'participant';
}

/** The facilitator and co-facilitators: they run the session and may change anyone's records. */
export function runsSession(role: RoomRole): boolean {
  return role === 'facilitator' || role === 'co-facilitator';
}

/** Observers and the shared screen only look. */
export function onlyLooks(role: RoomRole): boolean {
  return role === 'observer' || role === 'screen';
}

/** Sizes the hub enforces for everyone, the facilitator included. */
export const BOARD_LIMITS = {
  /** Characters in one note's text. */
  textMax: TEXT_MAX,
  /** Characters in any other string field (titles, labels). */
  labelMax: LABEL_MAX,
  /** Records on one board. */
  records: 50_000,
  /** The board's encoded size on the host. */
  boardBytes: 64 * 1024 * 1024,
  /** One update from a participant (a facilitator's first sync of a big board may be larger, up to boardBytes). */
  participantUpdateBytes: 2 * 1024 * 1024,
} as const;

export const REFUSAL_REASONS = [
  'viewOnly', // the room is view-only for participants
  'observer', // observers and the shared screen change nothing
  'protected', // board metadata, owners or locks: the facilitator's (or the hub's) to write
  'session', // the session state (agenda, step, timer, votes, roles): the facilitator's
  'locked', // a locked record, or one in a locked frame
  'tool', // a kind of record participants may not add in this step (session key `tools`)
  'notOwner', // deleting someone else's record
  'structure', // something that is not a board record, or not where records live
  'textTooLong',
  'tooManyRecords',
  'updateTooLarge',
  'boardTooLarge',
  'malformed',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
  reason: RefusalReason;
  /** The records concerned (at most a few, for the log). */
  recordIds: string[];
}

/** Whether `id` (or the frame it sits in) is locked. */
export function isLocked(doc: Y.Doc, id: string, frameId?: unknown): boolean {
  const locks = locksMap(doc);
  if (locks.get(id) === true) return true;
  const frame = frameId !== undefined ? frameId : recordsMap(doc).get(id)?.get('frameId');
  return typeof frame === 'string' && locks.get(frame) === true;
}

export function ownerOf(doc: Y.Doc, id: string): string | undefined {
  const owner: unknown = ownersMap(doc).get(id);
  return typeof owner === 'string' ? owner : undefined;
}

export function isViewOnly(doc: Y.Doc): boolean {
  return metaMap(doc).get('viewOnly') === true;
}

export function mayEdit(doc: Y.Doc, actor: Actor | null, id: string): boolean {
  const role = roomRole(doc, actor);
  if (runsSession(role)) return true;
  return !onlyLooks(role) && !isViewOnly(doc) && !isLocked(doc, id);
}

export function mayDelete(doc: Y.Doc, actor: Actor | null, id: string): boolean {
  if (runsSession(roomRole(doc, actor))) return true;
  return mayEdit(doc, actor, id) && ownerOf(doc, id) === actor?.memberId;
}

/** Session key of the kinds of records participants may add in this step (`{ allowed: [...] }`). */
export const SESSION_TOOLS_KEY = 'tools';
/** Session key of private mode (shared/workshop/privateMode.ts): while on, participants add nothing to the board. */
export const SESSION_PRIVATE_KEY = 'private';
/** The kinds of records a step may allow participants to add. */
export const PARTICIPANT_TOOLS = ['note', 'cluster', 'frame', 'connector'] as const satisfies readonly RecordType[];

/** The kinds of records participants may add now; null: no limit in this step. */
export function participantTools(doc: Y.Doc): RecordType[] | null {
  // In private mode a participant's notes go to the host only (shared/workshop/privateMode.ts).
  const privateMode: unknown = sessionMap(doc).get(SESSION_PRIVATE_KEY);
  if (typeof privateMode === 'object' && privateMode !== null && (privateMode as { on?: unknown }).on === true) return [];
  const value: unknown = sessionMap(doc).get(SESSION_TOOLS_KEY);
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { allowed?: unknown }).allowed)) return null;
  const allowed = (value as { allowed: unknown[] }).allowed;
  return PARTICIPANT_TOOLS.filter((type) => allowed.includes(type));
}

function toolAllowed(doc: Y.Doc, type: unknown): boolean {
  const tools = participantTools(doc);
  return tools === null || (tools as unknown[]).includes(type);
}

/** Whether this client may change the session state (`key`: roles are the token facilitator's alone). */
export function mayChangeSession(doc: Y.Doc, actor: Actor | null, key?: string): boolean {
  if (key === SESSION_ROLES_KEY) return !actor || actor.role === 'facilitator';
  return runsSession(roomRole(doc, actor));
}

/**
 * Checks one applied transaction against the room's rules. Returns the first rule broken, or
 * null. Runs inside the transaction's cleanup (afterTransaction), when deleted content is
 * still readable.
 */
export function checkTransaction(txn: Y.Transaction, actor: Actor): Refusal | null {
  const doc = txn.doc;
  const records = recordsMap(doc);
  // Roles first: the role this change is judged by must not be one it just gave itself.
  const sessionRefusal = checkSession(txn, actor);
  if (sessionRefusal) return sessionRefusal;
  const role = roomRole(doc, actor);
  const participant = !runsSession(role);
  const changes = txn.changed.size > 0 || txn.deleteSet.clients.size > 0;
  if (onlyLooks(role) && changes) return { reason: 'observer', recordIds: [] };
  if (participant && isViewOnly(doc) && changes) return { reason: 'viewOnly', recordIds: [] };
  const deletedHere = new Set<string>();
  let added = 0;
  // Deletions first: a connector may go with a record its deleter may delete.
  const recordKeys = changedKeys(txn, records);
  const pending: Array<{ id: string; old: YRecord | undefined }> = [];
  if (recordKeys) {
    const event = new Y.YMapEvent(records, txn, recordKeys);
    for (const [id, change] of event.changes.keys) {
      const now: unknown = records.get(id);
      if (change.action !== 'delete' && !(now instanceof Y.Map)) return refusal('structure', id);
      if (change.action === 'add') {
        added += 1;
        if (participant && isLocked(doc, id)) return refusal('locked', id);
        if (participant && !toolAllowed(doc, (now as YRecord).get('type'))) return refusal('tool', id);
        const tooLong = longString(now as YRecord);
        if (tooLong) return refusal('textTooLong', id);
        continue;
      }
      pending.push({ id, old: change.oldValue instanceof Y.Map ? (change.oldValue as YRecord) : undefined });
      deletedHere.add(id);
    }
  }
  for (const { id, old } of pending) {
    if (!participant) continue;
    const frameId = old ? deletedField(old, 'frameId') : undefined;
    if (isLocked(doc, id, frameId)) return refusal('locked', id);
    if (ownerOf(doc, id) === actor.memberId) continue;
    // A connector goes with a record its deleter may delete (deleteRecords does that).
    const ends = old && recordType(deletedField(old, 'type'))?.capabilities.link ? [deletedField(old, 'from'), deletedField(old, 'to')] : [];
    if (ends.some((end) => typeof end === 'string' && deletedHere.has(end) && ownerOf(doc, end) === actor.memberId)) continue;
    return refusal('notOwner', id);
  }
  for (const [type, keys] of txn.changed) {
    if ((type as unknown) === records) continue;
    const place = locate(type, records);
    if (place.root === ROOT_SESSION) continue; // checkSession did
    if (place.root !== ROOT_RECORDS) {
      if (actor.role === 'facilitator') continue;
      // Co-facilitators lock and unlock; board details and owners stay the facilitator's and the hub's.
      if (place.root === ROOT_LOCKS && !participant) continue;
      return refusal(place.root === ROOT_META || place.root === ROOT_OWNERS || place.root === ROOT_LOCKS ? 'protected' : 'structure', null);
    }
    const id = place.recordId;
    if (id === null || deletedHere.has(id)) continue;
    if (participant && isLocked(doc, id)) return refusal('locked', id);
    if (type instanceof Y.Text && type.length > BOARD_LIMITS.textMax) return refusal('textTooLong', id);
    if (type instanceof Y.Map) {
      for (const key of keys) {
        if (key === null) continue;
        const value: unknown = type.get(key);
        if (typeof value === 'string' && value.length > (key === 'text' ? BOARD_LIMITS.textMax : BOARD_LIMITS.labelMax)) return refusal('textTooLong', id);
      }
    }
  }
  if (added > 0 && records.size > BOARD_LIMITS.records) return refusal('tooManyRecords', null);
  return null;
}

/**
 * The session state: only the facilitator and co-facilitators write it, as plain values under its
 * own keys (nothing nested, nothing over SESSION_VALUE_MAX); roles are the token facilitator's.
 */
function checkSession(txn: Y.Transaction, actor: Actor): Refusal | null {
  const session = sessionMap(txn.doc);
  for (const [type, keys] of txn.changed) {
    const nested = (type as unknown) !== session;
    if (nested && !underSession(type, session)) continue;
    if (actor.role === 'facilitator' && nested) continue;
    // A role judged before this change: roles can only have changed if the token's facilitator did it.
    if (!runsSession(roomRole(txn.doc, actor))) return refusal('session', null);
    if (nested) return refusal('session', null);
    for (const key of keys) {
      if (key === null) continue;
      if (key === SESSION_ROLES_KEY && actor.role !== 'facilitator') return refusal('session', null);
      const value: unknown = session.get(key);
      if (value instanceof Y.AbstractType && actor.role !== 'facilitator') return refusal('session', null);
      if (jsonLength(value) > SESSION_VALUE_MAX) return refusal('textTooLong', null);
    }
  }
  return null;
}

function underSession(type: AnyType, session: Y.Map<unknown>): boolean {
  let current: AnyType = type;
  for (let depth = 0; depth < 64; depth++) {
    const item = current._item;
    if (item === null) return false;
    const parent = item.parent as AnyType;
    if ((parent as unknown) === session) return true;
    current = parent;
  }
  return false;
}

function jsonLength(value: unknown): number {
  if (value === undefined || value instanceof Y.AbstractType) return 0;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** Ids of the records this transaction created (the hub records their owner). */
export function addedRecordIds(txn: Y.Transaction): string[] {
  const records = recordsMap(txn.doc);
  const keys = changedKeys(txn, records);
  if (!keys) return [];
  const event = new Y.YMapEvent(records, txn, keys);
  return [...event.changes.keys].filter(([id, change]) => change.action !== 'delete' && records.get(id) instanceof Y.Map).map(([id]) => id);
}

function changedKeys(txn: Y.Transaction, type: object): Set<string | null> | undefined {
  for (const [changed, keys] of txn.changed) if ((changed as unknown) === type) return keys;
  return undefined;
}

function refusal(reason: RefusalReason, id: string | null): Refusal {
  return { reason, recordIds: id === null ? [] : [id] };
}

/** Which root a changed type lives under and, under `records`, which record. */
type AnyType = Pick<Y.AbstractType<unknown>, '_item' | 'doc'>;

function locate(type: AnyType, records: Y.Map<YRecord>): { root: string | null; recordId: string | null } {
  let current: AnyType = type;
  for (let depth = 0; depth < 64; depth++) {
    const item = current._item;
    if (item === null) return { root: rootName(current), recordId: null };
    const parent = item.parent as AnyType;
    if ((parent as unknown) === records) return { root: ROOT_RECORDS, recordId: typeof item.parentSub === 'string' ? item.parentSub : null };
    current = parent;
  }
  return { root: null, recordId: null };
}

function rootName(type: AnyType): string | null {
  const doc = type.doc;
  if (!doc) return null;
  for (const [name, root] of doc.share) if ((root as unknown) === type) return name;
  return null;
}

/** A string field longer than its limit in a new record (its Y.Text is checked as a whole). */
function longString(record: YRecord): boolean {
  for (const [key, value] of record.entries()) {
    if (typeof value === 'string' && value.length > (key === 'text' ? BOARD_LIMITS.textMax : BOARD_LIMITS.labelMax)) return true;
    if (value instanceof Y.Text && value.length > BOARD_LIMITS.textMax) return true;
  }
  return false;
}

/**
 * A field of a record deleted in this transaction. Y.Map.get hides deleted entries, so this reads
 * the entry's item directly; the content is still there until the transaction's cleanup ends.
 */
function deletedField(record: YRecord, key: string): unknown {
  const item = record._map.get(key);
  const content = item?.content.getContent();
  return Array.isArray(content) ? content[content.length - 1] : undefined;
}
