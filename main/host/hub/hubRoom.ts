// One room's board at the centre of the star: the host keeps its Y.Doc and awareness, every
// participant connects here only (by WebRTC data channel or, as a fallback, the y-websocket
// relay), and each edit costs one message up and one down per other participant — O(N),
// where stock y-webrtc's mesh re-sends every update on every connection (docs/sync.md).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { BOARD_LIMITS, type Actor, type Refusal } from '../../../shared/board/policy';
import {
  awarenessMessage, MAX_AWARENESS_BYTES, MESSAGE, noticeMessage, stateAsUpdate, SYNC, syncStep1Message, updateMessage, type RoomLogEntry,
} from '../../../shared/sync/protocol';
import type { Logger } from '../log';
import { RoomAuthority } from './authority';

/** One participant's link to the hub, whatever carries it. */
export interface HubLink {
  readonly id: string;
  readonly transport: 'webrtc' | 'relay';
  /** Who the host's member token on the signaling/relay socket says it is. */
  readonly memberId: string;
  readonly actor: Actor;
  send(message: Uint8Array): void;
  close(reason: string): void;
}

export type HubCounters = { messagesIn: number; messagesOut: number; bytesIn: number; bytesOut: number; rejected: number; refused: number };

/** A link that sends this many messages the hub cannot read is cut off. */
const MAX_BAD_MESSAGES = 16;
/** A link whose changes are refused this many times within REFUSALS_WINDOW_MS is cut off. */
const MAX_REFUSALS = 30;
const REFUSALS_WINDOW_MS = 60_000;
/** People (awareness client ids) one link may speak for: a page, and its previous self after a reload. */
const MAX_CLIENTS_PER_LINK = 2;
/** People in one room's presence. */
export const MAX_PEOPLE_PER_ROOM = 150;
/** One person's presence state, as JSON. */
const MAX_STATE_CHARS = 4096;
/** Entries of the room's log of refused changes kept for the facilitator. */
const LOG_ENTRIES = 200;
/** A participant's change deleting this many items is a mass removal: the board is snapshotted first. */
export const MASS_REMOVAL_ITEMS = 200;
/** Both directions are compared this often, repairing one-way sync after reconnects. */
export const HUB_RESYNC_MS = 5_000;

