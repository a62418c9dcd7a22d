// The hub: for every open room, the board at the centre of a star of participants (WebRTC data
// channels through our signaling server, y-websocket relay as the fallback), its presence, and
// its copy on disk. Without a WebRTC implementation (the native module failed to load) the hub
// serves the relay only and signaling lets participants mesh like stock y-webrtc.
import type { Actor } from '../../../shared/board/policy';
import { readSavedBoard, restoreBoardState } from '../../../shared/board';
import type { HostStorageStatus, HostVersion, HostVersionReason } from '../../../shared/room/api';
import type { WrtcLike } from '../../../shared/sync/types';
import type { RoomLogEntry } from '../../../shared/sync/protocol';
import type { Logger } from '../log';
import { isLoopbackAddress } from '../network';
import { BOARD_SCHEMA_VERSION, metaMap } from '../../../shared/board/schema';
import { HUB_ORIGIN } from './authority';
import type { StorageHealth } from '../storageHealth';
import { BoardStore, type StoreFs } from './boardStore';
import { HISTORY_ORIGIN, HostHistory, type HistoryFs, type HistoryLimits } from './history';
import { HubRoom, type HubCounters } from './hubRoom';
import { PeerBudget, WebrtcLinks, type SignalToPeer } from './webrtcLinks';

export type HubStats = HubCounters & { rooms: number; links: number; webrtcAttempts: number };

export type HubOptions = {
  dataDir: string;
  log: Logger;
  /** @roamhq/wrtc in the host, or null when it could not be loaded. */
  wrtc: WrtcLike | null;
  /** Delivers a signaling payload to one participant (main/host/signaling.ts). */
  signalToPeer: (roomId: string, peerId: string, data: Record<string, unknown>) => boolean;
  /** How often the hub compares state vectors with every link (tests shorten it). */
  resyncMs?: number;
  /** Where failed and succeeded writes are reported, for the facilitator's app. */
  health?: StorageHealth;
  /** Test seams: file operations of the board store and the history, the clock, history limits. */
  storeFs?: StoreFs;
  historyFs?: HistoryFs;
  now?: () => number;
  historyLimits?: Partial<HistoryLimits>;
  /** WebRTC handshakes under way at once per room (WEBRTC_LIMITS.maxConnecting). */
  webrtcMaxConnecting?: number;
};

export type RestoreResult =
  | { ok: true; restored: HostVersion; saved: HostVersion | null }
  | { ok: false; error: 'notFound' | 'damaged' | 'newer' };

interface HubEntry {
  room: HubRoom;
  webrtc: WebrtcLinks | null;
  removedMembers: Set<string>;
  /** Where removed members' sockets came from: no new member token is issued there. */
  removedAddresses: Set<string>;
}

