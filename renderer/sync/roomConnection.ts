// The live link of one client to its workshop room: the board's Yjs document synced over
// y-webrtc, with our host as the only signaling server and no ICE servers (closed LAN,
// DESIGN.md §4), and presence through awareness.
import type * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { roomTopic, signalingUrl } from '../../shared/room/api';
import type { SessionRole } from '../../shared/session/session';
import { cleanDisplayName, type Participant } from '../../shared/people/pseudonym';

export type SignalingState = 'connecting' | 'connected' | 'offline';

export interface PresencePeer {
  clientId: number;
  name: string;
  color: string;
  role: SessionRole;
  self: boolean;
}

export interface ConnectionState {
  signaling: SignalingState;
  /** Everyone present in the room, this client first. */
  people: PresencePeer[];
  /** Peers with an open WebRTC data channel to this client. */
  webrtcPeers: number;
}

export interface RoomConnectionOptions {
  doc: Y.Doc;
  roomId: string;
  joinCode: string;
  hostOrigin: string;
  me: Participant & { role: SessionRole };
}

interface SignalingSocket {
  connected: boolean;
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  off(event: 'connect' | 'disconnect', listener: () => void): void;
}

// y-webrtc allows one provider per room name per page and tears a room down asynchronously;
// a new connection to the same room waits for the old one to be gone.
const closing = new Map<string, Promise<void>>();

export class RoomConnection {
  static async open(options: RoomConnectionOptions): Promise<RoomConnection> {
    await closing.get(roomTopic(options.roomId));
    return new RoomConnection(options);
  }

  readonly doc: Y.Doc;
  private readonly provider: WebrtcProvider;
  private readonly listeners = new Set<() => void>();
  private state: ConnectionState;
  private readonly cleanups: Array<() => void> = [];

  private constructor(options: RoomConnectionOptions) {
    this.doc = options.doc;
    this.provider = new WebrtcProvider(roomTopic(options.roomId), this.doc, {
      signaling: [signalingUrl(options.hostOrigin, options.joinCode)],
      // No y-webrtc password: it needs crypto.subtle, which browsers withhold from plain
      // http://<LAN address> pages. The host admits only sockets that present the join code to
      // the room's topic, and data channels are DTLS-encrypted, so outsiders can neither read
      // nor write the room.
      peerOpts: { config: { iceServers: [] } },
    });
    this.provider.awareness.setLocalStateField('user', { name: options.me.name, color: options.me.color, role: options.me.role });
    this.state = { signaling: 'connecting', people: [], webrtcPeers: 0 };

    const update = () => this.refresh();
    this.provider.awareness.on('change', update);
    this.provider.on('peers', update);
    this.cleanups.push(() => this.provider.awareness.off('change', update), () => this.provider.off('peers', update));
    for (const socket of this.provider.signalingConns as unknown as SignalingSocket[]) {
      socket.on('connect', update);
      socket.on('disconnect', update);
      this.cleanups.push(() => socket.off('connect', update), () => socket.off('disconnect', update));
    }
    this.refresh();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ConnectionState => this.state;

  destroy(): void {
    for (const cleanup of this.cleanups) cleanup();
    const topic = this.provider.roomName;
    // destroy() alone leaves y-webrtc's signaling socket open and reconnecting.
    this.provider.disconnect();
    this.provider.destroy();
    this.listeners.clear();
    // Registered after destroy(), so it settles after y-webrtc has removed the room.
    const closed = Promise.resolve(this.provider.key).then(() => undefined);
    closing.set(topic, closed);
    void closed.then(() => {
      if (closing.get(topic) === closed) closing.delete(topic);
    });
  }

  private refresh(): void {
    const sockets = this.provider.signalingConns as unknown as SignalingSocket[];
    const signaling: SignalingState = sockets.some((s) => s.connected) ? 'connected' : this.state.signaling === 'connecting' ? 'connecting' : 'offline';
    const self = this.doc.clientID;
    const people: PresencePeer[] = [];
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      const user = (state as { user?: Partial<PresencePeer> }).user;
      if (!user || typeof user.name !== 'string') continue;
      people.push({
        clientId,
        // Awareness comes from other peers: never trust its size or shape.
        name: cleanDisplayName(user.name),
        color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#868e96',
        role: user.role === 'facilitator' ? 'facilitator' : 'participant',
        self: clientId === self,
      });
    }
    people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
    const webrtcPeers = this.provider.room?.webrtcConns.size ?? 0;
    this.state = { signaling, people, webrtcPeers };
    for (const listener of this.listeners) listener();
  }
}
