// Who may change what on a room's board. The room's hub runs checkTransaction on every change a
// link sends and reverts what breaks the rules (main/host/hub/authority.ts): that is the rule.
// Clients ask the same questions (mayEdit, mayDelete) so their UI does not offer what the hub
// would take back: that is a courtesy.
import * as Y from 'yjs';
import { LABEL_MAX, TEXT_MAX } from './types';
import { ROOT_LOCKS, ROOT_META, ROOT_OWNERS, ROOT_RECORDS, locksMap, metaMap, ownersMap, recordsMap, type YRecord } from './schema';

export type MemberRole = 'facilitator' | 'participant';

/** Who made a change, as the host knows them (never as the client says). */
export interface Actor {
  memberId: string;
  role: MemberRole;
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
  'protected', // board metadata, owners or locks: the facilitator's (or the hub's) to write
  'locked', // a locked record, or one in a locked frame
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
  if (!actor || actor.role === 'facilitator') return true;
  return !isViewOnly(doc) && !isLocked(doc, id);
}

export function mayDelete(doc: Y.Doc, actor: Actor | null, id: string): boolean {
  if (!actor || actor.role === 'facilitator') return true;
  return mayEdit(doc, actor, id) && ownerOf(doc, id) === actor.memberId;
}

/**
 * Checks one applied transaction against the room's rules. Returns the first rule broken, or
 * null. Runs inside the transaction's cleanup (afterTransaction), when deleted content is
 * still readable.
 */
export function checkTransaction(txn: Y.Transaction, actor: Actor): Refusal | null {
  const doc = txn.doc;
  const records = recordsMap(doc);
  const participant = actor.role !== 'facilitator';
  if (participant && isViewOnly(doc) && (txn.changed.size > 0 || txn.deleteSet.clients.size > 0)) return { reason: 'viewOnly', recordIds: [] };
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
    const ends = old && deletedField(old, 'type') === 'connector' ? [deletedField(old, 'from'), deletedField(old, 'to')] : [];
    if (ends.some((end) => typeof end === 'string' && deletedHere.has(end) && ownerOf(doc, end) === actor.memberId)) continue;
    return refusal('notOwner', id);
  }
  for (const [type, keys] of txn.changed) {
    if ((type as unknown) === records) continue;
    const place = locate(type, records);
    if (place.root !== ROOT_RECORDS) {
      if (!participant) continue;
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
