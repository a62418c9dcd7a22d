import type { AppInfo, MadangBridge } from '../../shared/ipc/contract';
import { createHostApi } from './hostApi';
import type { Platform, Result } from './platform';

/** In Electron, main answers through the preload bridge; joining goes to the in-process host. */
export function createElectronPlatform(bridge: MadangBridge, app: AppInfo): Platform {
  const hostOrigin = async (): Promise<Result<string>> => {
    const info = await bridge.hostInfo();
    return info.ok ? { ok: true, value: new URL(info.value.url).origin } : info;
  };
  return {
    kind: 'electron',
    automation: app.automation,
    locales: [app.locale],
    hostOrigin,
    hostInfo: () => bridge.hostInfo(),
    openRoom: (request) => bridge.openRoom(request),
    join: async (code) => {
      const origin = await hostOrigin();
      return origin.ok ? createHostApi(origin.value).join(code) : origin;
    },
    closeRoom: (request) => bridge.closeRoom(request),
    // Same outcome as the host's HTTP API: nobody to remove is error.notFound.
    removeParticipant: async (request) => {
      const result = await bridge.removeParticipant(request);
      return result.ok && !result.value.removed ? { ok: false, error: 'error.notFound' } : result;
    },
    canDiscover: true,
    discoverHosts: () => bridge.discoverHosts(),
  };
}
