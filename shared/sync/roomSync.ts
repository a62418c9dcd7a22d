// One client's link to its workshop room, the same code in the browser, in Electron's renderer
// and in the benchmark's Node peers. The board's Y.Doc syncs with the host's hub:
// - over a WebRTC data channel (y-webrtc with our signaling server, no ICE servers, messages
//   chunked so a whole board fits through, docs/sync.md);
// - or, when no channel opens within `fallbackMs`, over the host's y-websocket relay;
// - or, when the room points at an external sync server (`server`: Hocuspocus, for rooms beyond
//   one laptop or across sites), over that server only: no WebRTC, no relay, no hub.
// Both directions are compared every `resyncMs` (state vectors), which repairs the one-way
// sync stock y-webrtc can be left in after reconnects (yjs/y-webrtc#24).
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { ROOM_BOARD_ORIGIN } from './roomBoard';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { relayEndpoint, roomTopic, signalingUrl } from '../room/api';
import { CLOSE_CODES } from '../signaling/protocol';
import { chunkingWrtc } from './chunkedChannel';
import { coversStateVector, hasNewContent, MESSAGE, peekMessage, readNotice, readNoticeBody, syncStep1Message, type HubNotice } from './protocol';
import type * as decoding from 'lib0/decoding';
import type { RoomSyncState, SyncProgress, Transport, WebSocketConstructor, WrtcLike } from './types';
import { afterNextPaint } from '../util/afterNextPaint';

export interface RoomSyncOptions {
  doc: Y.Doc;
  /** Shared by both transports; one is made for the doc when absent. */
  awareness?: Awareness;
  roomId: string;
  joinCode: string;
  /** The host's HTTP origin, e.g. http://192.168.0.10:4780. */
  hostOrigin: string;
  /** Who this device is in the room: the host's member token from joining (or opening) the room. */
  memberToken: string;
  /** WebRTC classes: the window's in browsers, @roamhq/wrtc in Node; null = relay only. */
  wrtc: WrtcLike | null;
  /** The WebSocket class for the relay (y-webrtc's signaling uses the global one). */
  WebSocket: WebSocketConstructor;
  timing?: Partial<RoomSyncTiming>;
  /** Counts every message this client sends to the room (benchmarks). */
  onSent?: (bytes: number) => void;
  /** The room syncs through this external server instead of the facilitator's host. */
  server?: SyncServer;
  /**
   * The room's board fetched ahead (roomBoard.ts fetchRoomBoard), applied before the sync starts
   * when the doc is still empty (a first join); waited for at most INITIAL_BOARD_WAIT_MS.
   */
  initialBoard?: Promise<Uint8Array | null>;
  /** How to apply it (the renderer's storage records it later); Y.applyUpdate by default. */
  applyInitialBoard?: (update: Uint8Array, origin: unknown) => void;
}

/**
 * An external Hocuspocus server (`@hocuspocus/server`) the room syncs through: its WebSocket URL.
 * The document is named by the room id and the member token is the provider's token; the server
 * checks it (main/host/syncServer.ts is the extension that does).
 */
export interface SyncServer {
  kind: 'hocuspocus';
  url: string;
}

/** The socket this client syncs over when no data channel does: the host's relay or an external server. */
interface SocketLink {
  /** The transaction origin of what arrives on it. */
  readonly origin: unknown;
  readonly connected: boolean;
  readonly connecting: boolean;
  readonly synced: boolean;
  /** `keepPresence`: others' presence stays in the shared awareness (a data channel carries it now). */
  destroy(keepPresence: boolean): void;
}

