// The one place that reads a zod schema as a form: the field list, each field's kind and its
// default value all come from the record type's schema, so a field added there appears in the
// editor, the CSV dictionary and the defaults without a second list to keep in step.
import { z } from 'zod';

export const ID_MAX = 200;
/** Short single-line text (titles, names, labels). */
export const SHORT_MAX = 500;
/** Paragraphs (situation, description, background…). */
export const LONG_MAX = 20_000;
export const LIST_MAX = 200;

export const idSchema = z.string().min(1).max(ID_MAX);
export const shortText = () => z.string().max(SHORT_MAX);
export const longText = () => z.string().max(LONG_MAX);
export const textList = () => z.array(shortText()).max(LIST_MAX);
export const idList = () => z.array(idSchema).max(10_000);
/** ISO 8601 with an offset (the package states +09:00 or Z explicitly). */
export const timestamp = () => z.iso.datetime({ offset: true });

export type FieldKind = 'text' | 'longText' | 'enum' | 'rating' | 'boolean' | 'textList' | 'idList' | 'objectList' | 'object';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** enum fields: the allowed values, in order. */
  options?: readonly string[];
  /** objectList and object fields: the fields of one item. */
  fields?: FieldSpec[];
}

/** Strips the wrappers that do not change what a field holds. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (let i = 0; i < 10; i++) {
    if (inner instanceof z.ZodNullable) nullable = true;
    if (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
      inner = inner.unwrap() as z.ZodType;
    } else break;
  }
  return { inner, nullable };
}

export function fieldSpec(name: string, schema: z.ZodType): FieldSpec {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) return { name, kind: (inner.maxLength ?? 0) > SHORT_MAX ? 'longText' : 'text' };
  if (inner instanceof z.ZodEnum) return { name, kind: 'enum', options: inner.options as string[] };
  if (inner instanceof z.ZodNumber) return { name, kind: 'rating' };
  if (inner instanceof z.ZodBoolean) return { name, kind: 'boolean' };
  if (inner instanceof z.ZodObject) return { name, kind: 'object', fields: fieldsOf(inner) };
  if (inner instanceof z.ZodArray) {
    const element = unwrap(inner.element as z.ZodType).inner;
    if (element instanceof z.ZodObject) return { name, kind: 'objectList', fields: fieldsOf(element) };
    // A list of ids (idList(): never empty strings) links records; a list of free text is typed in.
    if (element instanceof z.ZodString) return { name, kind: (element.minLength ?? 0) > 0 ? 'idList' : 'textList' };
  }
  throw new Error(`outcomes: no field kind for ${name}`);
}

export function fieldsOf(schema: z.ZodObject): FieldSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => fieldSpec(name, field as z.ZodType));
}

/** The empty value of every field: '' for text, [] for lists, null for ratings, the first option of an enum. */
export function defaultsOf(schema: z.ZodObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) out[name] = defaultOf(field as z.ZodType);
  return out;
}

function defaultOf(schema: z.ZodType): unknown {
  const { inner, nullable } = unwrap(schema);
  if (nullable) return null;
  if (inner instanceof z.ZodString) return '';
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodBoolean) return false;
  if (inner instanceof z.ZodNumber) return 0;
  if (inner instanceof z.ZodArray) return [];
  if (inner instanceof z.ZodObject) return defaultsOf(inner);
  return null;
}

/** Text that must not be blank (a title, a cause); checked, never silently trimmed. */
export const requiredText = () => z.string().max(SHORT_MAX).regex(/\S/, { message: 'required' });
