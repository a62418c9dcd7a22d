// Lets a plain Node script use a TypeScript module of ours (e.g. shared/board/bench.ts): bundled
// in memory by esbuild, then imported from a data: URL. For benchmark scripts, not the app.
import { build } from 'esbuild';
import { MODULE_ALIASES } from './aliases.mjs';

/**
 * Bundles one TS entry (path relative to the repo root) to ESM source text for Node.
 * `external`: packages left as imports (native ones such as @roamhq/wrtc cannot be bundled; a
 * data: URL cannot resolve them, so such a bundle must be written to a file inside the repo);
 * `plugins`: extra esbuild plugins.
 */
export async function bundleTs(path, { external = [], plugins = [] } = {}) {
  const result = await build({ entryPoints: [new URL(`../../${path}`, import.meta.url).pathname], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error', external, plugins, alias: MODULE_ALIASES });
  return result.outputFiles[0].text;
}

export async function importTs(path) {
  return import(`data:text/javascript;base64,${Buffer.from(await bundleTs(path)).toString('base64')}`);
}
