// `npm run bench [-- <name>… [--flag=value…]]`: builds if needed, runs the named benchmarks of
// scripts/bench/ (all of them without a name) one after another, passing the flags on, and prints
// every figure as a JSON line {bench, metric, value, unit, n, baseline?}. The figures are written
// to bench-results/latest.json (a bench's new run replaces its old one; the others are kept) and
// the README's tables are generated from that file (scripts/bench-tables.mjs; --no-readme skips it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { buildAll, isBuildFresh } from './build.mjs';
import { flatten } from './bench/lib/metrics.mjs';
import { writeBenchTables } from './bench-tables.mjs';

const dir = new URL('./bench/', import.meta.url);
const RESULTS = new URL('../bench-results/latest.json', import.meta.url);
const available = readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort();
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--') && a !== '--no-readme');
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (available: ${available.join(', ')})\n`);
  process.exit(2);
}
const selected = names.length ? names : available;
if (!isBuildFresh()) await buildAll({ quiet: true });

const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { benches: {} };
let failed = 0;
for (const name of selected) {
  process.stderr.write(`bench ${name}…\n`);
  const run = await runBench(name);
  if (run.exitCode !== 0) failed++;
  results.benches[name] = run;
  results.updated = run.finishedAt;
  mkdirSync(new URL('.', RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}
if (!args.includes('--no-readme')) writeBenchTables();
process.exit(failed ? 1 : 0);

/** Runs one bench, echoing its figures as they come; an older bench's one JSON object is flattened. */
async function runBench(name) {
  const startedAt = new Date().toISOString();
  const load = loadavg()[0];
  const child = spawn(process.execPath, [new URL(`${name}.mjs`, dir).pathname, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  const other = [];
  const take = (line) => {
    lines.push(line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  createInterface({ input: child.stdout }).on('line', (text) => {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      other.push(text);
      return;
    }
    if (parsed && typeof parsed === 'object' && 'metric' in parsed) take({ ...parsed, bench: name });
    else if (parsed && typeof parsed === 'object') for (const line of flatten(name, parsed)) take(line);
  });
  const exitCode = await new Promise((resolve) => child.once('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  // A bench that pretty-prints its one JSON object over several lines.
  if (other.length) {
    try {
      for (const line of flatten(name, JSON.parse(other.join('\n')))) take(line);
    } catch {
      process.stderr.write(`bench ${name}: ${other.length} lines of output that are not JSON were ignored\n`);
    }
  }
  if (exitCode !== 0) process.stderr.write(`bench ${name} exited with ${exitCode}\n`);
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    // Flags, and the environment variables some benches read instead, so a subset run says so.
    args: [...Object.entries(process.env).filter(([key]) => /^(BOARD_OPEN|SYNC_BENCH)_/.test(key)).map(([key, value]) => `${key}=${value}`), ...flags],
    exitCode,
    machine: { node: process.version, cpus: cpus().length, loadAverageAtStart: Number(load.toFixed(1)) },
    lines,
  };
}