export class HubRoom {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly counters: HubCounters;
  private readonly links = new Map<HubLink, LinkEntry>();
  private readonly authority: RoomAuthority;
  /** Refused changes, newest last (the facilitator's log). */
  readonly log: RoomLogEntry[] = [];
  /**
   * Encoded size of the board: measured on the first update (the board may have been loaded from
   * disk), then kept roughly by adding what arrives, and measured again when near the limit.
   */
  private boardBytes: number | null = null;
  /** The board as one update, for joiners (roomBoardRoute); dropped on every change. */
  private encodedBoard: Uint8Array | null = null;
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
    private readonly logger: Logger,
    counters: HubCounters,
    resyncMs = HUB_RESYNC_MS,
    /** Called before a participant's change that removes many records is applied (a snapshot). */
    private readonly beforeMassRemoval: () => void = () => {},
  ) {
    this.counters = counters;
    this.authority = new RoomAuthority(this.doc, (origin, refusal) => this.refused(origin as HubLink, refusal));
    // The hub is nobody: it must not show up in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.encodedBoard = null;
      this.queue(origin, (box) => box.updates.push(update));
    });
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
    this.links.set(link, { clients: new Set(), bad: 0, refusals: [], lastNotice: new Map() });
    this.authority.track(link, link.actor);
    this.sendTo(link, syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.sendTo(link, awarenessMessage(this.awareness, states));
  }

  /** The whole board as one update; a crowd joining at once costs one encoding. */
  board(): Uint8Array {
    this.encodedBoard ??= Y.encodeStateAsUpdate(this.doc);
    return this.encodedBoard;
  }

  /** The link is gone: its people leave the presence list at once, not after 30 s. */
  detach(link: HubLink): void {
    const entry = this.links.get(link);
    if (!entry) return;
    this.links.delete(link);
    this.outbox.delete(link);
    this.authority.untrack(link);
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
        const syncType = decoding.readVarUint(decoder);
        if (syncType === SYNC.step1) {
          const reply = encoding.createEncoder();
          encoding.writeVarUint(reply, MESSAGE.sync);
          encoding.writeVarUint(reply, SYNC.step2);
          encoding.writeVarUint8Array(reply, stateAsUpdate(this.doc, decoding.readVarUint8Array(decoder)));
          this.sendTo(link, encoding.toUint8Array(reply));
        } else if (syncType === SYNC.step2 || syncType === SYNC.update) {
          this.applyUpdate(link, decoding.readVarUint8Array(decoder), syncType === SYNC.step2);
        } else throw new Error('unknown sync message');
      } else if (type === MESSAGE.awareness) {
        const update = decoding.readVarUint8Array(decoder);
        if (update.byteLength > MAX_AWARENESS_BYTES) throw new Error('awareness message too large');
        const own = this.ownPresence(link, entry, update);
        if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, link);
      } else if (type === MESSAGE.queryAwareness) {
        this.sendTo(link, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
      }
      // y-webrtc's BroadcastChannel peer ids (4) and auth (2) mean nothing here.
    } catch (error) {
      this.badMessage(link, entry, message.byteLength, (error as Error).message);
    }
  }

  /** Whether the change would take the board past its size; measured exactly only when near. */
  private wouldExceedBoard(bytes: number): boolean {
    if (this.boardBytes !== null && this.boardBytes + bytes <= BOARD_LIMITS.boardBytes) return false;
    this.boardBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.boardBytes + bytes > BOARD_LIMITS.boardBytes;
  }

  private applyUpdate(link: HubLink, update: Uint8Array, answer: boolean): void {
    const participant = link.actor.role !== 'facilitator';
    // Refused before it is applied: nothing of it is stored or sent on.
    if (participant && update.byteLength > BOARD_LIMITS.participantUpdateBytes) return this.refused(link, { reason: 'updateTooLarge', recordIds: [] });
    if (this.wouldExceedBoard(update.byteLength)) return this.refused(link, { reason: 'boardTooLarge', recordIds: [] });
    // A participant's update is read through first: Yjs integrates an update's structs before it
    // reads its delete set, so a malformed one would change the board before it throws (and it
    // would not count as garbage). The facilitator's own app (a loopback token) is spared the
    // second decode of what may be a whole large board.
    if (participant && deletedItems(Y.decodeUpdate(update)) >= MASS_REMOVAL_ITEMS) this.beforeMassRemoval();
    const before = answer ? Y.encodeStateVector(this.doc) : null;
    // The link is the transaction origin: the update is not echoed back to it, and the room's
    // rules (authority.ts) know whose change it is.
    Y.applyUpdate(this.doc, update, link);
    this.boardBytes = (this.boardBytes ?? 0) + update.byteLength;
    // A client that sent us what we lacked learns from our state vector that we have it now
    // (its "synced" means both ways). Only when the answer added content: the client answers
    // our state vector again, and an answer that adds nothing must end the exchange.
    if (before && !equalBytes(before, Y.encodeStateVector(this.doc))) this.sendTo(link, syncStep1Message(this.doc));
  }

  /**
   * The part of a presence update that is the link's own: people it already speaks for, or new
   * ones within its share and the room's; the role in each state is the one the host gave the
   * link's member. Null when nothing is left.
   */
  private ownPresence(link: HubLink, entry: LinkEntry, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: Array<{ clientId: number; clock: number; state: string }> = [];
    let newcomers = 0;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      const holder = this.holderOf(clientId);
      if (holder && holder !== link) {
        // Someone else's presence, unless it is this member moving from relay to data channel.
        if (holder.memberId !== link.memberId) continue;
        // It moves now, even when the state is not newer (the channel repeats what the relay
        // said, with the same clock): the relay closing later must not take this person away.
        this.links.get(holder)?.clients.delete(clientId);
        entry.clients.add(clientId);
      } else if (!holder) {
        if (entry.clients.size + newcomers >= MAX_CLIENTS_PER_LINK || this.awareness.getStates().size + newcomers >= MAX_PEOPLE_PER_ROOM) continue;
        newcomers += 1;
      }
      const rewritten = state === 'null' ? state : withRole(state, link.actor);
      if (rewritten !== null) kept.push({ clientId, clock, state: rewritten });
    }
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const { clientId, clock, state } of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, state);
    }
    return encoding.toUint8Array(encoder);
  }

  private holderOf(clientId: number): HubLink | undefined {
    for (const [link, entry] of this.links) if (entry.clients.has(clientId)) return link;
    return undefined;
  }

  private badMessage(link: HubLink, entry: LinkEntry, bytes: number, error: string): void {
    this.counters.rejected += 1;
    entry.bad += 1;
    this.logger.warn('hub.badMessage', { roomId: this.roomId, link: link.id, bytes, error });
    if (entry.bad >= MAX_BAD_MESSAGES) {
      this.detach(link);
      link.close('too many malformed messages');
    }
  }

  /**
   * A change of the link's was refused (and, if applied, undone): the sender is told why, the
   * facilitators see it in the room's log, and a link that keeps trying is cut off.
   */
  private refused(link: HubLink, refusal: Refusal): void {
    const entry = this.links.get(link);
    if (!entry) return;
    this.counters.refused += 1;
    const now = Date.now();
    const state = [...entry.clients].map((id) => this.awareness.getStates().get(id)).find((s) => s !== undefined) as { user?: { name?: unknown } } | undefined;
    const name = typeof state?.user?.name === 'string' ? state.user.name.slice(0, 200) : '';
    const logEntry: RoomLogEntry = { at: now, memberId: link.memberId, name, reason: refusal.reason, records: refusal.recordIds.slice(0, 20) };
    this.logger.warn('hub.refused', { roomId: this.roomId, link: link.id, member: link.memberId, reason: refusal.reason, records: logEntry.records.length });
    // The same refusal again within a second (a client re-sending on resync) is told and logged once.
    const last = entry.lastNotice.get(refusal.reason) ?? 0;
    if (now - last >= 1_000) {
      entry.lastNotice.set(refusal.reason, now);
      this.log.push(logEntry);
      if (this.log.length > LOG_ENTRIES) this.log.splice(0, this.log.length - LOG_ENTRIES);
      this.sendTo(link, noticeMessage({ kind: 'refused', reason: refusal.reason, records: logEntry.records }));
      for (const other of this.links.keys()) {
        if (other.actor.role === 'facilitator' && this.links.has(other)) this.sendTo(other, noticeMessage({ kind: 'log', entry: logEntry }));
      }
    }
    entry.refusals = entry.refusals.filter((at) => now - at < REFUSALS_WINDOW_MS);
    entry.refusals.push(now);
    if (entry.refusals.length >= MAX_REFUSALS && this.links.has(link)) {
      this.logger.warn('hub.linkCut', { roomId: this.roomId, link: link.id, member: link.memberId, reason: 'too many refused changes' });
      this.detach(link);
      link.close('too many refused changes');
    }
  }

  destroy(): void {
    clearInterval(this.resyncTimer);
    this.authority.destroy();
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
      this.logger.warn('hub.sendFailed', { roomId: this.roomId, link: link.id, error: (error as Error).message });
      this.detach(link);
      link.close('send failed');
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type LinkEntry = { clients: Set<number>; bad: number; refusals: number[]; lastNotice: Map<string, number> };

/** A presence state with the role and member id the host gave its member; null when it is not a JSON object or too large. */
function withRole(state: string, actor: Actor): string | null {
  if (state.length > MAX_STATE_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const user = record['user'];
  // The member id too, so the facilitator can give a person a role (shared/workshop/stepRules.ts).
  if (typeof user === 'object' && user !== null && !Array.isArray(user)) record['user'] = { ...user, role: actor.role, memberId: actor.memberId };
  return JSON.stringify(record);
}

/** How many items an update deletes (its delete set). */
function deletedItems(update: ReturnType<typeof Y.decodeUpdate>): number {
  let total = 0;
  for (const ranges of update.ds.clients.values()) for (const range of ranges) total += range.len;
  return total;
}
type Outbox = { updates: Uint8Array[]; awareness: Set<number> };
