// What the host's two command lines (cli.ts, syncServerCli.ts) read the same way: a flag's value
// (`--name=value` or `--name value`), a port, the data folder. Each problem is a one-line message.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** The data folder every Madang host and sync server uses unless told otherwise. */
export const DEFAULT_DATA_DIR = join(homedir(), '.madang', 'host');

/** The value of `--name` at argv[i]: given inline, or the next argument (`skip` 1: it was used). */
export function flagValue(argv: readonly string[], i: number, name: string, inline: string | undefined): { ok: true; value: string; skip: 0 | 1 } | { ok: false; error: string } {
  if (inline !== undefined) return { ok: true, value: inline, skip: 0 };
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) return { ok: false, error: `--${name} needs a value` };
  return { ok: true, value: next, skip: 1 };
}

export function parsePort(value: string): Read<number> {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) return { ok: false, error: `--port must be a whole number from 0 to 65535, got "${value}"` };
  return { ok: true, value: port };
}

/** An absolute folder; `~` is the user's home. */
export function parseDataDir(value: string): Read<string> {
  if (value.trim() === '') return { ok: false, error: '--data needs a directory' };
  return { ok: true, value: resolve(value === '~' || value.startsWith('~/') ? join(homedir(), value.slice(1)) : value) };
}
