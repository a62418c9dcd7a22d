// Finds the Electron executable WITHOUT triggering its download. `require('electron')` (and
// Playwright's `_electron.launch()` without an executablePath) runs node_modules/electron's
// installer when the binary is missing, which hangs or fails on an offline machine.
// Used by e2e/electron (through electronBinary.ts) and scripts/start.mjs.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the executable sits inside an Electron dist folder, when path.txt is missing. */
const EXECUTABLE_IN_DIST = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

function electronPackageDir() {
  try {
    // Resolving package.json only locates the package; it runs none of its code.
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * The absolute path of an existing Electron executable, or null.
 * 1. ELECTRON_OVERRIDE_DIST_PATH (as the electron package itself honours it), else
 * 2. node_modules/electron/dist/<path.txt>, written by the package's installer.
 * @param {{ env?: Record<string, string | undefined>, platform?: string, electronDir?: string | null }} [options] test seams
 * @returns {string | null}
 */
export function findElectronBinary({ env = process.env, platform = process.platform, electronDir = electronPackageDir() } = {}) {
  const pathFile = electronDir ? join(electronDir, 'path.txt') : null;
  const inDist = pathFile && existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, inDist || EXECUTABLE_IN_DIST[platform] || 'electron')
    : electronDir && inDist
      ? join(electronDir, 'dist', inDist)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
