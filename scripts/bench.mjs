// `npm run bench`: builds if needed, runs every scripts/bench/*.mjs in turn (each prints one JSON
// object) and prints them together as one JSON object keyed by bench name. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { buildAll, isBuildFresh } from './build.mjs';

const only = process.argv.slice(2);
if (!isBuildFresh()) await buildAll({ quiet: true });

const dir = new URL('./bench/', import.meta.url);
const names = readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).filter((n) => !only.length || only.includes(n));
const results = { machine: { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() } };
for (const name of names) {
  process.stderr.write(`bench ${name}…\n`);
  const run = spawnSync(process.execPath, [new URL(`${name}.mjs`, dir).pathname], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 });
  try {
    results[name] = JSON.parse(run.stdout);
  } catch {
    results[name] = { error: `exit ${run.status}${run.signal ? ` (${run.signal})` : ''}`, output: run.stdout.slice(-500) };
  }
}
console.log(JSON.stringify(results, null, 2));
