import type { AppInfo, MadangBridge } from '../../shared/ipc/contract';
import { remoteBase } from '../../shared/room/api';
import { createHostApi } from './hostApi';
import type { Platform, Result } from './platform';

/** In Electron, main answers through the preload bridge; joining goes to the in-process host. */
export function createElectronPlatform(bridge: MadangBridge, app: AppInfo): Platform {
  const hostOrigin = async (remoteHost?: string): Promise<Result<string>> => {
    const info = await bridge.hostInfo();
    if (!info.ok) return info;
    const own = new URL(info.value.url).origin;
    // Another machine's room goes through our in-process host (main/host/remoteProxy.ts): this
    // page's app:// origin may reach loopback, not a plain-http LAN address.
    return { ok: true, value: remoteHost ? remoteBase(own, remoteHost) : own };
  };
  // The host's loopback-only routes (versions, storage) answer this app's origin too (trusted).
  const ownHost = async () => {
    const origin = await hostOrigin();
    return origin.ok ? { ok: true as const, api: createHostApi(origin.value) } : origin;
  };
  return {
    kind: 'electron',
    automation: app.automation,
    locales: [app.locale],
    hostOrigin,
    hostInfo: () => bridge.hostInfo(),
    openRoom: (request) => bridge.openRoom(request),
    join: async (code, remoteHost, memberToken) => {
      const origin = await hostOrigin(remoteHost);
      return origin.ok ? createHostApi(origin.value).join(code, memberToken) : origin;
    },
    closeRoom: (request) => bridge.closeRoom(request),
    renewJoinCode: async (request) => {
      const result = await bridge.renewJoinCode(request);
      if (!result.ok) return result;
      return result.value ? { ok: true, value: result.value } : { ok: false, error: 'error.notFound' };
    },
    // Same outcome as the host's HTTP API: nobody to remove is error.notFound.
    removeParticipant: async (request) => {
      const result = await bridge.removeParticipant(request);
      return result.ok && !result.value.removed ? { ok: false, error: 'error.notFound' } : result;
    },
    hostVersions: async (request) => {
      const host = await ownHost();
      return host.ok ? host.api.hostVersions(request) : host;
    },
    saveHostVersion: async (request) => {
      const host = await ownHost();
      return host.ok ? host.api.saveHostVersion(request) : host;
    },
    restoreHostVersion: async (request) => {
      const host = await ownHost();
      return host.ok ? host.api.restoreHostVersion(request) : host;
    },
    hostStorage: async () => {
      const host = await ownHost();
      return host.ok ? host.api.hostStorage() : host;
    },
    // The portal is reached through the in-process host, never from the page (CSP, no CORS).
    portalConfig: async () => {
      const host = await ownHost();
      return host.ok ? host.api.portalConfig() : host;
    },
    configurePortal: async (request) => {
      const host = await ownHost();
      return host.ok ? host.api.configurePortal(request) : host;
    },
    submitToPortal: async (request) => {
      const host = await ownHost();
      return host.ok ? host.api.submitToPortal(request) : host;
    },
    canDiscover: true,
    discoverHosts: () => bridge.discoverHosts(),
  };
}
