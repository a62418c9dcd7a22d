// One interface, two implementations (Actual Budget's pattern): the same renderer bundle talks
// to Electron main through the preload bridge, or to the workshop host over HTTP in a browser.
import type {
  ApiErrorCode,
  CloseRoomResponse,
  HostInfo,
  HostStorageStatus,
  HostVersion,
  HostVersionsResponse,
  JoinTicket,
  OpenRoomRequest,
  RemoveParticipantRequest,
  RemoveParticipantResponse,
  RestoreHostVersionResponse,
  RoomInfo,
} from '../../shared/room/api';
import type { DiscoveredHost } from '../../shared/room/discovery';
import type { PortalConfigRequest, PortalConfigView, PortalSubmitResult } from '../../shared/outcomes/portal/hostRoutes';

export type { DiscoveredHost };

export type PlatformError = ApiErrorCode | 'error.network';
export type Result<T> = { ok: true; value: T } | { ok: false; error: PlatformError };

export interface Platform {
  kind: 'electron' | 'web';
  /** Set by `?automation=1` (web) or `--automation` (Electron). */
  automation: boolean;
  /** Preferred languages of the OS or browser, most preferred first. */
  locales: readonly string[];
  /** HTTP origin of the workshop host this client talks to (signaling lives there too). */
  /**
   * Where a room's host is reached: this platform's host, or, given `remoteHost`, another
   * machine's host on the LAN through it (desktop app only; a browser ignores it).
   */
  hostOrigin(remoteHost?: string): Promise<Result<string>>;
  hostInfo(): Promise<Result<HostInfo>>;
  openRoom(request: OpenRoomRequest): Promise<Result<RoomInfo>>;
  /** `memberToken`: the one this device had for the room, kept when the host still accepts it. */
  join(code: string, remoteHost?: string, memberToken?: string): Promise<Result<JoinTicket>>;
  /** Facilitator only: ends the room for everyone; `closed: false` when it was not open. */
  closeRoom(request: { roomId: string }): Promise<Result<CloseRoomResponse>>;
  /** Facilitator only: a new join code; the old one admits nobody new, nobody is disconnected. */
  renewJoinCode(request: { roomId: string }): Promise<Result<RoomInfo>>;
  /** Facilitator only: disconnects one person. Not there (room or person): error.notFound. */
  removeParticipant(request: RemoveParticipantRequest & { roomId: string }): Promise<Result<RemoveParticipantResponse>>;
  /** Facilitator only: the room's versions kept by this machine's host, newest first. */
  hostVersions(request: { roomId: string }): Promise<Result<HostVersionsResponse>>;
  /** Facilitator only: the host saves the room's board as a version now. */
  saveHostVersion(request: { roomId: string }): Promise<Result<{ version: HostVersion }>>;
  /** Facilitator only: the whole room's board becomes that version (every client shows it). */
  restoreHostVersion(request: { roomId: string; versionId: string }): Promise<Result<RestoreHostVersionResponse>>;
  /** Facilitator only: whether this machine's host can read and write its data folder, per room. */
  hostStorage(): Promise<Result<HostStorageStatus>>;
  /** Facilitator only: the portal this machine's host submits to (never its token). */
  portalConfig(): Promise<Result<PortalConfigView>>;
  /** Facilitator only: sets the portal's endpoint and token on this machine's host. */
  configurePortal(request: PortalConfigRequest): Promise<Result<PortalConfigView>>;
  /** Facilitator only: this machine's host sends a package to the configured portal (error portal.notConfigured without one). */
  submitToPortal(request: { idempotencyKey: string; body: string }): Promise<Result<PortalSubmitResult>>;
  /** Whether this client can look for workshop hosts on the LAN (UDP: Electron only). */
  canDiscover: boolean;
  /** Workshop hosts answering on the LAN, this app's own left out; always [] in a browser. */
  discoverHosts(): Promise<Result<DiscoveredHost[]>>;
}
