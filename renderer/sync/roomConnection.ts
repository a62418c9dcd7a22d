// The live link of this window to its workshop room: RoomSync (shared/sync/roomSync.ts) with
// the browser's WebRTC and WebSocket, plus the people present, read from awareness.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { RoomSyncState, WrtcLike } from '../../shared/sync/types';
import { RoomSync, type RoomSyncOptions } from '../../shared/sync/roomSync';
import { SyncServerUrlSchema } from '../../shared/room/syncServer';
import type { HubNotice } from '../../shared/sync/protocol';
import type { SessionRole } from '../../shared/session/session';
import { cleanDisplayName, type Participant } from '../../shared/people/pseudonym';
import { createPresenceChannel, type PresenceChannel } from '../board/presence/presenceChannel';

export type SignalingState = RoomSyncState['signaling'];

export interface PresencePeer {
  clientId: number;
  name: string;
  color: string;
  role: SessionRole;
  self: boolean;
  /** The host's member id of this person (the hub stamps it; absent before it has). */
  memberId?: string | null;
  /** Said "I'm done" with the current step. */
  done?: boolean;
}

/** RoomSync's honest link state plus the people present (this client first). */
export interface ConnectionState extends RoomSyncState {
  people: PresencePeer[];
  /** Peers with an open WebRTC data channel to this client. */
  webrtcPeers: number;
}

export interface RoomConnectionOptions {
  doc: Y.Doc;
  roomId: string;
  joinCode: string;
  hostOrigin: string;
  /** The host's member token for this device in this room. */
  memberToken: string;
  me: Participant & { role: SessionRole };
  /** The room's external sync server (a Hocuspocus ws:// or wss:// origin), from the host's RoomInfo or ticket. */
  syncServer?: string;
  /** A first join: the room's board, fetched while the screen was built (RoomSyncOptions.initialBoard). */
  initialBoard?: Pick<RoomSyncOptions, 'initialBoard' | 'applyInitialBoard'>;
}

/** The window's WebRTC classes, or null where the browser has none (or it is switched off). */
function browserWrtc(): WrtcLike | null {
  if (typeof RTCPeerConnection !== 'function') return null;
  return { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate } as unknown as WrtcLike;
}

/** What RoomConnection needs of its sync client. */
export type RoomLink = Pick<RoomSync, 'awareness' | 'subscribe' | 'getState' | 'webrtcChannels' | 'onNotice' | 'destroy'>;

export class RoomConnection {
  /** Rejects when `syncServer` is not a plain ws:// or wss:// origin: nothing else is ever dialled. */
  static async open(options: RoomConnectionOptions): Promise<RoomConnection> {
    const server = options.syncServer === undefined ? undefined : { kind: 'hocuspocus' as const, url: SyncServerUrlSchema.parse(options.syncServer) };
    const sync = await RoomSync.open({
      doc: options.doc,
      roomId: options.roomId,
      joinCode: options.joinCode,
      hostOrigin: options.hostOrigin,
      memberToken: options.memberToken,
      wrtc: browserWrtc(),
      WebSocket,
      ...(server ? { server } : {}),
      ...options.initialBoard,
    });
    return new RoomConnection(sync, options);
  }

  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Cursor, selection and live drag of this window, and everyone else's (the board overlay). */
  readonly presence: PresenceChannel;
  private readonly listeners = new Set<() => void>();
  private state: ConnectionState;
  private readonly unsubscribe: () => void;

  /** Over any link with RoomSync's surface (RoomSync itself in the app; a fake in tests). */
  constructor(
    private readonly sync: RoomLink,
    options: RoomConnectionOptions,
  ) {
    this.doc = options.doc;
    this.awareness = sync.awareness;
    this.awareness.setLocalStateField('user', { name: options.me.name, color: options.me.color, role: options.me.role });
    this.presence = createPresenceChannel(this.awareness);
    this.state = this.read();
    const update = () => this.refresh();
    const stopSync = sync.subscribe(update);
    this.awareness.on('change', update);
    this.unsubscribe = () => {
      stopSync();
      this.awareness.off('change', update);
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ConnectionState => this.state;

  /** What the hub says to this client: a change of ours it undid, or (facilitators) the room's log. */
  onNotice(listener: (notice: HubNotice) => void): () => void {
    return this.sync.onNotice(listener);
  }

  /** Tells the room this person is done with the current step (or not any more). */
  setDone(done: boolean): void {
    this.awareness.setLocalStateField('done', done);
  }

  destroy(): void {
    this.unsubscribe();
    this.presence.destroy();
    this.sync.destroy();
    this.listeners.clear();
  }

  private read(): ConnectionState {
    const self = this.doc.clientID;
    const people: PresencePeer[] = [];
    const link = this.sync.getState();
    const connected = link.transport === 'webrtc' || link.transport === 'relay' || link.transport === 'server';
    for (const [clientId, state] of this.awareness.getStates()) {
      // Others' presence is only current while connected; this client is always here.
      if (!connected && clientId !== self) continue;
      const user = (state as { user?: Partial<PresencePeer> }).user;
      if (!user || typeof user.name !== 'string') continue;
      people.push({
        clientId,
        // Awareness comes from other peers: never trust its size or shape.
        name: cleanDisplayName(user.name),
        color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#868e96',
        role: user.role === 'facilitator' ? 'facilitator' : 'participant',
        self: clientId === self,
        memberId: typeof user.memberId === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(user.memberId) ? user.memberId : null,
        done: (state as { done?: unknown }).done === true,
      });
    }
    people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    return { ...link, people, webrtcPeers: this.sync.webrtcChannels() };
  }

  private refresh(): void {
    const next = this.read();
    // Awareness changes with every cursor move of everyone in the room; the screen re-renders only
    // when who is here or the link changed. (Measured: with this re-render and the cursor layer's
    // per-frame redraw, each page spent ~10–13 ms of CPU per cursor update, which starved a room of
    // two dozen browsers on one laptop.)
    if (sameConnectionState(this.state, next)) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

const samePeer = (a: PresencePeer, b: PresencePeer): boolean =>
  (Object.keys(a) as Array<keyof PresencePeer>).every((key) => a[key] === b[key]) && Object.keys(a).length === Object.keys(b).length;

/** Whether two states would show the same: every field of the link, and the people in order. */
export function sameConnectionState(a: ConnectionState, b: ConnectionState): boolean {
  const keys = Object.keys(a) as Array<keyof ConnectionState>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    if (key === 'people') return a.people.length === b.people.length && a.people.every((peer, i) => samePeer(peer, b.people[i]!));
    if (key === 'receiving') return a.receiving === b.receiving || (a.receiving?.received === b.receiving?.received && a.receiving?.total === b.receiving?.total);
    return a[key] === b[key];
  });
}
