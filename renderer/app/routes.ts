// Three places a person can be. The join code arrives as `?join=CODE` (the QR code's URL);
// everything else lives in the hash so the host only ever serves one page.
export type Route = { name: 'home' } | { name: 'join'; code: string } | { name: 'board'; sessionId: string };

export function routeFromLocation(location: Pick<Location, 'search' | 'hash'>): Route {
  const join = new URLSearchParams(location.search).get('join');
  if (join !== null) return { name: 'join', code: join };
  const match = /^#\/session\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
  if (match?.[1]) return { name: 'board', sessionId: match[1] };
  return { name: 'home' };
}

/** The URL for a route, keeping only the flags that must survive navigation (automation). */
export function urlForRoute(route: Route, current: Pick<Location, 'pathname' | 'search'>): string {
  const params = new URLSearchParams(current.search);
  params.delete('join');
  if (route.name === 'join') params.set('join', route.code);
  const query = params.toString() ? `?${params.toString()}` : '';
  const hash = route.name === 'board' ? `#/session/${route.sessionId}` : '';
  return `${current.pathname}${query}${hash}`;
}
