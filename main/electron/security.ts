// Global security guards for every webContents the app ever creates.
// Items 4, 5, 13, 14, 15 of the Electron security checklist (docs/security.md).
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAppUrl, parseUrl } from './appOrigin';
import type { Logger } from '../host/log';

export { isAppUrl };

/** The URL to hand to the OS browser, or null. Only plain http(s), never with credentials. */
export function externalUrlToOpen(raw: unknown): string | null {
  const url = parseUrl(raw);
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  // `https://example.com@evil` reads as example.com but goes to the host "evil".
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}

/**
 * Permissions our own page may use; everything else, and everything from any other origin,
 * is denied. Local-network access is the app's whole purpose (the renderer talks to the
 * in-process host and LAN peers) and Chromium is starting to gate it behind a permission.
 * Sanitized clipboard writes let the facilitator copy a join link.
 */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['local-network-access', 'local-network', 'loopback-network', 'clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return APP_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/** Applies the per-webContents guards; exported for tests. */
export function guardWebContents(contents: WebContents, log: Logger): void {
  const blockForeignNavigation = (event: { url: string; preventDefault(): void }, kind: string): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('security.blocked', { kind, url: event.url });
  };
  contents.on('will-navigate', (event) => blockForeignNavigation(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => blockForeignNavigation(event, 'frame navigation'));
  contents.on('will-redirect', (event) => blockForeignNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('security.blocked', { kind: 'webview' });
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external !== null) {
      shell.openExternal(external).catch((error: unknown) => log.error('security.openExternalFailed', { url: external, error }));
    } else {
      log.warn('security.blocked', { kind: 'window.open', url });
    }
    return { action: 'deny' };
  });
}

/** Deny-by-default permission handlers for a session; exported for tests. */
export function guardSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
}

/**
 * DO NOT CHANGE without reading the Electron security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security and docs/security.md).
 * Call once, when the app is ready and before any window exists.
 */
export function installSecurityGuards(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log));
  guardSession(session.defaultSession);
}
