// What each IPC method does: a thin mapping onto the in-process host and app facts.
import type { AppInfo } from '../../shared/ipc/contract';
import type { Host } from '../host/server';
import type { IpcHandlers } from './ipc';

export type IpcDependencies = {
  appInfo: () => AppInfo;
  host: Pick<Host, 'info' | 'openRoom' | 'closeRoom' | 'removeParticipant'>;
};

export function createIpcHandlers({ appInfo, host }: IpcDependencies): IpcHandlers {
  return {
    appInfo: async () => appInfo(),
    hostInfo: async () => host.info(),
    openRoom: (request) => host.openRoom(request),
    closeRoom: async ({ roomId }) => ({ closed: await host.closeRoom(roomId) }),
    removeParticipant: async ({ roomId, clientId }) => ({ removed: await host.removeParticipant(roomId, clientId) }),
  };
}
