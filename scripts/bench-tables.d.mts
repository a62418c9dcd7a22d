// Types for bench-tables.mjs (the TypeScript config does not check .mjs files).
export interface BenchLine {
  bench: string;
  metric: string;
  value: number | null;
  unit: string;
  n: number | null;
  baseline?: number | null;
}
export interface BenchRun {
  startedAt: string;
  finishedAt: string;
  args: string[];
  exitCode: number;
  machine: { node: string; cpus: number; loadAverageAtStart: number };
  lines: BenchLine[];
}
export function benchTables(results: { benches: Record<string, BenchRun> }): string;
export function writeBenchTables(): boolean;
