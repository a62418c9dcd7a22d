// One room's board at the centre of the star: the host keeps its Y.Doc and awareness, every
// participant connects here only (by WebRTC data channel or, as a fallback, the y-websocket
// relay), and each edit costs one message up and one down per other participant — O(N),
// where stock y-webrtc's mesh re-sends every update on every connection (DESIGN.md §4).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessMessage, MAX_AWARENESS_BYTES, MESSAGE, peekMessage, readSyncMessage, syncStep1Message, updateMessage } from '../../../shared/sync/protocol';
import type { Logger } from '../log';

/** One participant's link to the hub, whatever carries it. */
export interface HubLink {
  readonly id: string;
  readonly transport: 'webrtc' | 'relay';
  /** Who the signaling/relay socket said it is (for removing a participant). */
  readonly memberId: string | null;
  send(message: Uint8Array): void;
  close(reason: string): void;
}

export type HubCounters = { messagesIn: number; messagesOut: number; bytesIn: number; bytesOut: number; rejected: number };

/** A link that sends this many messages the hub cannot read is cut off. */
const MAX_BAD_MESSAGES = 16;
/** Both directions are compared this often, repairing one-way sync after reconnects. */
export const HUB_RESYNC_MS = 5_000;

export class HubRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly counters: HubCounters;
  private readonly links = new Map<HubLink, { clients: Set<number>; bad: number }>();
  /**
   * What each link is still to be sent. Edits and presence changes are collected and sent once
   * per turn of the event loop: a send into a data channel is a blocking call across threads in
   * @roamhq/wrtc, so under load the hub sends fewer, merged messages instead of falling behind.
   */
  private readonly outbox = new Map<HubLink, Outbox>();
  private flushScheduled = false;
  private readonly resyncTimer: ReturnType<typeof setInterval>;

  constructor(
    readonly roomId: string,
    private readonly log: Logger,
    counters: HubCounters,
    resyncMs = HUB_RESYNC_MS,
  ) {
    this.counters = counters;
    // The hub is nobody: it must not show up in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.queue(origin, (box) => box.updates.push(update)));
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const link = this.links.get(origin as HubLink);
      if (link) {
        // A person whose relay gave way to a data channel moves from one link to the other.
        for (const id of [...added, ...updated]) {
          for (const other of this.links.values()) other.clients.delete(id);
          link.clients.add(id);
        }
        for (const id of removed) link.clients.delete(id);
      }
      this.queue(origin, (box) => {
        for (const id of [...added, ...updated, ...removed]) box.awareness.add(id);
      });
    });
    this.resyncTimer = setInterval(() => this.resync(), resyncMs);
    this.resyncTimer.unref?.();
  }

  get linkCount(): number {
    return this.links.size;
  }

  /** The link is open: send our state vector (the peer answers with what we lack) and presence. */
  attach(link: HubLink): void {
    this.links.set(link, { clients: new Set(), bad: 0 });
    this.sendTo(link, syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.sendTo(link, awarenessMessage(this.awareness, states));
  }

  /** The link is gone: its people leave the presence list at once, not after 30 s. */
  detach(link: HubLink): void {
    const entry = this.links.get(link);
    if (!entry) return;
    this.links.delete(link);
    this.outbox.delete(link);
    if (entry.clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...entry.clients], null);
  }

  /** Links that carry this awareness client id (a participant to remove). */
  linksOfClient(clientId: number): HubLink[] {
    return [...this.links].filter(([, entry]) => entry.clients.has(clientId)).map(([link]) => link);
  }

  /** Applies one message from a link; never throws, whatever the bytes. */
  receive(link: HubLink, message: Uint8Array): void {
    const entry = this.links.get(link);
    if (!entry) return;
    this.counters.messagesIn += 1;
    this.counters.bytesIn += message.byteLength;
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE.sync);
        const answer = peekMessage(message)?.type === 'syncStep2';
        const before = answer ? Y.encodeStateVector(this.doc) : null;
        // The link is the transaction origin, so the update is not echoed back to it.
        readSyncMessage(decoder, reply, this.doc, link);
        if (encoding.length(reply) > 1) this.sendTo(link, encoding.toUint8Array(reply));
        // A client that sent us what we lacked learns from our state vector that we have it now
        // (its "synced" means both ways). Only when the answer added content: the client answers
        // our state vector again, and an answer that adds nothing must end the exchange.
        if (before && !equalBytes(before, Y.encodeStateVector(this.doc))) this.sendTo(link, syncStep1Message(this.doc));
      } else if (type === MESSAGE.awareness) {
        const update = decoding.readVarUint8Array(decoder);
        if (update.byteLength > MAX_AWARENESS_BYTES) throw new Error('awareness message too large');
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, link);
      } else if (type === MESSAGE.queryAwareness) {
        this.sendTo(link, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
      }
      // y-webrtc's BroadcastChannel peer ids (4) and auth (2) mean nothing here.
    } catch (error) {
      this.counters.rejected += 1;
      entry.bad += 1;
      this.log.warn('hub.badMessage', { roomId: this.roomId, link: link.id, bytes: message.byteLength, error: (error as Error).message });
      if (entry.bad >= MAX_BAD_MESSAGES) {
        this.detach(link);
        link.close('too many malformed messages');
      }
    }
  }

  destroy(): void {
    clearInterval(this.resyncTimer);
    this.outbox.clear();
    for (const link of [...this.links.keys()]) {
      this.detach(link);
      link.close('room closed');
    }
    this.awareness.destroy();
    this.doc.destroy();
  }

  private resync(): void {
    if (this.links.size === 0) return;
    const message = syncStep1Message(this.doc);
    for (const link of this.links.keys()) this.sendTo(link, message);
  }

  /** Adds a change for every link but the one it came from, and schedules the send. */
  private queue(origin: unknown, add: (box: Outbox) => void): void {
    for (const link of this.links.keys()) {
      if (link === origin) continue;
      let box = this.outbox.get(link);
      if (!box) this.outbox.set(link, (box = { updates: [], awareness: new Set() }));
      add(box);
    }
    if (this.flushScheduled || this.outbox.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends what each link is owed: its edits merged into one update, its presence changes in one message. */
  flush(): void {
    this.flushScheduled = false;
    const boxes = [...this.outbox];
    this.outbox.clear();
    for (const [link, box] of boxes) {
      if (!this.links.has(link)) continue;
      if (box.updates.length > 0) this.sendTo(link, updateMessage(box.updates.length === 1 ? box.updates[0]! : Y.mergeUpdates(box.updates)));
      if (box.awareness.size > 0) this.sendTo(link, awarenessMessage(this.awareness, [...box.awareness]));
    }
  }

  private sendTo(link: HubLink, message: Uint8Array): void {
    this.counters.messagesOut += 1;
    this.counters.bytesOut += message.byteLength;
    try {
      link.send(message);
    } catch (error) {
      // A link that cannot take a message is closing: let it go now, once, rather than on every send.
      this.log.warn('hub.sendFailed', { roomId: this.roomId, link: link.id, error: (error as Error).message });
      this.detach(link);
      link.close('send failed');
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type Outbox = { updates: Uint8Array[]; awareness: Set<number> };
