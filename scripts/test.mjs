// Runs the unit tests (vitest) and the e2e tests (Playwright), then prints one closing line
// that sums both: "N passed, N failed, N skipped". Exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// Not test-results/: Playwright empties that folder when it starts.
const results = '.test-reports';
mkdirSync(results, { recursive: true });
const unitJson = `${results}/unit.json`;
const e2eJson = `${results}/e2e.json`;
rmSync(unitJson, { force: true });
rmSync(e2eJson, { force: true });

function run(command, args) {
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const bin = (name) => `node_modules/.bin/${name}`;
const unitCode = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${unitJson}`]);
const e2eCode = run(bin('playwright'), ['test']);

const totals = { passed: 0, failed: 0, skipped: 0 };
const unit = readJson(unitJson);
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
} else {
  console.error('unit tests produced no report');
  totals.failed += 1;
}
const e2e = readJson(e2eJson);
if (e2e) {
  const s = e2e.stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  // Say plainly which e2e tests did not run and why (e.g. no Electron binary here).
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === 'skipped') {
          const reason = t.annotations?.find((a) => a.type === 'skip')?.description ?? 'skipped';
          console.log(`did not run: ${spec.title} [${t.projectName}] — ${reason}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of e2e.suites ?? []) walk(suite);
} else if (existsSync('e2e')) {
  console.error('e2e tests produced no report');
  totals.failed += 1;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(unitCode !== 0 || e2eCode !== 0 || totals.failed > 0 ? 1 : 0);
