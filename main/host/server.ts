// The workshop host: one HTTP server on one port for the participant web app (static), the
// JSON API, the signaling WebSocket, the y-websocket relay, and the hub that holds each open
// room's board at the centre of the star. Plain Node: used by Electron main and by the CLI.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { joinUrlFor, RELAY_PATH, SIGNALING_PATH, type HostInfo, type OpenRoomRequest, type RoomInfo } from '../../shared/room/api';
import { createApiHandler, isApiPath } from './api';
import { rawRefusal, requestPathname, sendJson, setSecurityHeaders } from './http';
import { FailureLimiter, JOIN_FAILURE_LIMITS } from './limiter';
import { createLogger, type Logger } from './log';
import { hostOrigins, isWildcardAddress, lanAddresses, urlHost, type InterfaceSource } from './network';
import { qrSvg } from './qr';
import { RoomRegistry, type RoomRecord } from './rooms';
import { createSignaling, type SignalingLimits } from './signaling';
import { Hub, type HubStats } from './hub';
import { createRelay, type RelayLimits } from './hub/relay';
import { createRemoteProxy } from './remoteProxy';
import type { WrtcLike } from '../../shared/sync/types';
import type { SyncServerConfig } from '../../shared/room/syncServer';
import { CLOSE_CODES } from '../../shared/signaling/protocol';
import { createStaticHandler } from './static';
import { MemberTokens } from './members';
import { startDiscoveryResponder } from './discovery';
import { StorageHealth } from './storageHealth';
import type { StoreFs } from './hub/boardStore';
import { Workshop } from './workshop/workshop';
import { PortalForwarder, type SecretBox } from './portal/forwarder';

export type HostOptions = {
  port: number;
  /** Address to listen on; default '0.0.0.0' (every IPv4 interface). */
  bind?: string;
  dataDir: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  version: string;
  /** Opened (or restored, same code) at start. */
  defaultRoom?: { sessionId: string; title: string };
  log?: Logger;
  /** Page origins besides the host's own that may call the API: the Electron app (app://madang). */
  trustedOrigins?: readonly string[];
  /** WebRTC for the hub (@roamhq/wrtc); null: relay only, participants mesh over signaling. */
  wrtc?: WrtcLike | null;
  /** Test seam: which addresses the remote-room proxy may reach (default: private IPv4 only). */
  remoteTargets?: (address: string) => boolean;
  /** Test seam: how often the hub compares state vectors with each participant. */
  hubResyncMs?: number;
  /** Test seams: network interfaces, clock of the rate limits, signaling limits. */
  interfaces?: InterfaceSource;
  now?: () => number;
  signalingLimits?: Partial<SignalingLimits>;
  /** WebRTC handshakes the hub runs at once per room (tests of the announce limits lift it). */
  webrtcMaxConnecting?: number;
  /** Test seam: the board store's file operations (fault injection). */
  boardFs?: StoreFs;
  relayLimits?: Partial<RelayLimits>;
  /** Seals the portal token at rest (Electron's safeStorage); without one it is kept in memory only. */
  secrets?: SecretBox | null;
  /** Answer LAN discovery (main/host/discovery.ts) on this UDP port under this name; default off. */
  discovery?: { port: number; name: string } | false;
  /**
   * Every room syncs through this external server instead of the hub (shared/room/syncServer.ts):
   * its URL goes to everyone in the room's RoomInfo and JoinTicket, and into the page's CSP.
   */
  syncServer?: SyncServerConfig;
  /** Told after each open (again, for the same session) and close, e.g. for the CLI to print the room. */
  onRoomOpened?: (room: RoomInfo) => void;
  onRoomClosed?: (roomId: string) => void;
};

export type Host = {
  /** Loopback URL (http://127.0.0.1:<port>), or the bind address when bound to one LAN IP. */
  url: string;
  port: number;
  info(): HostInfo;
  openRoom(request: OpenRoomRequest): Promise<RoomInfo>;
  closeRoom(roomId: string): Promise<boolean>;
  /** A new join code for the room: the old one admits nobody new, and nobody is disconnected. */
  renewJoinCode(roomId: string): Promise<RoomInfo | undefined>;
  /** Removes the participant whose presence id is `clientId`; false when nobody has it. */
  removeParticipant(roomId: string, clientId: number): Promise<boolean>;
  hubStats(): HubStats;
  defaultRoom(): RoomInfo | undefined;
  close(): Promise<void>;
};

/** The origin of the Electron renderer (main/electron/appOrigin.ts), allowed by default. */
export const DEFAULT_TRUSTED_ORIGINS = ['app://madang'] as const;

