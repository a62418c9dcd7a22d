// The one IPC contract between renderer and main. Each method has a channel, a request
// schema and a response schema; main validates requests at run time (main/electron/ipc.ts),
// the preload exposes exactly these methods (main/preload), the renderer calls them typed.
import { z } from 'zod';
import {
  CloseRoomResponseSchema,
  HostInfoSchema,
  OpenRoomRequestSchema,
  RemoveParticipantRequestSchema,
  RemoveParticipantResponseSchema,
  RoomInfoSchema,
  type ApiErrorCode,
} from '../room/api';
import { DiscoveredHostsSchema } from '../room/discovery';
import { identitySchema } from '../outcomes/participants';
import { IPC_CHANNELS, type IpcMethod } from './channels';

export { IPC_CHANNELS, type IpcMethod };

export const AppInfoSchema = z.object({
  version: z.string(),
  /** OS locale, e.g. "ko-KR"; the renderer picks Korean or English from it. */
  locale: z.string(),
  /** True when started with --automation: the renderer exposes window.madang. */
  automation: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

const roomId = z.string().min(1).max(64);
export const CloseRoomRequestSchema = z.object({ roomId });
export const RenewJoinCodeRequestSchema = z.object({ roomId });
/** The HTTP body of removing a person, plus the room (in the URL over HTTP). */
export const RemoveParticipantIpcRequestSchema = RemoveParticipantRequestSchema.extend({ roomId });

/** A session id names a file in main: letters, digits, '-' and '_' only. */
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const IdentitiesListRequestSchema = z.object({ sessionId }).strict();
export const IdentitiesSaveRequestSchema = z.object({ sessionId, identity: identitySchema }).strict();

export const ipcContract = {
  appInfo: { channel: IPC_CHANNELS.appInfo, request: z.undefined(), response: AppInfoSchema },
  hostInfo: { channel: IPC_CHANNELS.hostInfo, request: z.undefined(), response: HostInfoSchema },
  openRoom: { channel: IPC_CHANNELS.openRoom, request: OpenRoomRequestSchema, response: RoomInfoSchema },
  closeRoom: { channel: IPC_CHANNELS.closeRoom, request: CloseRoomRequestSchema, response: CloseRoomResponseSchema },
  // The room with its new code; null when it is not open (HTTP: 404 error.notFound).
  renewJoinCode: { channel: IPC_CHANNELS.renewJoinCode, request: RenewJoinCodeRequestSchema, response: RoomInfoSchema.nullable() },
  // `removed: false` (no such room or person) is what HTTP answers with 404 error.notFound.
  removeParticipant: { channel: IPC_CHANNELS.removeParticipant, request: RemoveParticipantIpcRequestSchema, response: RemoveParticipantResponseSchema },
  // Workshop hosts answering on the LAN (never codes); this app's own host left out.
  discoverHosts: { channel: IPC_CHANNELS.discoverHosts, request: z.undefined(), response: DiscoveredHostsSchema },
  // Real names and contacts, sealed with the OS key store (safeStorage) in main; false/[] without one.
  identitiesAvailable: { channel: IPC_CHANNELS.identitiesAvailable, request: z.undefined(), response: z.boolean() },
  identitiesList: { channel: IPC_CHANNELS.identitiesList, request: IdentitiesListRequestSchema, response: z.array(identitySchema).max(10_000) },
  identitiesSave: { channel: IPC_CHANNELS.identitiesSave, request: IdentitiesSaveRequestSchema, response: z.boolean() },
} as const satisfies Record<IpcMethod, { channel: string; request: z.ZodType; response: z.ZodType }>;

export type IpcContract = typeof ipcContract;
export type IpcRequest<M extends IpcMethod> = z.infer<IpcContract[M]['request']>;
export type IpcResponse<M extends IpcMethod> = z.infer<IpcContract[M]['response']>;

/** Errors cross IPC as values, never as thrown exceptions; `error` is an i18n key. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorCode };

/** The object the preload exposes as `window.madangBridge`. */
export type MadangBridge = {
  [M in IpcMethod]: IpcRequest<M> extends undefined
    ? () => Promise<IpcResult<IpcResponse<M>>>
    : (request: IpcRequest<M>) => Promise<IpcResult<IpcResponse<M>>>;
};
