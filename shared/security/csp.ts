// One Content-Security-Policy for both ways the renderer is served: Electron's app://
// protocol and the host's HTTP server. No inline or remote script; network only to the
// origins given (the host's HTTP and WebSocket endpoints).
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and Konva set element styles at run time; no remote styles are possible anyway.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * For every host response that is not the app's page (JSON, errors, assets): nothing may load
 * or frame it as a document.
 */
export const NON_DOCUMENT_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
