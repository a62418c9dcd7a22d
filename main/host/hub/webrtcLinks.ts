// The WebRTC side of one room's hub: a data channel to each participant, set up through our
// signaling server. Only the hub ever offers, so a pair never glares (both sides offering at
// once is what leaves stock y-webrtc pairs broken when a room joins at the same instant); a
// pair that does not connect in time is dropped and offered again on the participant's next
// announce. Every attempt has its own peer id, so a retry never lands in a stale connection.
import { randomBytes } from 'node:crypto';
import SimplePeer from 'simple-peer';
import { chunkingWrtc } from '../../../shared/sync/chunkedChannel';
import type { Actor } from '../../../shared/board/policy';
import type { WrtcLike } from '../../../shared/sync/types';
import type { Logger } from '../log';
import type { HubLink, HubRoom } from './hubRoom';

/** Sends a signaling payload to one participant's socket; false when it is gone. */
export type SignalToPeer = (peerId: string, data: Record<string, unknown>) => boolean;

/** An attempt still connecting after this long is dropped (ICE on a LAN takes ~100 ms). */
export const CONNECT_TIMEOUT_MS = 8_000;
/** A repeated announce within this time of an attempt does not start another. */
const REANNOUNCE_GRACE_MS = 2_000;

/**
 * Peer connections at once, connected or still connecting: each is a native RTCPeerConnection
 * with its own threads and sockets. A room holds its 120 signaling sockets and some retries; a
 * participant turned away falls back to the relay.
 */
export const WEBRTC_LIMITS = { maxPeersPerRoom: 130, maxPeers: 512, maxConnecting: 4 } as const;

/** The hub's peer connections across all its rooms, against WEBRTC_LIMITS.maxPeers. */
export class PeerBudget {
  used = 0;
  constructor(readonly max: number = WEBRTC_LIMITS.maxPeers) {}
}

// maxConnecting: handshakes (ICE and DTLS on the host's cores) under way at once in a room. When a
// whole room joins at one instant on a small laptop, starting every handshake together starves
// them all past CONNECT_TIMEOUT_MS, and each retry adds to the load; in turns, each is quick. A
// participant waiting for its turn syncs through the relay meanwhile and moves to its channel later.

/** A refused offer is logged at most this often per room. */
const LIMIT_LOG_EVERY_MS = 10_000;

interface Attempt {
  id: string;
  peerId: string;
  actor: Actor;
  peer: SimplePeer;
  link: HubLink;
  startedAt: number;
  connected: boolean;
  timer: ReturnType<typeof setTimeout>;
}

export class WebrtcLinks {
  private readonly hubId = `hub-${randomBytes(6).toString('hex')}`;
  private readonly byId = new Map<string, Attempt>();
  private readonly byPeer = new Map<string, Attempt>();
  /** Participants waiting for a handshake slot, in the order they announced. */
  private readonly waiting = new Map<string, Actor>();
  private connecting = 0;
  private serial = 0;
  private readonly wrtc: WrtcLike;
  private limitLoggedAt = -Infinity;

  constructor(
    private readonly room: HubRoom,
    wrtc: WrtcLike,
    private readonly signalToPeer: SignalToPeer,
    private readonly log: Logger,
    private readonly budget: PeerBudget = new PeerBudget(),
    private readonly maxPeers: number = WEBRTC_LIMITS.maxPeersPerRoom,
    private readonly maxConnecting: number = WEBRTC_LIMITS.maxConnecting,
  ) {
    this.wrtc = chunkingWrtc(wrtc, { onRejected: (reason) => this.log.warn('hub.chunkRejected', { roomId: room.roomId, reason }) });
  }

  get size(): number {
    return this.byPeer.size;
  }

  /** Participants waiting for their turn to be offered a channel. */
  get queued(): number {
    return this.waiting.size;
  }

  /** A participant is here (joined, or lost its channel to us): offer it a channel. */
  announce(peerId: string, actor: Actor): void {
    const existing = this.byPeer.get(peerId);
    if (existing && !existing.connected && Date.now() - existing.startedAt < REANNOUNCE_GRACE_MS) return;
    if (existing) this.drop(existing, 'participant announced again');
    if (this.byId.size >= this.maxPeers || this.budget.used >= this.budget.max) {
      const now = Date.now();
      if (now - this.limitLoggedAt >= LIMIT_LOG_EVERY_MS) {
        this.limitLoggedAt = now;
        this.log.warn('hub.peerLimit', { roomId: this.room.roomId, room: this.byId.size, hub: this.budget.used });
      }
      return;
    }
    if (this.connecting >= this.maxConnecting) {
      // Its re-announces while it waits keep its place.
      if (!this.waiting.has(peerId)) this.waiting.set(peerId, actor);
      return;
    }
    this.offer(peerId, actor);
  }

