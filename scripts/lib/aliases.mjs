// Modules of libraries that our bundles replace with our own (Vite for the renderer, Vitest for
// the tests, esbuild for the benchmark peers), so that what is measured and tested is what ships.
import { fileURLToPath } from 'node:url';

export const MODULE_ALIASES = {
  // Why: shared/sync/noCrossTabChannel.ts.
  'lib0/broadcastchannel': fileURLToPath(new URL('../../shared/sync/noCrossTabChannel.ts', import.meta.url)),
};
