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
  return {
    kind: 'electron',
    automation: app.automation,
    locales: [app.locale],
    hostOrigin,
    hostInfo: () => bridge.hostInfo(),
    openRoom: (request) => bridge.openRoom(request),
    join: async (code, remoteHost) => {
      const origin = await hostOrigin(remoteHost);
      return origin.ok ? createHostApi(origin.value).join(code) : origin;
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
    canDiscover: true,
    discoverHosts: () => bridge.discoverHosts(),
  };
}
