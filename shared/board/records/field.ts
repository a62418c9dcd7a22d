// A stored field of a record type, described once: its strict zod schema (what a record from
// outside — the clipboard, a file — must hold), how it is read tolerantly from the record's Y.Map,
// and how it is stored there. Record types (note.ts, frame.ts…) are tables of these.
import * as Y from 'yjs';
import { z } from 'zod';
import { NOTE_SIZE, geometrySchema, type Geometry } from '../types';

export interface Field<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  /**
   * Tolerant: whatever a peer on another version (or a bug) wrote, the value to show, never
   * throwing. undefined: the field is absent (an optional field) or the record can not be shown
   * (a required one). Called with undefined it gives the field's default.
   */
  readonly read: (raw: unknown) => z.output<S> | undefined;
  /** Without it the record means nothing (a connector's ends): such a record is not shown. */
  readonly required: boolean;
  /**
   * The value as it goes into the Y.Map (a Y.Text where two people type at once, a plain copy of
   * an object), or undefined for a value that would not read back (an empty ref): not written.
   */
  readonly store: (value: NonNullable<z.output<S>>) => unknown;
}

const asIs = (value: unknown): unknown => value;

/** Length-limited words, '' when missing or not a string. */
export function stringField(max: number): Field<z.ZodString> {
  return { schema: z.string().max(max), read: (raw) => (typeof raw === 'string' ? raw : ''), required: false, store: asIs };
}

/** Words two people can type in at once: a Y.Text in the document, a string in the record. */
export function collaborativeTextField(max: number): Field<z.ZodString> {
  return {
    schema: z.string().max(max),
    read: (raw) => (raw instanceof Y.Text ? raw.toString() : typeof raw === 'string' ? raw : ''),
    required: false,
    store: (value) => new Y.Text(value),
  };
}

const idSchema = z.string().min(1).max(200);
const readId = (raw: unknown): string | undefined => (typeof raw === 'string' && raw !== '' ? raw : undefined);

/** The id of another record, absent when empty (a dangling one is the reader's to ignore). */
export function refField(): Field<z.ZodOptional<z.ZodString>> {
  return { schema: idSchema.optional(), read: readId, required: false, store: readId };
}

/** The id of another record the record can not do without. */
export function requiredRefField(): Field<z.ZodString> {
  return { schema: idSchema, read: readId, required: true, store: asIs };
}

/** One of a closed list of names; an unknown one reads as `fallback`. */
export function enumField<T extends string>(values: readonly T[], fallback: T): Field<z.ZodType<T>> {
  const known = new Set<string>(values);
  return {
    schema: z.enum(values as [T, ...T[]]) as unknown as z.ZodType<T>,
    read: (raw) => (typeof raw === 'string' && known.has(raw) ? (raw as T) : fallback),
    required: false,
    store: asIs,
  };
}

/** One of a closed list of names, or absent; `absentAs` (a name that means "none") reads as absent. */
export function optionalEnumField<T extends string>(values: readonly T[], absentAs?: T): Field<z.ZodOptional<z.ZodType<T>>> {
  const known = new Set<string>(values);
  return {
    schema: (z.enum(values as [T, ...T[]]) as unknown as z.ZodType<T>).optional(),
    read: (raw) => (typeof raw === 'string' && known.has(raw) && raw !== absentAs ? (raw as T) : undefined),
    required: false,
    store: (value) => (known.has(value) && value !== absentAs ? value : undefined),
  };
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Missing parts fall back to the origin and a note's size; a size is at least 1. */
export function readGeometry(value: unknown): Geometry {
  const g = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return Object.freeze({
    x: num(g['x'], 0),
    y: num(g['y'], 0),
    w: Math.max(1, num(g['w'], NOTE_SIZE.w)),
    h: Math.max(1, num(g['h'], NOTE_SIZE.h)),
  });
}

/** The one geometry field of a record that has a box on the canvas. */
export function geometryField(): Field<typeof geometrySchema> {
  return {
    schema: geometrySchema,
    read: readGeometry,
    required: false,
    store: (g) => ({ x: g.x, y: g.y, w: g.w, h: g.h }),
  };
}
