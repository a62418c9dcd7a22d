import { RemoteHostSchema } from '../../shared/room/api';
// Three places a person can be. The join code arrives as `?join=CODE` (the QR code's URL);
// everything else lives in the hash so the host only ever serves one page.
/** `host`: another machine's host (`<IPv4>:<port>`, found on the LAN), reached through ours. */
export type Route = { name: 'home' } | { name: 'join'; code: string; host?: string } | { name: 'board'; sessionId: string };

export function routeFromLocation(location: Pick<Location, 'search' | 'hash'>): Route {
  const params = new URLSearchParams(location.search);
  const join = params.get('join');
  const host = RemoteHostSchema.safeParse(params.get('host'));
  if (join !== null) return host.success ? { name: 'join', code: join, host: host.data } : { name: 'join', code: join };
  const match = /^#\/session\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  if (match?.[1]) return { name: 'board', sessionId: match[1] };
  return { name: 'home' };
}

/** The URL for a route, keeping only the flags that must survive navigation (automation). */
export function urlForRoute(route: Route, current: Pick<Location, 'pathname' | 'search'>): string {
  const params = new URLSearchParams(current.search);
  params.delete('join');
  params.delete('host');
  if (route.name === 'join') params.set('join', route.code);
  if (route.name === 'join' && route.host) params.set('host', route.host);
  const query = params.toString() ? `?${params.toString()}` : '';
  const hash = route.name === 'board' ? `#/session/${route.sessionId}` : '';
  return `${current.pathname}${query}${hash}`;
}