export interface RoomSyncTiming {
  /**
   * Joining syncs through the relay at once, in parallel with the data channel's handshake, and
   * leaves the relay once the channel is up and synced: a late joiner's board arrives over one
   * WebSocket instead of after ICE and DTLS, and in a join storm nobody waits for their turn in
   * the hub's handshake queue (measured: a 5,000-note board reached a browser 1.3 s after its
   * board opened when it waited for the channel). False: the relay only after `fallbackMs`.
   */
  relayFirst: boolean;
  /** No data channel for this long (after it was up, or from the start without relayFirst): sync through the relay. */
  fallbackMs: number;
  /** State vectors are compared this often. */
  resyncMs: number;
  /** A data channel still connecting after this long is dropped and asked for again. */
  stuckMs: number;
}

export const ROOM_SYNC_TIMING: RoomSyncTiming = { relayFirst: true, fallbackMs: 3_000, resyncMs: 5_000, stuckMs: 10_000 };

/** The counters a test or benchmark reads to see repair at work. */
export interface RoomSyncCounters {
  /** The hub lacked changes of ours that we then sent (one-way sync found and repaired). */
  repairsSent: number;
  /** A resync brought changes we had missed. */
  repairsReceived: number;
}

// The parts of y-webrtc's internals we steer (src/y-webrtc.js). package.json pins y-webrtc and
// y-websocket exactly; main/host/hub/libraryInternals.test.ts fails if an upgrade changes these.
interface WebrtcConnInternals {
  connected: boolean;
  synced: boolean;
  peer: { send(data: Uint8Array): void; on(event: 'data', listener: (data: Uint8Array) => void): void; destroy(): void };
  destroy(): void;
}
interface RoomInternals {
  peerId: string;
  synced: boolean;
  webrtcConns: Map<string, WebrtcConnInternals>;
  _docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
  _awarenessUpdateHandler: (change: unknown, origin: unknown) => void;
}
interface SignalingConnInternals {
  /** The raw WebSocket while connecting or connected (lib0/websocket). */
  ws: { addEventListener(type: 'close', listener: (event: unknown) => void): void } | null;
  connected: boolean;
  connecting: boolean;
  send(message: unknown): void;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

// y-webrtc allows one provider per room name per JS context and tears a room down
// asynchronously: a new link to the same room waits for the old one to be gone.
const closing = new Map<string, Promise<void>>();

const TICK_MS = 500;
/** Re-announce at most this often while no channel is being set up. */
const ANNOUNCE_EVERY_MS = 3_000;
/** The relay's close codes for a host at its limit. */
const BUSY_CODES: ReadonlySet<number> = new Set([CLOSE_CODES.roomFull, CLOSE_CODES.rateLimited, CLOSE_CODES.serverFull]);
/** Keep the relay this long after a channel is up and synced, so nothing is in flight. */
const RELAY_OVERLAP_MS = 2_000;

/**
 * How long a first join waits for the fetched board before syncing without it: about what the
 * largest board allowed (64 MiB) takes over a slow Wi-Fi, which the relay would take as well.
 */
const INITIAL_BOARD_WAIT_MS = 10_000;

export class RoomSync {
  static async open(options: RoomSyncOptions): Promise<RoomSync> {
    const topic = roomTopic(options.roomId);
    await closing.get(topic);
    const sync = new RoomSync(options);
    await sync.started;
    return sync;
  }

  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly counters: RoomSyncCounters = { repairsSent: 0, repairsReceived: 0 };
  private readonly options: RoomSyncOptions;
  private readonly timing: RoomSyncTiming;
  /** y-webrtc's provider, made once the room's first sync is under way (relayFirst) or at once. */
  private webrtc: WebrtcProvider | null = null;
  private readonly makeWebrtc: (() => WebrtcProvider) | null;
  private relay: SocketLink | null = null;
  private readonly started: Promise<void>;
  private readonly listeners = new Set<() => void>();
  private readonly noticeListeners = new Set<(notice: HubNotice) => void>();
  private readonly cleanups: Array<() => void> = [];
  /** When each channel still connecting was first seen (stuck ones are dropped). */
  private readonly seenConns = new WeakMap<WebrtcConnInternals, number>();
  private readonly watched = new WeakSet<WebrtcConnInternals>();
  private readonly listenedSockets = new WeakSet<object>();
  private readonly startedAt = Date.now();
  private state: RoomSyncState = { transport: 'connecting', signaling: 'connecting', peers: 0, synced: false, pendingLocal: false, receiving: null, ended: null };
  private room: RoomInternals | null = null;
  private webrtcDownSince = Date.now();
  private webrtcSyncedSince: number | null = null;
  private lastAnnounce = 0;
  private everConnected = false;
  /** The hub's state vector from its last SyncStep1: what it is known to have. */
  private hubStateVector = new Map<number, number>();
  private receiving: SyncProgress | null = null;
  private destroyed = false;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private resyncer: ReturnType<typeof setInterval> | null = null;

