// The published schemas are generated from the code; this fails when someone changes a zod schema
// and forgets `node scripts/outcome-schemas.mjs`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomeSchemaFiles } from './outcome-schemas.mjs';

describe('resources/schemas and resources/portal-openapi.json', () => {
  it('are what the zod schemas generate (run `node scripts/outcome-schemas.mjs` if not)', async () => {
    const files = await outcomeSchemaFiles();
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['resources/schemas/package.schema.json', 'resources/portal-openapi.json']));
    for (const [path, text] of Object.entries(files)) {
      expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'), path).toBe(text);
    }
  });

  it('describe the package with its version, its required envelope and open objects', async () => {
    const schema = JSON.parse((await outcomeSchemaFiles())['resources/schemas/package.schema.json'] as string);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(expect.arrayContaining(['schema_version', 'profile', 'problem_statements', 'ideas', 'rnd_demands']));
    expect(schema.properties.profile.enum).toEqual(['public', 'official', 'archive']);
    expect(JSON.stringify(schema)).not.toContain('"additionalProperties":false');
  });
});
