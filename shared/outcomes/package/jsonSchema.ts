// JSON Schemas (draft 2020-12) of the package and of each record type, generated from the zod
// schemas the app validates with. resources/schemas/ holds them (scripts/outcome-schemas.mjs
// writes them; scripts/outcome-schemas.test.ts fails when they are stale).
import { z } from 'zod';
import { OUTCOME_TYPES } from '../registry';
import { packageSchema, PACKAGE_SCHEMA_HREF, SCHEMA_VERSION } from './schema';

type JsonSchema = Record<string, unknown>;

/** Readers ignore what they do not know (domain.md §8.1): no closed objects in the published schema. */
function permissive(schema: z.ZodType, id: string, title: string): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    override: (ctx) => {
      if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
    },
  }) as JsonSchema;
  const { $schema, ...rest } = json;
  return { $schema, $id: id, title, 'x-schema-version': SCHEMA_VERSION, ...rest };
}

export function outcomeJsonSchemas(): Record<string, JsonSchema> {
  const base = PACKAGE_SCHEMA_HREF.slice(0, PACKAGE_SCHEMA_HREF.lastIndexOf('/') + 1);
  const files: Record<string, JsonSchema> = {
    'package.schema.json': permissive(packageSchema, PACKAGE_SCHEMA_HREF, 'Madang outcome package (living-lab exchange)'),
  };
  for (const type of OUTCOME_TYPES) {
    files[`${type.kind}.schema.json`] = permissive(type.schema, `${base}${type.kind}.schema.json`, `Madang ${type.kind.replace('_', ' ')} record`);
  }
  return files;
}