  private constructor(options: RoomSyncOptions) {
    this.options = options;
    this.doc = options.doc;
    this.timing = { ...ROOM_SYNC_TIMING, ...options.timing };
    this.awareness = options.awareness ?? new Awareness(this.doc);
    const onSent = options.onSent;
    const wrtc = options.wrtc;
    this.makeWebrtc = wrtc && !options.server
      ? () => new WebrtcProvider(roomTopic(options.roomId), this.doc, {
          signaling: [signalingUrl(options.hostOrigin, options.joinCode, options.memberToken)],
          awareness: this.awareness,
          // No y-webrtc password: it needs crypto.subtle, which browsers withhold from plain
          // http://<LAN address> pages. The host admits only sockets that present the join code,
          // and the data channels are DTLS-encrypted.
          peerOpts: {
            config: { iceServers: [] },
            wrtc: chunkingWrtc(wrtc, {
              onProgress: (progress) => this.onProgress(progress),
              ...(onSent ? { onSent } : {}),
            }),
          },
        })
      : null;
    this.started = this.start();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): RoomSyncState => this.state;

  /** What the hub says to this client: a change of ours it refused, or (facilitators) the room's log. */
  onNotice(listener: (notice: HubNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  private notice(notice: HubNotice | null): void {
    if (!notice || this.destroyed) return;
    for (const listener of [...this.noticeListeners]) listener(notice);
  }

  /** Resolves once connected to the hub and synced; rejects after `timeoutMs`. */
  whenSynced(timeoutMs: number): Promise<void> {
    if (this.state.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`not synced within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.subscribe(() => {
        if (!this.state.synced) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  }

  /** Peers with an open data channel to this client (the hub, in a star). */
  webrtcChannels(): number {
    return [...(this.room?.webrtcConns.values() ?? [])].filter((conn) => conn.connected).length;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.resyncer) clearInterval(this.resyncer);
    for (const cleanup of this.cleanups) cleanup();
    this.stopRelay();
    this.listeners.clear();
    this.noticeListeners.clear();
    const provider = this.webrtc;
    if (!provider) return;
    const topic = provider.roomName;
    // destroy() alone leaves y-webrtc's signaling socket open and reconnecting.
    provider.disconnect();
    provider.destroy();
    // Registered after destroy(), so it settles after y-webrtc has removed the room.
    const closed = Promise.resolve(provider.key).then(() => undefined);
    closing.set(topic, closed);
    void closed.then(() => {
      if (closing.get(topic) === closed) closing.delete(topic);
    });
  }

  private async start(): Promise<void> {
    if (this.options.initialBoard && !this.options.server) {
      await this.applyInitialBoard(this.options.initialBoard);
      if (this.destroyed) return;
    }
    const onAwareness = () => this.refresh();
    this.awareness.on('change', onAwareness);
    this.cleanups.push(() => this.awareness.off('change', onAwareness));
    const onUpdate = () => {
      // Connected and synced, a change goes out at once on a reliable channel: the hub has it.
      if (this.state.synced) this.hubStateVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
      else this.refresh();
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.resyncer = setInterval(() => this.resync(), this.timing.resyncMs);
    if (this.options.server) await this.startServer(this.options.server);
    else if (!this.makeWebrtc) this.startRelay();
    else if (this.timing.relayFirst) {
      this.startRelay();
      // The channel's handshake starts once the relay has brought the board (or could not within
      // fallbackMs): the channel then carries what changed since, not the whole board again.
      // After the screen has drawn what arrived: y-webrtc encodes the whole board as it starts
      // (109 ms of main thread on a 5,000-note board), which would otherwise delay that picture.
      void this.firstSyncOrFallback().then(afterNextPaint).then(() => this.startWebrtc());
    } else await this.startWebrtc();
    this.refresh();
  }

  private async applyInitialBoard(pending: Promise<Uint8Array | null>): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), INITIAL_BOARD_WAIT_MS)));
    const board = await Promise.race([pending.catch(() => null), late]);
    clearTimeout(timer);
    // Only into an empty doc: a device with its own copy syncs the difference as always.
    if (!board || this.destroyed || this.doc.store.clients.size > 0) return;
    try {
      (this.options.applyInitialBoard ?? ((update, origin) => Y.applyUpdate(this.doc, update, origin)))(board, ROOM_BOARD_ORIGIN);
    } catch {
      // A damaged answer: the sync brings the board instead.
    }
  }

  /** Resolves when synced, after fallbackMs, or on destroy, whichever comes first. */
  private firstSyncOrFallback(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve();
      };
      const timer = setTimeout(done, this.timing.fallbackMs);
      const stop = this.subscribe(() => {
        if (this.state.synced || this.destroyed) done();
      });
      this.cleanups.push(done);
      if (this.state.synced) done();
    });
  }

  private async startWebrtc(): Promise<void> {
    if (this.destroyed || this.webrtc || !this.makeWebrtc) return;
    const webrtc = (this.webrtc = this.makeWebrtc());
    await webrtc.key;
    if (this.destroyed) return;
    this.room = webrtc.room as unknown as RoomInternals;
    this.webrtcDownSince = Date.now();
    this.forwardOnlyOwnChanges(this.room);
    const onPeers = () => {
      for (const conn of this.room?.webrtcConns.values() ?? []) this.watch(conn);
      this.refresh();
    };
    webrtc.on('peers', onPeers);
    webrtc.on('synced', onPeers);
    this.cleanups.push(() => webrtc.off('peers', onPeers), () => webrtc.off('synced', onPeers));
    for (const socket of this.signalingSockets()) {
      const onConnect = () => {
        this.listenForRefusal(socket);
        onPeers();
      };
      const onDisconnect = () => this.refresh();
      this.listenForRefusal(socket);
      socket.on('connect', onConnect);
      socket.on('disconnect', onDisconnect);
      this.cleanups.push(() => socket.off('connect', onConnect), () => socket.off('disconnect', onDisconnect));
    }
    this.refresh();
  }

  /**
   * In a star every remote change came from the hub, which has already sent it to everyone:
   * y-webrtc would send each one back (and the hub would count N extra messages per edit).
   * Only changes made here, or loaded from this device's storage, go out.
   */
  private forwardOnlyOwnChanges(room: RoomInternals): void {
    const isRemote = (origin: unknown) => origin === room || (this.relay !== null && origin === this.relay.origin);
    const sendUpdate = room._docUpdateHandler;
    const sendAwareness = room._awarenessUpdateHandler;
    this.doc.off('update', sendUpdate);
    this.awareness.off('update', sendAwareness);
    room._docUpdateHandler = (update, origin) => {
      if (!isRemote(origin)) sendUpdate(update, origin);
    };
    room._awarenessUpdateHandler = (change, origin) => {
      // Our own state always goes out: when the hub drops it (a link of ours closed), the
      // awareness protocol answers with a newer clock, and that answer must reach the hub.
      // (y-protocols lists this client under `removed` when it answers a removal with a newer clock.)
      const { added, updated, removed } = change as { added: number[]; updated: number[]; removed: number[] };
      const self = this.doc.clientID;
      if (!isRemote(origin) || added.includes(self) || updated.includes(self) || removed.includes(self)) sendAwareness(change, origin);
    };
    this.doc.on('update', room._docUpdateHandler);
    this.awareness.on('update', room._awarenessUpdateHandler);
  }

  private signalingSockets(): SignalingConnInternals[] {
    return (this.webrtc?.signalingConns ?? []) as unknown as SignalingConnInternals[];
  }

  private tick(): void {
    if (this.destroyed || this.state.ended) return;
    const now = Date.now();
    const room = this.room;
    if (room) {
      let up = false;
      for (const conn of room.webrtcConns.values()) {
        if (conn.connected) {
          up = true;
          this.watch(conn);
          continue;
        }
        const since = this.seenConns.get(conn) ?? now;
        this.seenConns.set(conn, since);
        // Its close makes y-webrtc announce again, and the hub offers a fresh channel.
        if (now - since > this.timing.stuckMs) conn.destroy();
      }
      if (up) {
        if (room.synced) this.webrtcSyncedSince ??= now;
      } else {
        if (this.webrtcSyncedSince !== null || this.state.transport === 'webrtc') this.webrtcDownSince = now;
        this.webrtcSyncedSince = null;
        if (room.webrtcConns.size === 0 && now - this.lastAnnounce > ANNOUNCE_EVERY_MS) this.announce(room);
      }
      if (!up && !this.relay && now - this.webrtcDownSince >= this.timing.fallbackMs) this.startRelay();
      if (this.relay && this.webrtcSyncedSince !== null && now - this.webrtcSyncedSince >= RELAY_OVERLAP_MS) this.stopRelay();
    }
    this.refresh();
  }

  /** Peeks at what the hub sends on a channel: its state vector is how we know what it has. */
  private watch(conn: WebrtcConnInternals): void {
    if (this.watched.has(conn)) return;
    this.watched.add(conn);
    conn.peer.on('data', (data) => this.peek(data));
  }

  private peek(data: Uint8Array): void {
    const message = peekMessage(data);
    if (!message) return;
    if (message.type === 'other') return this.notice(readNotice(data));
    if (message.type === 'syncStep1') {
      // y-webrtc answers it with everything the hub lacks, on the same reliable channel.
      // What the hub has, exactly: until it covers ours, we are not synced (the hub acknowledges
      // a non-empty answer with a fresh state vector, so this does not wait for the next resync).
      const ours = Y.decodeStateVector(Y.encodeStateVector(this.doc));
      if (!coversStateVector(message.stateVector, ours) && this.state.synced) this.counters.repairsSent += 1;
      this.hubStateVector = message.stateVector;
      this.refresh();
    } else if (message.type === 'syncStep2' && this.state.synced && hasNewContent(message.update)) {
      this.counters.repairsReceived += 1;
    }
  }

  private announce(room: RoomInternals): void {
    this.lastAnnounce = Date.now();
    for (const socket of this.signalingSockets()) {
      if (!socket.connected) continue;
      socket.send({ type: 'subscribe', topics: [roomTopic(this.options.roomId)] });
      socket.send({ type: 'publish', topic: roomTopic(this.options.roomId), data: { type: 'announce', from: room.peerId } });
    }
  }

  /** Asks for the hub's missing changes; the hub does the same the other way every few seconds. */
  private resync(): void {
    if (this.destroyed || !this.room) return;
    const message = syncStep1Message(this.doc);
    for (const conn of this.room.webrtcConns.values()) {
      if (!conn.connected) continue;
      try {
        conn.peer.send(message);
      } catch {
        // closing: its close event takes care of it
      }
    }
  }

  private startRelay(): void {
    if (this.relay || this.destroyed) return;
    const { url, params } = relayEndpoint(this.options.hostOrigin, this.options.joinCode, this.options.memberToken);
    const onSent = this.options.onSent;
    const Base = this.options.WebSocket as unknown as new (url: string) => { send(data: Uint8Array): void };
    const WebSocketClass = onSent
      ? class extends Base {
          override send(data: Uint8Array) {
            onSent(data.byteLength);
            super.send(data);
          }
        }
      : Base;
    const relay = new WebsocketProvider(url, this.options.roomId, this.doc, {
      params,
      awareness: this.awareness,
      WebSocketPolyfill: WebSocketClass as unknown as typeof WebSocket,
      resyncInterval: this.timing.resyncMs,
      maxBackoffTime: 2_500,
      // Every change goes through the hub, which decides what is kept: never tab to tab (or, in
      // one Node process, client to client) over a BroadcastChannel behind its back.
      disableBc: true,
    });
    const onChange = () => this.refresh();
    const onClose = (event: { code?: number } | null) => {
      this.onRefused(event?.code);
      // A host at its limit (room, address, or all sockets) is not asked again and again while a
      // data channel may still come: the channel's handshake starts now, and the fallback tries
      // the relay again if no channel comes up.
      if (this.makeWebrtc && BUSY_CODES.has(event?.code ?? 0) && this.relay?.origin === relay) {
        this.webrtcDownSince = Date.now();
        this.stopRelay();
        void this.startWebrtc();
      }
      this.refresh();
    };
    // The hub's notices ride on y-protocols' auth message, which y-websocket would only log.
    relay.messageHandlers[MESSAGE.auth] = (_encoder: unknown, decoder: decoding.Decoder) => this.notice(readNoticeBody(decoder));
    relay.on('status', onChange);
    relay.on('sync', onChange);
    relay.on('connection-close', onClose);
    this.relay = {
      origin: relay,
      get connected() {
        return relay.wsconnected;
      },
      get connecting() {
        return relay.wsconnecting;
      },
      get synced() {
        return relay.synced;
      },
      destroy: (keepPresence) => {
        // A connected y-websocket provider drops everyone else's presence from the awareness it
        // shares with the data channel when it disconnects; they are still here, over WebRTC.
        if (keepPresence) (relay as unknown as { wsconnected: boolean }).wsconnected = false;
        relay.destroy();
      },
    };
    this.refresh();
  }

  /**
   * Syncs through an external Hocuspocus server. Loaded only for such rooms, so the app's bundle
   * does not carry the provider otherwise. The server refusing our token ends the link for good.
   */
  private async startServer(server: SyncServer): Promise<void> {
    const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
    if (this.destroyed) return;
    const onSent = this.options.onSent;
    const socket = new HocuspocusProviderWebsocket({
      url: server.url,
      WebSocketPolyfill: this.options.WebSocket,
      maxDelay: 2_500,
      ...(onSent ? { onOutgoingMessage: ({ message }: { message: { toUint8Array(): Uint8Array } }) => onSent(message.toUint8Array().byteLength) } : {}),
    });
    let connected = false;
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: this.options.roomId,
      document: this.doc,
      awareness: this.awareness,
      token: this.options.memberToken,
      forceSyncInterval: this.timing.resyncMs,
      onStatus: ({ status }) => {
        connected = status === 'connected';
        this.refresh();
      },
      onSynced: () => this.refresh(),
      onUnsyncedChanges: () => this.refresh(),
      onAuthenticationFailed: () => this.onRefused(CLOSE_CODES.unauthorised),
    });
    provider.attach();
    this.relay = {
      origin: provider,
      get connected() {
        return connected && provider.isAuthenticated;
      },
      get connecting() {
        return !connected;
      },
      get synced() {
        return provider.isSynced && !provider.hasUnsyncedChanges;
      },
      destroy: () => {
        provider.destroy();
        socket.destroy();
      },
    };
  }

  private stopRelay(): void {
    const relay = this.relay;
    if (!relay) return;
    this.relay = null;
    relay.destroy(!this.destroyed);
    this.refresh();
  }

  /**
   * The host closes a socket with 4401 when the room is closed (or the code no longer opens
   * it) and with 4403 when the facilitator removed this member. y-webrtc's socket reconnects
   * at once whatever the code, so we read the code on the raw socket and stop for good.
   */
  private listenForRefusal(socket: SignalingConnInternals): void {
    const ws = socket.ws;
    if (!ws || this.listenedSockets.has(ws)) return;
    this.listenedSockets.add(ws);
    ws.addEventListener('close', (event) => this.onRefused((event as { code?: number }).code));
  }

  private onRefused(code: number | undefined): void {
    const ended = code === CLOSE_CODES.unauthorised ? 'closed' : code === CLOSE_CODES.forbiddenTopic ? 'removed' : null;
    if (!ended || this.destroyed || this.state.ended) return;
    this.state = { ...this.state, ended, transport: 'offline', synced: false, peers: 0 };
    this.emit();
    this.destroy();
  }

  private onProgress(progress: SyncProgress): void {
    this.receiving = progress.received >= progress.total ? null : progress;
    this.refresh();
  }

  private refresh(): void {
    if (this.destroyed) return;
    const webrtcUp = this.webrtcChannels() > 0;
    // Progress is of a message on a data channel: with none open, nothing is arriving.
    if (!webrtcUp) this.receiving = null;
    const relayUp = this.relay?.connected === true;
    const signalingUp = this.signalingSockets().some((socket) => socket.connected);
    if (webrtcUp || relayUp) this.everConnected = true;
    const transport: Transport = webrtcUp
      ? 'webrtc'
      : relayUp
        ? this.options.server
          ? 'server'
          : 'relay'
        : (signalingUp || this.relay?.connecting) && !this.everConnected
          ? 'connecting'
          : this.everConnected || Date.now() - this.startedAt > this.timing.fallbackMs * 2
            ? 'offline'
            : 'connecting';
    // Off the hub, others' cursors and names are stale: drop them now rather than after
    // awareness's 30 s timeout; the hub sends everyone's presence again on reconnecting.
    const wasConnected = this.state.transport === 'webrtc' || this.state.transport === 'relay' || this.state.transport === 'server';
    if (wasConnected && !webrtcUp && !relayUp) {
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
      if (others.length > 0) removeAwarenessStates(this.awareness, others, this.room ?? 'offline');
    }
    const ours = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    const hubHasOurs = coversStateVector(this.hubStateVector, ours);
    // Over WebRTC we read the hub's state vector; y-websocket's own flag stands in on the relay.
    const synced = (webrtcUp && this.room?.synced === true && hubHasOurs) || (relayUp && this.relay?.synced === true);
    if (synced) this.hubStateVector = ours;
    const self = this.doc.clientID;
    const peers = webrtcUp || relayUp ? [...this.awareness.getStates().keys()].filter((id) => id !== self).length : 0;
    // Pending: changes here that the hub's last known state does not hold.
    const pendingLocal = !synced && !hubHasOurs;
    const signaling = signalingUp ? 'connected' : this.everConnected || Date.now() - this.startedAt > this.timing.fallbackMs ? 'offline' : 'connecting';
    const next: RoomSyncState = { transport, signaling: this.webrtc ? signaling : relayUp ? 'connected' : signaling, peers, synced, pendingLocal, receiving: this.receiving, ended: this.state.ended };
    if (sameState(next, this.state)) return;
    this.state = next;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function sameState(a: RoomSyncState, b: RoomSyncState): boolean {
  return (
    a.transport === b.transport &&
    a.signaling === b.signaling &&
    a.peers === b.peers &&
    a.synced === b.synced &&
    a.pendingLocal === b.pendingLocal &&
    a.ended === b.ended &&
    a.receiving?.received === b.receiving?.received &&
    a.receiving?.total === b.receiving?.total
  );
}
