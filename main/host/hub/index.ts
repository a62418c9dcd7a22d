// The hub: for every open room, the board at the centre of a star of participants (WebRTC data
// channels through our signaling server, y-websocket relay as the fallback), its presence, and
// its copy on disk. Without a WebRTC implementation (the native module failed to load) the hub
// serves the relay only and signaling lets participants mesh like stock y-webrtc.
import type { WrtcLike } from '../../../shared/sync/types';
import type { Logger } from '../log';
import { BoardStore } from './boardStore';
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
};

interface HubEntry {
  room: HubRoom;
  webrtc: WebrtcLinks | null;
  removedMembers: Set<string>;
}

export class Hub {
  private readonly rooms = new Map<string, HubEntry>();
  private readonly store: BoardStore;
  private readonly counters: HubCounters = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0 };
  /** Peer connections of all rooms together (webrtcLinks.ts WEBRTC_LIMITS). */
  private readonly peerBudget = new PeerBudget();

  constructor(private readonly options: HubOptions) {
    this.store = new BoardStore(options.dataDir, options.log);
  }

  get webrtc(): boolean {
    return this.options.wrtc !== null;
  }

  /** The hub room of an open room, created (and its stored board loaded) on first use. */
  room(roomId: string): HubRoom {
    return this.entry(roomId).room;
  }

  /** Loads a room's stored board before anyone connects (host start, room opened). */
  async prepare(roomId: string): Promise<void> {
    const entry = this.rooms.get(roomId);
    if (entry) return;
    this.entry(roomId, false);
    await this.store.load(roomId, this.room(roomId).doc);
  }

  announce(roomId: string, peerId: string, memberId: string | null): void {
    this.entry(roomId).webrtc?.announce(peerId, memberId);
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

  /**
   * Removes the participant whose presence is `clientId`: its links close, and the member id
   * its sockets presented is refused from now on.
   */
  removeParticipant(roomId: string, clientId: number): { removed: boolean; members: string[] } {
    const entry = this.rooms.get(roomId);
    if (!entry) return { removed: false, members: [] };
    const links = entry.room.linksOfClient(clientId);
    const members = [...new Set(links.map((link) => link.memberId).filter((id): id is string => id !== null))];
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
    // The facilitator's own app keeps the board; the host's copy goes with the room.
    await this.store.remove(roomId);
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
    for (const entry of this.rooms.values()) {
      entry.webrtc?.destroy();
      entry.room.destroy();
    }
    this.rooms.clear();
  }

  private entry(roomId: string, load = true): HubEntry {
    let entry = this.rooms.get(roomId);
    if (entry) return entry;
    const room = new HubRoom(roomId, this.options.log, this.counters, this.options.resyncMs);
    const signalToPeer: SignalToPeer = (peerId, data) => this.options.signalToPeer(roomId, peerId, data);
    entry = { room, webrtc: this.options.wrtc ? new WebrtcLinks(room, this.options.wrtc, signalToPeer, this.options.log, this.peerBudget) : null, removedMembers: new Set() };
    this.rooms.set(roomId, entry);
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== 'store') this.store.schedule(roomId, room.doc);
    });
    // A room reached before prepare() (should not happen: rooms are prepared when opened) still
    // gets its stored board; the CRDT merges it with whatever arrived first.
    if (load) void this.store.load(roomId, room.doc);
    return entry;
  }
}
