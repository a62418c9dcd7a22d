import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPaths, parseFlags } from './startup';

describe('parseFlags', () => {
  it('defaults to no automation and the OS user-data folder', () => {
    expect(parseFlags(['out/main/index.cjs'], {})).toEqual({ automation: false, userDataDir: undefined, syncServer: { ok: true, server: undefined } });
  });

  it('reads --automation and --user-data-dir=<dir>', () => {
    expect(parseFlags(['out/main/index.cjs', '--automation', '--user-data-dir=/tmp/madang-a'], {})).toMatchObject({ automation: true, userDataDir: '/tmp/madang-a' });
  });

  it('prefers the flag over MADANG_USER_DATA_DIR, and uses the env var otherwise', () => {
    expect(parseFlags(['--user-data-dir=/tmp/flag'], { MADANG_USER_DATA_DIR: '/tmp/env' }).userDataDir).toBe('/tmp/flag');
    expect(parseFlags([], { MADANG_USER_DATA_DIR: '/tmp/env' }).userDataDir).toBe('/tmp/env');
  });

  it('makes relative folders absolute, as app.setPath requires', () => {
    expect(parseFlags(['--user-data-dir=data/run1'], {}).userDataDir).toBe(resolve('data/run1'));
  });

  it('ignores empty values and look-alike flags', () => {
    expect(parseFlags(['--user-data-dir='], { MADANG_USER_DATA_DIR: '' }).userDataDir).toBeUndefined();
    expect(parseFlags(['--automation=0', '--automationx', '--user-data-dir', '/tmp/x'], {})).toMatchObject({ automation: false, userDataDir: undefined });
  });
});

describe('MADANG_SYNC_SERVER', () => {
  it('gives the app\'s host the external sync server, as one origin', () => {
    expect(parseFlags([], { MADANG_SYNC_SERVER: 'wss://sync.example.kr:4790/' }).syncServer).toEqual({ ok: true, server: { kind: 'hocuspocus', url: 'wss://sync.example.kr:4790' } });
  });

  it('refuses anything but a plain ws:// or wss:// origin, so the app does not start on it', () => {
    for (const value of ['http://sync:4790', 'ws://user:pw@sync:4790', 'ws://sync:4790/other', 'ws://sync:4790?x=1']) {
      expect(parseFlags([], { MADANG_SYNC_SERVER: value }).syncServer.ok).toBe(false);
    }
  });
});

describe('appPaths', () => {
  it('finds the renderer and preload bundles beside the main bundle', () => {
    expect(appPaths('/app/out/main')).toEqual({ rendererDir: join('/app/out', 'renderer'), preloadPath: join('/app/out', 'preload', 'index.cjs') });
  });
});
