// Channel names only, with no schemas, so the sandboxed preload bundle stays tiny.
export const IPC_CHANNELS = {
  appInfo: 'madang:app:info',
  hostInfo: 'madang:host:info',
  openRoom: 'madang:room:open',
  closeRoom: 'madang:room:close',
  renewJoinCode: 'madang:room:renewCode',
  removeParticipant: 'madang:room:removeParticipant',
  discoverHosts: 'madang:hosts:discover',
  identitiesAvailable: 'madang:identities:available',
  identitiesList: 'madang:identities:list',
  identitiesSave: 'madang:identities:save',
} as const;
export type IpcMethod = keyof typeof IPC_CHANNELS;
