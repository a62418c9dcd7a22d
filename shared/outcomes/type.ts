// One outcome record type = one module that defines its content schema once; this turns that into
// everything else the app needs (the full record schema, the field list, the defaults).
import { z } from 'zod';
import { defaultsOf, fieldsOf, type FieldSpec } from './fields';
import { recordBaseShape } from './record';

export interface OutcomeTypeDefinition<K extends string, C extends z.ZodObject> {
  kind: K;
  /** The package's array for this type, e.g. `problem_statements`. */
  collection: string;
  content: C;
}

export function defineOutcomeType<K extends string, C extends z.ZodObject>(definition: OutcomeTypeDefinition<K, C>) {
  const schema = z.object({ kind: z.literal(definition.kind), ...recordBaseShape, ...definition.content.shape } as
    { kind: z.ZodLiteral<K> } & typeof recordBaseShape & C['shape']);
  return {
    ...definition,
    schema,
    /** The editable fields, in form order. */
    fields: fieldsOf(definition.content) as FieldSpec[],
    /** An empty form (not yet valid: a title is required). */
    defaults: () => defaultsOf(definition.content) as z.infer<C>,
  };
}
