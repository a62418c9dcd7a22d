// The registry of record types: the one place that knows which types a board holds. Reading,
// writing, validation and the questions views and commands ask of a record ("has it a box?",
// "what may contain it?", "which field is its label?") go through here, never through a switch on
// type names. Adding a type: a module like note.ts, listed in RECORD_TYPES (docs/architecture.md).
import * as Y from 'yjs';
import { z } from 'zod';
import type { Geometry } from '../types';
import type { YRecord } from '../schema';
import type { Field } from './field';
import { BASE_FIELDS, type Capabilities, type ParentRef, type RecordTypeDef } from './recordType';
import { noteType, type NoteRecord } from './note';
import { frameType, type FrameRecord } from './frame';
import { clusterType, type ClusterRecord } from './cluster';
import { connectorType, type ConnectorRecord } from './connector';

export const RECORD_TYPES = [noteType, frameType, clusterType, connectorType] as const;

export type BoardRecord = NoteRecord | FrameRecord | ClusterRecord | ConnectorRecord;
export type RecordType = BoardRecord['type'];
export type RecordWithGeometry = Extract<BoardRecord, { geometry: Geometry }>;
export type LinkRecord = Extract<BoardRecord, { from: string; to: string }>;

/** Any record, strictly: what the clipboard and files must carry. */
export const recordSchema = z.discriminatedUnion('type', [noteType.schema, frameType.schema, clusterType.schema, connectorType.schema]);

const byName = new Map<string, RecordTypeDef>(RECORD_TYPES.map((def) => [def.type, def]));
const fieldList = new Map<string, Array<[string, Field]>>(RECORD_TYPES.map((def) => [def.type, Object.entries(def.fields)]));

type FieldsOf<D> = D extends RecordTypeDef<string, infer F> ? keyof F & string : never;
export type RegisteredField = (typeof BASE_FIELDS)[number] | FieldsOf<(typeof RECORD_TYPES)[number]>;

/** Every key a record of a registered type may hold: schema.ts's RECORD_FIELDS. */
export const REGISTERED_FIELDS = Object.freeze([
  ...new Set([...BASE_FIELDS, ...RECORD_TYPES.flatMap((def) => Object.keys(def.fields))]),
]) as readonly RegisteredField[];

export function recordType(type: unknown): RecordTypeDef | undefined {
  return typeof type === 'string' ? byName.get(type) : undefined;
}

export function capabilities(type: RecordType): Capabilities {
  return (byName.get(type) as RecordTypeDef).capabilities;
}

// ---------- capabilities ----------

export function hasGeometry(record: BoardRecord): record is RecordWithGeometry {
  return capabilities(record.type).geometry;
}

export function isLink(record: BoardRecord): record is LinkRecord {
  return capabilities(record.type).link;
}

export function inOutline(record: BoardRecord): boolean {
  return capabilities(record.type).inOutline;
}

/** The types a container of `type` may hold, and the field they hold its id in. */
const heldBy = new Map<string, Array<{ type: RecordType; field: string }>>();
for (const def of RECORD_TYPES) {
  for (const parent of def.capabilities.parents) {
    const list = heldBy.get(parent.type) ?? [];
    list.push({ type: def.type, field: parent.field });
    heldBy.set(parent.type, list);
  }
}

/** Whether records of this type contain others (an outline parent: a frame, a cluster). */
export function isContainerType(type: RecordType): boolean {
  return heldBy.has(type);
}

/** A container always has a box: its area is what holds its children. */
export function isContainer(record: BoardRecord): record is RecordWithGeometry {
  return isContainerType(record.type) && hasGeometry(record);
}

/** Whether a record of type `child` may sit in a container of type `container`. */
export function mayHold(container: RecordType, child: RecordType): boolean {
  return heldBy.get(container)?.some((h) => h.type === child) ?? false;
}

/** The types a container of this type may hold. */
export function heldTypes(container: RecordType): RecordType[] {
  return (heldBy.get(container) ?? []).map((h) => h.type);
}

/** The containers a record of this type may sit in, nearest first. */
export function parentRefs(type: RecordType): readonly ParentRef[] {
  return capabilities(type).parents;
}

/** The field in which a child of this container type keeps the container's id (frameId, clusterId). */
export function childRefField(container: RecordType): string | undefined {
  return heldBy.get(container)?.[0]?.field;
}

/** The id a record keeps in one of its reference fields. */
export function refOf(record: BoardRecord, field: string): string | undefined {
  const value = (record as Readonly<Record<string, unknown>>)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** How deep containers of this type nest others: 0 holds nothing, a cluster (notes) 1, a frame (clusters) 2. */
export function nestingRank(type: RecordType): number {
  const held = heldTypes(type).filter((t) => t !== type);
  return held.length === 0 ? 0 : 1 + Math.max(...held.map(nestingRank));
}

/** The words a person edits as the record's label: a note's text, a frame's title, a cluster's or connector's label. */
export function labelOf(record: BoardRecord): string {
  const field = capabilities(record.type).labelField;
  const value = field ? (record as Readonly<Record<string, unknown>>)[field] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Long text (a note's): several lines, typed in by two people at once. */
export function hasLongText(type: RecordType): boolean {
  return capabilities(type).longText;
}

// ---------- reading and writing the Y.Map ----------

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * Tolerant: a peer on another version (or a bug) may have written odd values; readers get the
 * fields' defaults, never an exception. A type this app does not know (a newer schema's), or a
 * record missing a field it can not do without, is not shown: null.
 */
export function readRecord(id: string, y: YRecord): BoardRecord | null {
  const type: unknown = y.get('type');
  const fields = typeof type === 'string' ? fieldList.get(type) : undefined;
  if (!fields) return null;
  const z: unknown = y.get('z');
  const author: unknown = y.get('author');
  const createdAt = num(y.get('createdAt'), 0);
  const out: Record<string, unknown> = {
    id,
    type,
    z: typeof z === 'string' && z !== '' ? z : 'a0',
    createdAt,
    updatedAt: num(y.get('updatedAt'), createdAt),
    author: typeof author === 'string' ? author : '',
  };
  for (const [key, field] of fields) {
    const value = field.read(y.get(key));
    if (value !== undefined) out[key] = value;
    else if (field.required) return null;
  }
  return Object.freeze(out) as unknown as BoardRecord;
}

/** What a record of this type holds when nothing readable was written: each field's default. */
export function recordDefaults(type: RecordType): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of fieldList.get(type) ?? []) {
    const value = field.read(undefined);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Writes a whole record as a new Y.Map under its id; a field is written only when it would read back (Field.store). */
export function writeRecord(records: Y.Map<YRecord>, record: BoardRecord): void {
  const y = new Y.Map<unknown>();
  records.set(record.id, y);
  y.set('id', record.id);
  y.set('type', record.type);
  y.set('z', record.z);
  y.set('createdAt', record.createdAt);
  y.set('updatedAt', record.updatedAt);
  y.set('author', record.author);
  const values = record as Readonly<Record<string, unknown>>;
  for (const [key, field] of fieldList.get(record.type) ?? []) {
    const value = values[key];
    if (value === undefined || value === null) continue;
    const stored = field.store(value);
    if (stored !== undefined) y.set(key, stored);
  }
}
