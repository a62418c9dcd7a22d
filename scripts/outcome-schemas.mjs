// Writes the JSON Schemas of the export package (resources/schemas/) and the portal ingest
// contract (resources/portal-openapi.json) from the zod schemas the app validates with:
// `node scripts/outcome-schemas.mjs`. scripts/outcome-schemas.test.ts fails when they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { importTs } from './lib/import-ts.mjs';

/** File path (relative to the repo root) → text, exactly as committed. */
export async function outcomeSchemaFiles() {
  const { outcomeJsonSchemas } = await importTs('shared/outcomes/package/jsonSchema.ts');
  const { portalOpenApi } = await importTs('shared/outcomes/portal/contract.ts');
  const files = {};
  for (const [name, schema] of Object.entries(outcomeJsonSchemas())) files[`resources/schemas/${name}`] = `${JSON.stringify(schema, null, 2)}\n`;
  files['resources/portal-openapi.json'] = `${JSON.stringify(portalOpenApi(), null, 2)}\n`;
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url);
  mkdirSync(new URL('resources/schemas/', root), { recursive: true });
  for (const [path, text] of Object.entries(await outcomeSchemaFiles())) {
    writeFileSync(new URL(path, root), text);
    process.stdout.write(`${path}\n`);
  }
}
