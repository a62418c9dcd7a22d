// The one module that knows the Y.Doc layout of a board (docs/architecture.md, "The board document"). Nothing else calls
// doc.getMap: UI code goes through Board, commands go through the helpers here.
import * as Y from 'yjs';
import { REGISTERED_FIELDS, type RegisteredField } from './records/registry';

/** Bumped only together with a new entry in migrations.ts. */
export const BOARD_SCHEMA_VERSION = 1;

export const ROOT_META = 'meta';
export const ROOT_RECORDS = 'records';
/** Record id → member id of whoever created it; written by the room's hub only (policy.ts). */
export const ROOT_OWNERS = 'owners';
/** Record id → true for records the facilitator locked (a locked frame locks what is in it). */
export const ROOT_LOCKS = 'locks';
/**
 * The session's facilitation state (agenda, current step, timer, vote round, private mode, roles):
 * the facilitator's and co-facilitators' to write (policy.ts), read by everyone. It is a root of
 * the board's document rather than a second Y.Doc so a participant keeps one connection to the
 * hub and the board file and host history carry it (docs/architecture.md, "The session state").
 */
export const ROOT_SESSION = 'session';
/** The root types a board may have; a hub refuses a participant's change anywhere else. */
export const BOARD_ROOTS = [ROOT_META, ROOT_RECORDS, ROOT_OWNERS, ROOT_LOCKS, ROOT_SESSION] as const;

/** Transaction origins. Only LOCAL is undoable (undo.ts). */
export const LOCAL = 'local';
export const REMOTE = 'remote';
export const MIGRATION = 'migration';
export const LOAD = 'load';
export type BoardOrigin = typeof LOCAL | typeof REMOTE | typeof MIGRATION | typeof LOAD;

/** `viewOnly`: the facilitator switched the room to view-only (participants change nothing). */
export const META_FIELDS = ['schemaVersion', 'boardId', 'title', 'viewOnly'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/**
 * Every key a record's Y.Map may hold today: the common keys and each registered record type's
 * fields (records/registry.ts). A key is never renamed or reused (see RETIRED_KEYS).
 */
export const RECORD_FIELDS = REGISTERED_FIELDS;
export type RecordField = RegisteredField;

export type YRecord = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_META);
}

export function recordsMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap(ROOT_RECORDS);
}

export function ownersMap(doc: Y.Doc): Y.Map<string> {
  return doc.getMap(ROOT_OWNERS);
}

export function locksMap(doc: Y.Doc): Y.Map<boolean> {
  return doc.getMap(ROOT_LOCKS);
}

export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_SESSION);
}

/** The record's Y.Map, or undefined when the id is missing or a peer wrote something else there. */
export function yRecord(doc: Y.Doc, id: string): YRecord | undefined {
  const value: unknown = recordsMap(doc).get(id);
  return value instanceof Y.Map ? (value as YRecord) : undefined;
}

export function setField(record: YRecord, key: RecordField, value: unknown): void {
  record.set(key, value);
}

export function deleteField(record: YRecord, key: RecordField): void {
  if (record.has(key)) record.delete(key);
}

export function getField(record: YRecord, key: RecordField): unknown {
  return record.get(key);
}

export function docSchemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion');
  // A board written before versioning existed (or not yet synced) counts as version 0.
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}
