// The preload exposes one narrow, typed object and nothing else (checklist #20): no
// ipcRenderer, no generic invoke. Channel names come from shared/ipc/channels so no schema
// code lands in this sandboxed bundle; main validates every call anyway.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import type { MadangBridge } from '../../shared/ipc/contract';

const bridge = {
  appInfo: () => ipcRenderer.invoke(IPC_CHANNELS.appInfo),
  hostInfo: () => ipcRenderer.invoke(IPC_CHANNELS.hostInfo),
  openRoom: (request) => ipcRenderer.invoke(IPC_CHANNELS.openRoom, request),
  closeRoom: (request) => ipcRenderer.invoke(IPC_CHANNELS.closeRoom, request),
  renewJoinCode: (request) => ipcRenderer.invoke(IPC_CHANNELS.renewJoinCode, request),
  removeParticipant: (request) => ipcRenderer.invoke(IPC_CHANNELS.removeParticipant, request),
  discoverHosts: () => ipcRenderer.invoke(IPC_CHANNELS.discoverHosts),
  identitiesAvailable: () => ipcRenderer.invoke(IPC_CHANNELS.identitiesAvailable),
  identitiesList: (request) => ipcRenderer.invoke(IPC_CHANNELS.identitiesList, request),
  identitiesSave: (request) => ipcRenderer.invoke(IPC_CHANNELS.identitiesSave, request),
} satisfies MadangBridge;

contextBridge.exposeInMainWorld('madangBridge', bridge);
