// Builds the three bundles into out/: renderer (Vite), Electron main + preload (esbuild, CJS
// because a sandboxed preload must be CJS), and the standalone host CLI and sync server (esbuild, ESM).
// `--if-needed` skips the build when out/ is newer than every source file.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const sources = ['main', 'renderer', 'shared', 'resources', 'package.json', 'vite.config.ts'];
const stamp = join(root, 'out/.built');

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), s.mtimeMs);
}

export function isBuildFresh() {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return sources.every((s) => !existsSync(join(root, s)) || newestMtime(join(root, s)) <= built);
}

export async function buildAll({ quiet = false } = {}) {
  const node = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: quiet ? 'error' : 'info', absWorkingDir: root };
  await viteBuild({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
  await esbuild({ ...node, entryPoints: ['main/electron/index.ts'], outfile: 'out/main/index.cjs', format: 'cjs', external: ['electron'] });
  // The preload runs sandboxed: only `electron` may stay external, everything else is inlined.
  await esbuild({ ...node, packages: undefined, entryPoints: ['main/preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] });
  await esbuild({ ...node, entryPoints: ['main/host/cli.ts'], outfile: 'out/host/cli.mjs', format: 'esm' });
  // `npm run sync-server`: the external Hocuspocus server for rooms beyond one host (docs/sync.md).
  await esbuild({ ...node, entryPoints: ['main/host/syncServerCli.ts'], outfile: 'out/host/sync-server.mjs', format: 'esm' });
  const { writeFileSync } = await import('node:fs');
  writeFileSync(stamp, new Date().toISOString());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--if-needed') && isBuildFresh()) process.exit(0);
  await buildAll({ quiet: process.argv.includes('--if-needed') });
}
