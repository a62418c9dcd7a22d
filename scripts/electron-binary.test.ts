import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary.mjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madang-electron-bin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function touch(path: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  return path;
}

describe('findElectronBinary', () => {
  it('is null when the package was installed without its binary (no path.txt)', () => {
    expect(findElectronBinary({ env: {}, electronDir: dir })).toBeNull();
  });

  it('is null when the electron package is absent', () => {
    expect(findElectronBinary({ env: {}, electronDir: null })).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary({ env: {}, electronDir: dir })).toBeNull();
  });

  it('finds dist/<path.txt>', () => {
    writeFileSync(join(dir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron\n');
    const binary = touch(join(dir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'));
    expect(findElectronBinary({ env: {}, electronDir: dir })).toBe(binary);
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, with the platform default name when path.txt is missing', () => {
    const override = join(dir, 'override');
    const linux = touch(join(override, 'electron'));
    const windows = touch(join(override, 'electron.exe'));
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'linux', electronDir: dir })).toBe(linux);
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: override }, platform: 'win32', electronDir: null })).toBe(windows);
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'nowhere') }, platform: 'linux', electronDir: dir })).toBeNull();
  });

  it('answers for this machine without downloading anything', () => {
    const found = findElectronBinary();
    expect(found === null || typeof found === 'string').toBe(true);
  });
});