  /** Offers the next waiting participants a channel while handshake slots are free. */
  private next(): void {
    for (const [peerId, actor] of this.waiting) {
      if (this.connecting >= this.maxConnecting) return;
      this.waiting.delete(peerId);
      if (this.byId.size >= this.maxPeers || this.budget.used >= this.budget.max) continue;
      this.offer(peerId, actor);
    }
  }

  /** A signal (answer or ICE candidate) from a participant to one of our attempts. */
  signal(fromPeerId: string, to: string, signal: unknown): void {
    const attempt = this.byId.get(to);
    // Offers from participants are ignored: the hub always offers.
    if (!attempt || attempt.peerId !== fromPeerId || isOffer(signal)) return;
    try {
      attempt.peer.signal(signal);
    } catch (error) {
      this.log.warn('hub.badSignal', { roomId: this.room.roomId, peerId: fromPeerId, error: (error as Error).message });
      this.drop(attempt, 'bad signal');
    }
  }

  /** The participant's signaling socket closed: its channel may live on; an attempt may not. */
  left(peerId: string): void {
    this.waiting.delete(peerId);
    const attempt = this.byPeer.get(peerId);
    if (attempt && !attempt.connected) this.drop(attempt, 'participant left');
  }

  closeMember(memberId: string): void {
    for (const [peerId, actor] of [...this.waiting]) if (actor.memberId === memberId) this.waiting.delete(peerId);
    for (const attempt of [...this.byId.values()]) if (attempt.actor.memberId === memberId) this.drop(attempt, 'removed');
  }

  destroy(): void {
    this.waiting.clear();
    for (const attempt of [...this.byId.values()]) this.drop(attempt, 'room closed');
  }

  private offer(peerId: string, actor: Actor): void {
    const id = `${this.hubId}-${++this.serial}`;
    const peer = new SimplePeer({ initiator: true, wrtc: this.wrtc, config: { iceServers: [] } });
    const attempt: Attempt = {
      id,
      peerId,
      actor,
      peer,
      startedAt: Date.now(),
      connected: false,
      timer: setTimeout(() => this.drop(attempt, 'connect timeout'), CONNECT_TIMEOUT_MS),
      link: {
        id,
        transport: 'webrtc',
        memberId: actor.memberId,
        actor,
        send: (message) => {
          if (!peer.destroyed) peer.send(message);
        },
        close: () => this.drop(attempt, 'closed by hub'),
      },
    };
    attempt.timer.unref?.();
    this.budget.used += 1;
    this.connecting += 1;
    this.byId.set(id, attempt);
    this.byPeer.set(peerId, attempt);

    peer.on('signal', (signal: unknown) => {
      // The token is y-webrtc's glare tie-break; only we offer, so it never decides anything.
      if (!this.signalToPeer(peerId, { type: 'signal', to: peerId, from: id, token: Date.now() + Math.random(), signal })) this.drop(attempt, 'participant gone');
    });
    const opened = () => {
      if (attempt.connected) return;
      attempt.connected = true;
      clearTimeout(attempt.timer);
      this.connecting -= 1;
      this.room.attach(attempt.link);
      this.next();
      this.log.info('hub.peerConnected', { roomId: this.room.roomId, peerId, ms: Date.now() - attempt.startedAt });
    };
    peer.on('connect', opened);
    peer.on('data', (data: Uint8Array) => {
      // The participant's side may open first and speak (SyncStep1, presence) before
      // simple-peer tells us 'connect' here: the channel is open, so the link is.
      opened();
      this.room.receive(attempt.link, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    peer.on('close', () => this.drop(attempt, 'channel closed'));
    peer.on('error', (error: Error & { code?: string }) => {
      this.log.warn('hub.peerError', { roomId: this.room.roomId, peerId, code: error.code, error: error.message });
      this.drop(attempt, 'error');
    });
  }

  private drop(attempt: Attempt, reason: string): void {
    if (this.byId.get(attempt.id) !== attempt) return;
    this.byId.delete(attempt.id);
    this.budget.used -= 1;
    if (!attempt.connected) this.connecting -= 1;
    if (this.byPeer.get(attempt.peerId) === attempt) this.byPeer.delete(attempt.peerId);
    clearTimeout(attempt.timer);
    this.room.detach(attempt.link);
    attempt.peer.destroy();
    if (attempt.connected || reason !== 'closed by hub') this.log.info('hub.peerClosed', { roomId: this.room.roomId, peerId: attempt.peerId, reason });
    this.next();
  }
}

function isOffer(signal: unknown): boolean {
  return typeof signal === 'object' && signal !== null && (signal as { type?: unknown }).type === 'offer';
}
