// What the process was started with, and where the built bundles are. Pure.
import { join, resolve } from 'node:path';

export type StartupFlags = {
  /** --automation: the renderer exposes window.madang for e2e and benchmarks. */
  automation: boolean;
  /** Absolute user-data folder from --user-data-dir=<dir> or MADANG_USER_DATA_DIR. */
  userDataDir: string | undefined;
};

const USER_DATA_FLAG = '--user-data-dir=';

export function parseFlags(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): StartupFlags {
  const fromFlag = argv.filter((arg) => arg.startsWith(USER_DATA_FLAG)).at(-1)?.slice(USER_DATA_FLAG.length);
  const dir = fromFlag || env.MADANG_USER_DATA_DIR;
  return { automation: argv.includes('--automation'), userDataDir: dir ? resolve(dir) : undefined };
}

export type AppPaths = { rendererDir: string; preloadPath: string };

/** `mainDir` is the folder of the bundled main (out/main); its siblings hold the other bundles. */
export function appPaths(mainDir: string): AppPaths {
  const outDir = resolve(mainDir, '..');
  return { rendererDir: join(outDir, 'renderer'), preloadPath: join(outDir, 'preload', 'index.cjs') };
}
