import { describe, expect, it } from 'vitest';
import { benchTables, type BenchRun } from './bench-tables.mjs';

const run = (lines: BenchRun['lines'], exitCode = 0): BenchRun => ({
  startedAt: '2026-12-05T17:00:00.000Z',
  finishedAt: '2026-12-05T17:01:00.000Z',
  args: ['--seconds=60'],
  exitCode,
  machine: { node: 'v20.20.2', cpus: 2, loadAverageAtStart: 7.5 },
  lines,
});

describe('the README benchmark tables', () => {
  it('are one table per bench, in name order, every figure a row with its unit and n', () => {
    const markdown = benchTables({
      benches: {
        soak: run([{ bench: 'soak', metric: 'lost edits', value: 0, unit: 'count', n: 1234 }]),
        'hub-ceiling': run([{ bench: 'hub-ceiling', metric: 'N=25: propagation p95', value: 1640.5, unit: 'ms', n: 200, baseline: 12_345 }], 1),
      },
    });
    expect(markdown.indexOf('#### `hub-ceiling`')).toBeLessThan(markdown.indexOf('#### `soak`'));
    expect(markdown).toContain('| `lost edits` | 0 | count | 1,234 |');
    // A baseline column only where a bench has one; large figures without decimals.
    expect(markdown).toContain('| `N=25: propagation p95` | 1,641 | ms | 200 | 12,345 |');
    expect(markdown).toContain('`--seconds=60`; Node v20.20.2, 2 cores, load average 7.5 at start — **exited with 1**');
  });
});