export async function createHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? createLogger();
  const bind = options.bind ?? '0.0.0.0';
  const now = options.now ?? Date.now;
  const interfaces = options.interfaces;
  const health = new StorageHealth(options.dataDir, now);
  const rooms = await RoomRegistry.load({ dataDir: options.dataDir, log, onWrite: (error) => health.wrote('rooms', error) });
  await health.probe();
  const members = await MemberTokens.load(options.dataDir);
  const defaultSession = options.defaultRoom?.sessionId;
  if (options.defaultRoom) await rooms.open(options.defaultRoom);

  // Both are set from the real socket address once listening ('localhost' may become ::1).
  let port = options.port;
  let address = bind;
  // Read on every call: the facilitator may join the Wi-Fi after starting the host.
  const origins = () => hostOrigins(address, port, isWildcardAddress(address) ? lanAddresses(interfaces?.()) : []);
  const origin = () => origins().own;
  const addresses = () => origins().addresses;
  const joinOrigin = () => origins().join;
  const info = (): HostInfo => ({ url: origin(), addresses: addresses(), version: options.version });

  const serverField = options.syncServer ? { server: options.syncServer } : {};
  const qrCache = new Map<string, string>();
  const roomInfo = (room: RoomRecord): RoomInfo => {
    const joinUrl = joinUrlFor(joinOrigin(), room.joinCode);
    let svg = qrCache.get(joinUrl);
    if (svg === undefined) {
      svg = qrSvg(joinUrl);
      qrCache.set(joinUrl, svg);
    }
    const { roomId, sessionId, title, joinCode } = room;
    return { roomId, sessionId, title, joinCode, joinUrl, addresses: addresses(), qrSvg: svg, memberToken: members.issueFacilitator(roomId), ...serverField };
  };

  // The hub and signaling need each other: the hub signals participants through signaling,
  // and signaling routes participants' announces and signals to the hub.
  const hub: Hub = new Hub({ dataDir: options.dataDir, log, wrtc: options.wrtc ?? null, resyncMs: options.hubResyncMs, health, storeFs: options.boardFs, webrtcMaxConnecting: options.webrtcMaxConnecting, signalToPeer: (roomId, peerId, data) => signaling.toPeer(roomId, peerId, data) });
  // One count of wrong join codes per address for the API, signaling and the relay, so a guesser
  // gets the same few tries in all, whichever door it knocks on.
  const joinFailures = new FailureLimiter(JOIN_FAILURE_LIMITS, now);
  // A renewed code still lets in the members it admitted before (by the member id their token names).
  const authorise = (code: string, memberId: string | null) => rooms.findByCode(code, memberId);
  const admitted = (roomId: string, memberId: string) => rooms.admit(roomId, memberId);
  const member = (roomId: string, token: string | null) => members.verify(roomId, token);
  const signaling = createSignaling({ authorise, admitted, member, joinFailures, log, now, limits: options.signalingLimits, star: hub.webrtc ? hub : undefined });
  const relay = createRelay({ authorise, admitted, member, isRemoved: (roomId, memberId) => hub.isRemoved(roomId, memberId), room: (roomId) => hub.room(roomId), joinFailures, log, limits: options.relayLimits });
  // One board per session: the board id is the session id (renderer/screens/BoardScreen.tsx).
  const boardOf = (room: RoomRecord) => ({ boardId: room.sessionId, title: room.title });
  // Ballots and private notes: at the host only until the facilitator reveals them.
  const workshop = new Workshop({ dataDir: options.dataDir, log, docOf: (roomId) => hub.room(roomId).doc });
  const prepareRoom = async (room: RoomRecord) => {
    await hub.prepare(room.roomId, boardOf(room));
    await workshop.prepare(room.roomId);
  };
  for (const room of rooms.list()) await prepareRoom(room);
  if (!hub.webrtc) log.warn('hub.noWebrtc', { effect: 'relay only; participants mesh over signaling' });

  const openRoom = async (request: OpenRoomRequest) => {
    const room = await rooms.open(request);
    await prepareRoom(room);
    // A room opened on a read-only or full folder must say it will not survive a restart.
    await health.probe();
    const info = roomInfo(room);
    options.onRoomOpened?.(info);
    return info;
  };
  const closeRoom = async (roomId: string) => {
    const closed = await rooms.close(roomId);
    signaling.closeRoom(roomId);
    relay.closeRoom(roomId, CLOSE_CODES.unauthorised, 'room closed');
    await workshop.closeRoom(roomId);
    await hub.closeRoom(roomId);
    if (closed) {
      log.info('room.closed', { roomId });
      options.onRoomClosed?.(roomId);
    }
    return closed;
  };
  const renewJoinCode = async (roomId: string) => {
    const room = await rooms.renewCode(roomId);
    if (room) log.info('room.codeRenewed', { roomId });
    return room && roomInfo(room);
  };
  const removeParticipant = async (roomId: string, clientId: number) => {
    if (!rooms.get(roomId)) return false;
    const removal = hub.removeParticipant(roomId, clientId);
    for (const memberId of removal.members) {
      // Where they are is kept too: a new member token from there would let them straight back.
      hub.holdAddresses(roomId, [...signaling.remotesOf(roomId, memberId), ...relay.remotesOf(roomId, memberId)]);
      signaling.closeMember(roomId, memberId);
      relay.closeMember(roomId, memberId);
    }
    return removal.removed;
  };

  /** Who a member token of an open room names, unless that member was removed. */
  const memberOf = (roomId: string, token: string | undefined) => {
    const actor = rooms.get(roomId) ? members.verify(roomId, token) : null;
    return actor && !hub.isRemoved(roomId, actor.memberId) ? actor : null;
  };
  const portal = await PortalForwarder.load({ dataDir: options.dataDir, secrets: options.secrets ?? null, log });
  const api = createApiHandler({
    version: options.version,
    info,
    openRoom,
    closeRoom,
    renewJoinCode,
    removeParticipant,
    hubStats: () => hub.stats(),
    history: {
      list: (roomId) => (rooms.get(roomId) ? hub.versions(roomId) : null),
      save: (roomId) => (rooms.get(roomId) ? hub.snapshot(roomId, 'manual') : Promise.resolve(null)),
      restore: (roomId, versionId) => (rooms.get(roomId) ? hub.restore(roomId, versionId) : Promise.resolve({ ok: false, error: 'notFound' })),
    },
    storage: async () => {
      // A problem is looked at again on each ask, so the warning goes once the folder is fixed.
      if (health.dataFolder() !== 'ok') await health.probe();
      return hub.storageStatus(rooms.list().map((room) => room.roomId))!;
    },
    portal,
    findRoomByCode: (code) => {
      const room = rooms.findByCode(code);
      return room && { ...room, ...serverField };
    },
    memberTokenFor: (roomId, previous, address) => {
      const known = previous === undefined ? null : members.verify(roomId, previous);
      if (known && known.role === 'participant' && !hub.isRemoved(roomId, known.memberId)) return previous as string;
      if (known && hub.isRemoved(roomId, known.memberId)) return null;
      if (hub.isAddressRemoved(roomId, address)) return null;
      return members.issueParticipant(roomId);
    },
    joinFailures,
    log,
    trustedOrigins: options.trustedOrigins ?? DEFAULT_TRUSTED_ORIGINS,
    workshop: { workshop, actorOf: memberOf },
    roomBoard: (roomId, token) => (memberOf(roomId, token) ? hub.room(roomId).board() : null),
  });
  const serveStatic = createStaticHandler({
    rootDir: options.staticDir,
    log,
    // 'self' covers same-origin WebSockets in current browsers; older Safari needs them named.
    connectSources: () => [
      ...[origin(), ...addresses().map((a) => `http://${urlHost(a)}:${port}`)].map((o) => o.replace(/^http:/, 'ws:')),
      ...(options.syncServer ? [options.syncServer.url] : []),
    ],
  });

  const remote = createRemoteProxy({ log, trustedOrigins: options.trustedOrigins ?? DEFAULT_TRUSTED_ORIGINS, allowTarget: options.remoteTargets });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    setSecurityHeaders(res);
    try {
      const pathname = requestPathname(req.url);
      if (remote.isRemotePath(pathname)) void remote.handleRequest(req, res).catch(() => res.destroy());
      else if (isApiPath(pathname)) void api(req, res).catch(() => res.destroy());
      else serveStatic(req, res);
    } catch (error) {
      log.error('http.error', { url: req.url, error });
      if (!res.headersSent) sendJson(res, 500, { error: 'error.internal' });
      else res.destroy();
    }
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.warn('http.upgradeSocketError', { error: error.message }));
    const path = requestPathname(req.url);
    if (path === SIGNALING_PATH) return signaling.handleUpgrade(req, socket, head);
    if (path.startsWith(`${RELAY_PATH}/`)) return relay.handleUpgrade(req, socket, head);
    if (remote.isRemotePath(path)) return remote.handleUpgrade(req, socket, head);
    log.warn('http.upgradeRefused', { code: 404, remote: req.socket.remoteAddress, path });
    socket.end(rawRefusal('404 Not Found'));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, bind, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await signaling.close();
    await relay.close();
    await workshop.close();
    await hub.close();
    await rooms.flush();
    throw error;
  }
  server.on('error', (error) => log.error('http.serverError', { error }));
  ({ port, address } = server.address() as AddressInfo);
  log.info('host.listening', { url: origin(), addresses: addresses() });
  const discovery = options.discovery ? await startDiscoveryResponder({ ...options.discovery, httpPort: () => port, roomCount: () => rooms.list().length, log }) : undefined;

  let closing: Promise<void> | undefined;
  return {
    url: origin(),
    port,
    info,
    openRoom,
    closeRoom,
    renewJoinCode,
    removeParticipant,
    hubStats: () => hub.stats(),
    defaultRoom: () => {
      const room = defaultSession === undefined ? undefined : rooms.findBySession(defaultSession);
      return room && roomInfo(room);
    },
    close: () =>
      (closing ??= (async () => {
        await discovery?.close();
        await signaling.close();
        await relay.close();
        remote.close();
        await workshop.close();
        await hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await rooms.flush();
        log.info('host.closed', {});
      })()),
  };
}
