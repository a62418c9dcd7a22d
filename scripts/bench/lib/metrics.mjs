// What every benchmark prints: one JSON line per figure, {bench, metric, value, unit, n, baseline?},
// on stdout (progress goes to stderr). `npm run bench` (scripts/bench.mjs) collects the lines into
// bench-results/latest.json, from which scripts/bench-tables.mjs writes the README's tables.
import { readFileSync } from 'node:fs';

/**
 * Prints one figure. `n` is how many samples (or peers, notes…) it summarises; `baseline` is the
 * same measure for what we compare against (stock y-webrtc, the naive renderer…), same unit.
 */
export function emit(bench, metric, value, unit, n = null, baseline) {
  const line = { bench, metric, value: roundFigure(value), unit, n };
  if (baseline !== undefined) line.baseline = roundFigure(baseline);
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return line;
}

/** Three significant decimals at most: figures, not noise. */
export function roundFigure(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value ?? null;
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(Math.abs(value) >= 10 ? 1 : 3));
}

/** Nearest-rank percentile of numbers (sorted here); null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A process's CPU time (user + system) in ms and resident memory in MB, from /proc; null off Linux. */
export function processUsage(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    const rssMB = (Number(fields[21]) * 4096) / 1024 / 1024;
    return { cpuMs, rssMB };
  } catch {
    return null;
  }
}

/** The unit a key of an older bench's JSON names (…Ms, …Bytes, …MB, fps…); 'count' otherwise. */
function unitOf(path) {
  if (/^(n|count|samples|peers|notes)$/.test(path.at(-1) ?? '')) return 'count';
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    // loadMs, p95ms, MS: a time; items, problems: a word that happens to end in "ms".
    if (/Ms$|^ms$|Ms[A-Z]|[^a-z]ms$|MS$/.test(key)) return 'ms';
    if (/Bytes$|^bytes$/i.test(key)) return 'bytes';
    if (/MB$/i.test(key)) return 'MB';
    if (/(cpu|pct|percent)/i.test(key)) return '%';
    if (/fps$/i.test(key)) return 'fps';
    if (/hz$/i.test(key)) return 'Hz';
  }
  return 'count';
}

const SKIPPED_KEYS = new Set(['machine', 'config', 'warnings', 'browser', 'pageErrors']);

/**
 * The figures of a bench that prints one JSON object (the older benches): every number becomes
 * a line named by its path; an array of numbers becomes its median with n = its length.
 */
export function flatten(bench, object, path = []) {
  const lines = [];
  const walk = (value, at) => {
    if (typeof value === 'number' && Number.isFinite(value)) {
      lines.push({ bench, metric: at.join('.'), value: roundFigure(value), unit: unitOf(at), n: null });
    } else if (Array.isArray(value)) {
      const numbers = value.filter((v) => typeof v === 'number' && Number.isFinite(v));
      if (numbers.length === value.length && numbers.length > 0) {
        lines.push({ bench, metric: `${at.join('.')}.median`, value: roundFigure(percentile(numbers, 50)), unit: unitOf(at), n: numbers.length });
      } else {
        // A list of runs: each named by its size (notes, peers) when it has one, else its index.
        value.forEach((item, i) => {
          const size = ['notes', 'peers', 'n'].find((key) => typeof item?.[key] === 'number');
          walk(item, [...at, size ? `${size}=${item[size]}` : String(i)]);
        });
      }
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (!SKIPPED_KEYS.has(key)) walk(inner, [...at, key]);
    }
  };
  walk(object, path);
  return lines;
}

/** `--name=value` from argv, else the fallback. */
export function option(name, fallback, parse = String) {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  return flag ? parse(flag.slice(name.length + 3)) : fallback;
}
