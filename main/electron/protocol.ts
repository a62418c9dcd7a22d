// app://madang/… serves the built renderer (checklist #18: a custom protocol instead of
// file://), so every response can carry the CSP as a real header.
import { readFile } from 'node:fs/promises';
import { protocol, type CustomScheme } from 'electron';
import { contentTypeFor, resolveStaticFile } from '../host/static';
import type { Logger } from '../host/log';
import { APP_SCHEME, isAppUrl } from './appOrigin';

/** Standard + secure gives app://madang a real origin, a secure context and fetch(). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export type AppResponsePlan = {
  status: 200 | 404 | 405;
  headers: Record<string, string>;
  /** The file to send, only with status 200. */
  filePath?: string;
};

/** Decides the response to one app:// request without touching Electron or the disk's contents. */
export function planAppResponse(request: { method: string; url: string }, rendererDir: string, csp: string): AppResponsePlan {
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-type': 'text/plain; charset=utf-8',
  };
  if (!isAppUrl(request.url)) return { status: 404, headers };
  if (request.method !== 'GET') return { status: 405, headers: { ...headers, allow: 'GET' } };
  const filePath = resolveStaticFile(rendererDir, new URL(request.url).pathname);
  if (filePath === null) return { status: 404, headers };
  return { status: 200, headers: { ...headers, 'content-type': contentTypeFor(filePath) }, filePath };
}

/** Answers one app:// request; exported for tests (runs without Electron). */
export async function serveAppRequest(request: Request, rendererDir: string, csp: string, log: Logger): Promise<Response> {
  const plan = planAppResponse(request, rendererDir, csp);
  if (plan.filePath === undefined) return new Response(null, { status: plan.status, headers: plan.headers });
  try {
    return new Response(await readFile(plan.filePath), { status: 200, headers: plan.headers });
  } catch (error) {
    log.error('protocol.readFailed', { url: request.url, error });
    return new Response(null, { status: 404, headers: { ...plan.headers, 'content-type': 'text/plain; charset=utf-8' } });
  }
}

/** Before `ready`: app:// must be privileged before the first webContents exists. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After `ready`: serve the renderer from `rendererDir` with `csp` on every response. */
export function handleAppProtocol(rendererDir: string, csp: string, log: Logger): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir, csp, log));
}
