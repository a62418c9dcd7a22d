// What each IPC method does: a thin mapping onto the in-process host and app facts.
import type { AppInfo } from '../../shared/ipc/contract';
import type { DiscoveredHost } from '../../shared/room/discovery';
import { isLoopbackAddress } from '../host/network';
import type { Host } from '../host/server';
import type { IdentityVault } from './identities';
import type { IpcHandlers } from './ipc';

export type IpcDependencies = {
  appInfo: () => AppInfo;
  host: Pick<Host, 'info' | 'openRoom' | 'closeRoom' | 'renewJoinCode' | 'removeParticipant' | 'port'>;
  /** Asks the LAN for workshop hosts (main/host/discoveryQuery.ts). */
  discoverHosts: () => Promise<DiscoveredHost[]>;
  /** The roster's real names and contacts, sealed at rest (main/electron/identities.ts). */
  identities: Pick<IdentityVault, 'available' | 'list' | 'save'>;
};

export function createIpcHandlers({ appInfo, host, discoverHosts, identities }: IpcDependencies): IpcHandlers {
  // One search at a time: repeated clicks share it instead of broadcasting again.
  let searching: Promise<DiscoveredHost[]> | undefined;
  const isOwnHost = (found: DiscoveredHost) =>
    found.port === host.port && (isLoopbackAddress(found.address) || host.info().addresses.includes(found.address));
  return {
    appInfo: async () => appInfo(),
    hostInfo: async () => host.info(),
    openRoom: (request) => host.openRoom(request),
    closeRoom: async ({ roomId }) => ({ closed: await host.closeRoom(roomId) }),
    renewJoinCode: async ({ roomId }) => (await host.renewJoinCode(roomId)) ?? null,
    removeParticipant: async ({ roomId, clientId }) => ({ removed: await host.removeParticipant(roomId, clientId) }),
    identitiesAvailable: async () => identities.available(),
    identitiesList: ({ sessionId }) => identities.list(sessionId),
    identitiesSave: ({ sessionId, identity }) => identities.save(sessionId, identity),
    discoverHosts: async () => {
      searching ??= discoverHosts().finally(() => (searching = undefined));
      return (await searching).filter((found) => !isOwnHost(found));
    },
  };
}
