// What the process was started with, and where the built bundles are. Pure.
import { join, resolve } from 'node:path';
import { parseSyncServer, type SyncServerConfig } from '../../shared/room/syncServer';

export type StartupFlags = {
  /** --automation: the renderer exposes window.madang for e2e and benchmarks. */
  automation: boolean;
  /** Absolute user-data folder from --user-data-dir=<dir> or MADANG_USER_DATA_DIR. */
  userDataDir: string | undefined;
  /** MADANG_SYNC_SERVER: the app's rooms sync through this Hocuspocus server; an error when the value is not one. */
  syncServer: { ok: true; server: SyncServerConfig | undefined } | { ok: false; error: string };
};

const USER_DATA_FLAG = '--user-data-dir=';

export function parseFlags(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): StartupFlags {
  const fromFlag = argv.filter((arg) => arg.startsWith(USER_DATA_FLAG)).at(-1)?.slice(USER_DATA_FLAG.length);
  const dir = fromFlag || env.MADANG_USER_DATA_DIR;
  const syncServer = env.MADANG_SYNC_SERVER ? parseSyncServer(env.MADANG_SYNC_SERVER) : ({ ok: true, server: undefined } as const);
  return { automation: argv.includes('--automation'), userDataDir: dir ? resolve(dir) : undefined, syncServer };
}

export type AppPaths = { rendererDir: string; preloadPath: string };

/** `mainDir` is the folder of the bundled main (out/main); its siblings hold the other bundles. */
export function appPaths(mainDir: string): AppPaths {
  const outDir = resolve(mainDir, '..');
  return { rendererDir: join(outDir, 'renderer'), preloadPath: join(outDir, 'preload', 'index.cjs') };
}
