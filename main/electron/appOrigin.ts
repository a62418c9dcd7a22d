// The renderer's own origin. Everything trusted in main (navigation, IPC senders, the
// protocol handler, permissions) compares against it through `isAppUrl`, never `startsWith`.
export const APP_SCHEME = 'app';
export const APP_HOST = 'madang';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/`;

/** Parses `raw` with the WHATWG parser; null for anything that is not a URL. */
export function parseUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string') return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * True when `raw` is on exactly `app://madang`: no credentials, no port, no look-alike host.
 * Node keeps the host of a non-special scheme as written, while Chromium lower-cases it for
 * our standard scheme, so the host is compared case-insensitively (APP://MADANG/ is the
 * same page). `URL.origin` cannot be used: Node reports "null" for non-special schemes.
 */
export function isAppUrl(raw: unknown): boolean {
  const url = parseUrl(raw);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
