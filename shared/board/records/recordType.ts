// What a record type is: one table of fields (field.ts) from which its zod schema, its tolerant
// reader, its writer, its stored keys and its defaults all follow, plus what views and commands may
// ask of it (capabilities) and its own migration steps. The types are registered in registry.ts.
import { z } from 'zod';
import type { YRecord } from '../schema';
import type { Field } from './field';

/** The keys every record has, whatever its type. */
export const BASE_FIELDS = ['id', 'type', 'z', 'createdAt', 'updatedAt', 'author'] as const;

export const baseShape = {
  id: z.string().min(1).max(200),
  z: z.string().min(1).max(200),
  createdAt: z.number().finite(),
  updatedAt: z.number().finite(),
  author: z.string().max(200),
};

/** A parent a record may have: the field holding its id, and the type it must be. Nearest first. */
export interface ParentRef {
  readonly field: string;
  readonly type: string;
}

export interface Capabilities {
  /** A box on the canvas (the `geometry` field): moved, resized, hit by area, placed in containers. */
  readonly geometry: boolean;
  /** The field a person edits as the record's words (the outline's label, the canvas's text editor); null: none. */
  readonly labelField: string | null;
  /** The words are long text that two people may type in at once (a Y.Text): Enter adds a line, the editor opens at the end. */
  readonly longText: boolean;
  /** Listed as an item of the outline tree. */
  readonly inOutline: boolean;
  /** Joins two other records (`from` → `to`) rather than standing on its own. */
  readonly link: boolean;
  /** May be an end of a link. */
  readonly linkable: boolean;
  /** The containers this type may sit in, nearest first (a note: its cluster, else its frame). */
  readonly parents: readonly ParentRef[];
}

/**
 * A step that brings one record of this type up to `toVersion`, run by runMigrations (migrations.ts)
 * in the board's one migration transaction. Like board steps: additive, idempotent, deterministic.
 */
export interface RecordMigration {
  /** Stable name, never reused. */
  readonly id: string;
  readonly toVersion: number;
  up(record: YRecord): void;
}

type FieldTable = Record<string, Field>;
type ShapeOf<F extends FieldTable> = { [K in keyof F]: F[K]['schema'] };

export type RecordSchema<T extends string, F extends FieldTable> = z.ZodObject<typeof baseShape & { type: z.ZodLiteral<T> } & ShapeOf<F>>;

export interface RecordTypeDef<T extends string = string, F extends FieldTable = FieldTable> {
  readonly type: T;
  readonly fields: F;
  /** Strict: the whole record as the clipboard and files carry it. */
  readonly schema: RecordSchema<T, F>;
  readonly capabilities: Capabilities;
  readonly migrations: readonly RecordMigration[];
}

export function defineRecordType<const T extends string, F extends FieldTable>(def: {
  type: T;
  fields: F;
  capabilities: Capabilities;
  migrations?: readonly RecordMigration[];
}): RecordTypeDef<T, F> {
  const shape = Object.fromEntries(Object.entries(def.fields).map(([key, field]) => [key, field.schema]));
  const schema = z.object({ ...baseShape, type: z.literal(def.type), ...shape }) as unknown as RecordSchema<T, F>;
  return Object.freeze({ type: def.type, fields: def.fields, schema, capabilities: Object.freeze(def.capabilities), migrations: def.migrations ?? [] });
}
