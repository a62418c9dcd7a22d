import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../host/log';

const electron = vi.hoisted(() => {
  const instances: FakeWindow[] = [];
  const state: { loadError?: Error } = {};
  class FakeWindow {
    handlers = new Map<string, () => void>();
    show = vi.fn();
    loadURL = vi.fn(async (_url: string) => {
      if (state.loadError) throw state.loadError;
    });
    constructor(public options: Record<string, unknown>) {
      instances.push(this);
    }
    once(event: string, handler: () => void) {
      this.handlers.set(event, handler);
    }
  }
  return { instances, state, BrowserWindow: FakeWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

import { createWindow, WEB_PREFERENCES } from './window';

beforeEach(() => {
  electron.instances.splice(0);
  electron.state.loadError = undefined;
});

describe('WEB_PREFERENCES', () => {
  it('keeps the safe defaults of the Electron security checklist', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('createWindow', () => {
  it('creates a hidden window with the preload, shows it when ready, loads app://madang/', () => {
    createWindow({ preloadPath: '/app/out/preload/index.cjs', log: createMemoryLogger() });
    const window = electron.instances[0]!;
    expect(window.options).toMatchObject({ show: false, webPreferences: { ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' } });
    expect(window.loadURL).toHaveBeenCalledWith('app://madang/');
    expect(window.show).not.toHaveBeenCalled();
    window.handlers.get('ready-to-show')!();
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('logs a failed load instead of crashing', async () => {
    const log = createMemoryLogger();
    electron.state.loadError = new Error('ERR_FAILED');
    createWindow({ preloadPath: '/p.cjs', log });
    await vi.waitFor(() => expect(log.entries[0]).toMatchObject({ level: 'error', event: 'window.loadFailed' }));
  });
});
