import { createHostApi } from './hostApi';
import type { Platform } from './platform';

/** In a browser the page itself was served by the workshop host: its origin is the host. */
export function createWebPlatform(location: Location, navigator: Navigator): Platform {
  const api = createHostApi(location.origin);
  return {
    kind: 'web',
    automation: new URLSearchParams(location.search).get('automation') === '1',
    locales: navigator.languages?.length ? navigator.languages : [navigator.language],
    hostOrigin: async () => ({ ok: true, value: location.origin }),
    hostInfo: api.hostInfo,
    openRoom: api.openRoom,
    join: (code, _remoteHost, memberToken) => api.join(code, memberToken),
    closeRoom: api.closeRoom,
    renewJoinCode: api.renewJoinCode,
    removeParticipant: api.removeParticipant,
    hostVersions: api.hostVersions,
    saveHostVersion: api.saveHostVersion,
    restoreHostVersion: api.restoreHostVersion,
    hostStorage: api.hostStorage,
    portalConfig: api.portalConfig,
    configurePortal: api.configurePortal,
    submitToPortal: api.submitToPortal,
    // A page cannot send UDP: no discovery in a browser (the home screen hides it).
    canDiscover: false,
    discoverHosts: async () => ({ ok: true, value: [] }),
  };
}