export class Hub {
  private readonly rooms = new Map<string, HubEntry>();
  private readonly store: BoardStore;
  private readonly history: HostHistory;
  private readonly counters: HubCounters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 };
  /** Peer connections of all rooms together (webrtcLinks.ts WEBRTC_LIMITS). */
  private readonly peerBudget = new PeerBudget();

  constructor(private readonly options: HubOptions) {
    this.store = new BoardStore(options.dataDir, options.log, { fs: options.storeFs, health: options.health, now: options.now });
    this.history = new HostHistory(options.dataDir, options.log, { fs: options.historyFs, health: options.health, now: options.now, limits: options.historyLimits });
  }

  get webrtc(): boolean {
    return this.options.wrtc !== null;
  }

  /** The hub room of an open room, created (and its stored board loaded) on first use. */
  room(roomId: string): HubRoom {
    return this.entry(roomId).room;
  }

  /** Loads a room's stored board before anyone connects (host start, room opened). */
  /**
   * Loads a room's stored board before anyone connects (host start, room opened). A board with no
   * metadata yet gets it from the hub, so participants, who may not write it, find it there.
   */
  async prepare(roomId: string, board: { boardId: string; title: string }): Promise<void> {
    const entry = this.rooms.get(roomId);
    if (entry) return;
    this.entry(roomId, false);
    const doc = this.room(roomId).doc;
    await this.store.load(roomId, doc);
    const meta = metaMap(doc);
    if (!meta.has('boardId')) {
      doc.transact(() => {
        meta.set('boardId', board.boardId);
        meta.set('title', board.title);
        meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
      }, HUB_ORIGIN);
    }
    await this.history.track(roomId, doc);
  }

  // ---- History on the host (main/host/hub/history.ts) ----

  /**
   * Saves the room's board as a version now (see HostHistory.save for when an automatic reason
   * returns the newest version instead). The permission check calls it with 'before-removal'
   * before applying a participant's change that removes many records; the board is read during
   * the call, so the change may be applied right after it without awaiting the disk.
   */
  snapshot(roomId: string, reason: HostVersionReason): Promise<HostVersion | null> {
    return this.history.save(roomId, reason);
  }

  /** The room's versions on the host, newest first ([] for a room that is not open). */
  versions(roomId: string): HostVersion[] {
    return this.history.list(roomId);
  }

  /**
   * Makes the whole room's board equal to one of its versions, as new changes every client
   * receives; the board it replaces is saved first ('before-restore'), so a restore can be undone.
   * Works whatever the live board's meta says (a participant's schemaVersion 999 included).
   */
  async restore(roomId: string, versionId: string): Promise<RestoreResult> {
    const entry = this.rooms.get(roomId);
    const found = entry ? await this.history.read(roomId, versionId) : null;
    if (!entry || !found || this.rooms.get(roomId) !== entry) return { ok: false, error: 'notFound' };
    const saved = readSavedBoard(found.state);
    if (!saved.ok) return { ok: false, error: saved.reason };
    try {
      // A failed save (a full disk) does not stop the restore: the facilitator needs the board back.
      const before = await this.history.save(roomId, 'before-restore', { restoredFrom: found.version.createdAt });
      if (this.rooms.get(roomId) !== entry) return { ok: false, error: 'notFound' };
      restoreBoardState(entry.room.doc, saved.doc, HISTORY_ORIGIN);
      this.options.log.info('history.restored', { roomId, id: versionId, saved: before?.id ?? null });
      // The facilitator has dealt with the damaged file (an unreadable one stays until readable).
      if (this.options.health?.boardFileState(roomId) === 'damaged') this.options.health.boardFile(roomId, null);
      return { ok: true, restored: found.version, saved: before };
    } finally {
      saved.doc.destroy();
    }
  }

  /** The host's storage as the facilitator's app shows it, for these rooms. */
  storageStatus(roomIds: readonly string[]): HostStorageStatus | null {
    return this.options.health?.status(roomIds, (roomId) => this.history.newest(roomId)) ?? null;
  }

  // ---- end of history ----

  announce(roomId: string, peerId: string, actor: Actor): void {
    this.entry(roomId).webrtc?.announce(peerId, actor);
  }

  signal(roomId: string, fromPeerId: string, to: string, signal: unknown): void {
    this.rooms.get(roomId)?.webrtc?.signal(fromPeerId, to, signal);
  }

  left(roomId: string, peerId: string): void {
    this.rooms.get(roomId)?.webrtc?.left(peerId);
  }

  isRemoved(roomId: string, memberId: string): boolean {
    return this.rooms.get(roomId)?.removedMembers.has(memberId) ?? false;
  }

  /** A removed participant's address: joining again from there needs the facilitator. */
  isAddressRemoved(roomId: string, address: string): boolean {
    return this.rooms.get(roomId)?.removedAddresses.has(address) ?? false;
  }

  /** Keeps a removed participant's addresses out of the room (never the facilitator's own machine). */
  holdAddresses(roomId: string, addresses: readonly string[]): void {
    const entry = this.rooms.get(roomId);
    for (const address of addresses) if (entry && !isLoopbackAddress(address)) entry.removedAddresses.add(address);
  }

  /** The room's log of refused changes, oldest first. */
  roomLog(roomId: string): RoomLogEntry[] {
    return this.rooms.get(roomId)?.room.log.slice() ?? [];
  }

  /**
   * Removes the participant whose presence is `clientId`: its links close, and the member id
   * its sockets presented is refused from now on.
   */
  removeParticipant(roomId: string, clientId: number): { removed: boolean; members: string[] } {
    const entry = this.rooms.get(roomId);
    if (!entry) return { removed: false, members: [] };
    const links = entry.room.linksOfClient(clientId);
    const members = [...new Set(links.map((link) => link.memberId))];
    for (const member of members) {
      entry.removedMembers.add(member);
      entry.webrtc?.closeMember(member);
    }
    for (const link of links) link.close('removed');
    if (links.length > 0) this.options.log.info('hub.participantRemoved', { roomId, clientId, members: members.length });
    return { removed: links.length > 0, members };
  }

  async closeRoom(roomId: string): Promise<void> {
    const entry = this.rooms.get(roomId);
    if (!entry) return;
    this.rooms.delete(roomId);
    entry.webrtc?.destroy();
    entry.room.destroy();
    // The facilitator's own app keeps the board; the host's copy and versions go with the room.
    await this.store.remove(roomId);
    await this.history.untrack(roomId, true);
    this.options.health?.forgetRoom(roomId);
  }

  stats(): HubStats {
    let links = 0;
    let webrtcAttempts = 0;
    for (const entry of this.rooms.values()) {
      links += entry.room.linkCount;
      webrtcAttempts += entry.webrtc?.size ?? 0;
    }
    return { ...this.counters, rooms: this.rooms.size, links, webrtcAttempts };
  }

  async close(): Promise<void> {
    await this.store.flush();
    await this.history.flush();
    this.history.close();
    for (const entry of this.rooms.values()) {
      entry.webrtc?.destroy();
      entry.room.destroy();
    }
    this.rooms.clear();
  }

  /** A participant is about to remove many records: what the board was is kept (host history). */
  private beforeMassRemoval(roomId: string): void {
    this.options.log.info('hub.massRemoval', { roomId });
    // Reads the board now, before the change is applied; the disk write finishes on its own.
    void this.history.save(roomId, 'before-removal');
  }

  private entry(roomId: string, load = true): HubEntry {
    let entry = this.rooms.get(roomId);
    if (entry) return entry;
    const room = new HubRoom(roomId, this.options.log, this.counters, this.options.resyncMs, () => this.beforeMassRemoval(roomId));
    const signalToPeer: SignalToPeer = (peerId, data) => this.options.signalToPeer(roomId, peerId, data);
    entry = { room, webrtc: this.options.wrtc ? new WebrtcLinks(room, this.options.wrtc, signalToPeer, this.options.log, this.peerBudget, undefined, this.options.webrtcMaxConnecting) : null, removedMembers: new Set(), removedAddresses: new Set() };
    this.rooms.set(roomId, entry);
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== 'store') this.store.schedule(roomId, room.doc);
    });
    // A room reached before prepare() (should not happen: rooms are prepared when opened) still
    // gets its stored board; the CRDT merges it with whatever arrived first.
    if (load) void this.store.load(roomId, room.doc).then(() => this.history.track(roomId, room.doc));
    return entry;
  }
}
