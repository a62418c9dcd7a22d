// Lets a plain Node script use a TypeScript module of ours (e.g. shared/board/bench.ts): bundled
// in memory by esbuild, then imported from a data: URL. For benchmark scripts, not the app.
import { build } from 'esbuild';

export async function importTs(path) {
  const result = await build({ entryPoints: [new URL(`../../${path}`, import.meta.url).pathname], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].contents).toString('base64')}`);
}
