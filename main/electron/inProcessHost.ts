// Starting the workshop host inside the Electron main process.
import type { Logger } from '../host/log';
import type { createHost, Host, HostOptions } from '../host/server';

export const DEFAULT_HOST_PORT = 4780;

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** Listens on the well-known port; when another program holds it, on any free port. */
export async function startHost(create: typeof createHost, options: Omit<HostOptions, 'port'>, log: Logger, port = DEFAULT_HOST_PORT): Promise<Host> {
  try {
    return await create({ ...options, port });
  } catch (error) {
    if (port === 0 || !isAddressInUse(error)) throw error;
    log.warn('host.portInUse', { port });
    return create({ ...options, port: 0 });
  }
}

/** The origins the renderer may connect to: the host's HTTP API and its signaling WebSocket. */
export function hostOrigins(hostUrl: string): { http: string; ws: string } {
  const url = new URL(hostUrl);
  const http = url.origin;
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http, ws: url.origin };
}
