// Bench: exporting a finished 5,000-note session (issue 12, "Done when"): the package under a
// profile, its JSON, validation, the CSV bundle, the Korean PDF report (with loading its fonts),
// the ZIP, and importing the ZIP back. Plain Node, no browser; one JSON line per figure.
// Options: --notes=5000 --runs=3 (the median of the runs is reported) --profile=official.
import { emit, option, percentile } from './lib/metrics.mjs';
import { importTs } from '../lib/import-ts.mjs';

const BENCH = 'outcome-export';
const notes = option('notes', 5000, Number);
const runs = option('runs', 3, Number);
const profile = option('profile', 'official');

const { exportOnce } = await importTs('scripts/bench/lib/outcome-export-entry.ts');
const results = [];
for (let i = 0; i < runs; i++) {
  process.stderr.write(`${BENCH}: run ${i + 1}/${runs}\n`);
  results.push(await exportOnce(notes, profile));
}
const median = (key) => percentile(results.map((r) => r[key]), 50);
for (const key of ['exportMs', 'buildMs', 'jsonMs', 'validateMs', 'csvMs', 'fontLoadMs', 'pdfMs', 'zipMs', 'importZipMs']) emit(BENCH, key, median(key), 'ms', runs);
for (const key of ['jsonBytes', 'csvBytes', 'pdfBytes', 'zipBytes']) emit(BENCH, key, median(key), 'bytes', runs);
emit(BENCH, 'notes', notes, 'count');
emit(BENCH, 'notesInPackage', median('notesInPackage'), 'count');
