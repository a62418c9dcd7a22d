// The one way to make a window. Any deviation from these
// preferences needs a comment with the reason.
import { BrowserWindow, type WebPreferences } from 'electron';
import type { Logger } from '../host/log';
import { APP_ENTRY_URL } from './appOrigin';

/** Checklist #2, #3, #4, #6–#10. */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  // Chromium's spellchecker downloads dictionaries from Google: there is no internet in the room.
  spellcheck: false,
} as const satisfies WebPreferences;

export function createWindow({ preloadPath, log }: { preloadPath: string; log: Logger }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    title: 'Madang',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => log.error('window.loadFailed', { url: APP_ENTRY_URL, error }));
  return window;
}
