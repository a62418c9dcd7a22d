// The y-protocols wire format that y-webrtc and y-websocket both speak (message type, then a
// sync or awareness payload). The hub serves both transports with the same code, so the
// relay is the standard y-websocket protocol and the data channels are y-webrtc's.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { z } from 'zod';
import { REFUSAL_REASONS, type RefusalReason } from '../board/policy';

export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, bcPeerId: 4 } as const;
export const SYNC = { step1: syncProtocol.messageYjsSyncStep1, step2: syncProtocol.messageYjsSyncStep2, update: syncProtocol.messageYjsUpdate } as const;

/** An awareness message carries a few small JSON states; anything larger is abuse. */
export const MAX_AWARENESS_BYTES = 64 * 1024;

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export type PeekedMessage =
  | { type: 'syncStep1'; stateVector: Map<number, number> }
  | { type: 'syncStep2' | 'update'; update: Uint8Array }
  | { type: 'awareness' | 'queryAwareness' | 'other' };

/** Reads what a message is without applying it; null for bytes that are not a message. */
export function peekMessage(bytes: Uint8Array): PeekedMessage | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.awareness) return { type: 'awareness' };
    if (type === MESSAGE.queryAwareness) return { type: 'queryAwareness' };
    if (type !== MESSAGE.sync) return { type: 'other' };
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === SYNC.step1) return { type: 'syncStep1', stateVector: Y.decodeStateVector(payload) };
    if (syncType === SYNC.step2) return { type: 'syncStep2', update: payload };
    if (syncType === SYNC.update) return { type: 'update', update: payload };
    return null;
  } catch {
    return null;
  }
}

/**
 * y-protocols' readSyncMessage, except that an update Yjs cannot read throws, and before it
 * changes anything. y-protocols
 * catches it and prints a stack over many lines with console.error, so a garbage update was
 * neither counted as garbage nor logged as one line. Returns the sync message type.
 */
export function readSyncMessage(decoder: decoding.Decoder, reply: encoding.Encoder, doc: Y.Doc, origin: unknown): number {
  const type = decoding.readVarUint(decoder);
  if (type === SYNC.step1) {
    const update = stateAsUpdate(doc, decoding.readVarUint8Array(decoder));
    encoding.writeVarUint(reply, SYNC.step2);
    encoding.writeVarUint8Array(reply, update);
  } else if (type === SYNC.step2 || type === SYNC.update) {
    const update = decoding.readVarUint8Array(decoder);
    // Read through first: Yjs integrates an update's structs before it reads its delete set, so a
    // malformed one would otherwise change the board before it throws.
    Y.decodeUpdate(update);
    Y.applyUpdate(doc, update, origin);
  } else throw new Error(`unknown sync message type ${type}`);
  return type;
}

// A document's whole state, encoded, until its next change.
const wholeStates = new WeakMap<Y.Doc, Uint8Array>();
const watchedDocs = new WeakSet<Y.Doc>();

/**
 * What a peer with state vector `stateVector` lacks. Everyone who joins asks for the whole board,
 * and encoding a large one takes long (~1 s for 46 MB), so the whole state is encoded once per
 * change of the document, not once per joiner.
 */
export function stateAsUpdate(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const theirs = Y.decodeStateVector(stateVector);
  const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
  const hasNothingOfOurs = [...theirs].every(([client, clock]) => clock === 0 || !ours.has(client));
  if (!hasNothingOfOurs) return Y.encodeStateAsUpdate(doc, stateVector);
  let whole = wholeStates.get(doc);
  if (!whole) {
    whole = Y.encodeStateAsUpdate(doc);
    wholeStates.set(doc, whole);
    if (!watchedDocs.has(doc)) {
      watchedDocs.add(doc);
      doc.on('update', () => wholeStates.delete(doc));
    }
  }
  return whole;
}

/** True when `having` holds every change counted in `wanted` (state vectors). */
export function coversStateVector(having: Map<number, number>, wanted: Map<number, number>): boolean {
  for (const [client, clock] of wanted) if ((having.get(client) ?? 0) < clock) return false;
  return true;
}

/**
 * Whether an update carries any content (structs). A SyncStep2 between peers in sync is not
 * empty bytes: Yjs always sends the whole delete set, so only the structs tell.
 */
export function hasNewContent(update: Uint8Array): boolean {
  try {
    return Y.parseUpdateMeta(update).to.size > 0;
  } catch {
    return false;
  }
}

/** One entry of a room's log of refused changes (shown to the facilitator). */
export interface RoomLogEntry {
  at: number;
  memberId: string;
  /** The display name the person had in presence, if any ('' otherwise). */
  name: string;
  reason: RefusalReason;
  records: string[];
}

/**
 * What the hub tells one link: a change of its own that was refused, or, to a facilitator, an entry
 * of the room's log. Carried as y-protocols' permission-denied auth message with a JSON reason, so
 * y-websocket and y-webrtc clients that do not read it just ignore it.
 */
export type HubNotice = { kind: 'refused'; reason: RefusalReason; records: string[] } | { kind: 'log'; entry: RoomLogEntry };

const PERMISSION_DENIED = 0;
const NOTICE_MAX_CHARS = 4096;
const recordIds = z.array(z.string().max(200)).max(20);
const HubNoticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refused'), reason: z.enum(REFUSAL_REASONS), records: recordIds }),
  z.object({
    kind: z.literal('log'),
    entry: z.object({ at: z.number(), memberId: z.string().max(64), name: z.string().max(200), reason: z.enum(REFUSAL_REASONS), records: recordIds }),
  }),
]);

export function noticeMessage(notice: HubNotice): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.auth);
  encoding.writeVarUint(encoder, PERMISSION_DENIED);
  encoding.writeVarString(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}

/** The notice in a message from the hub, or null for any other message. */
export function readNotice(bytes: Uint8Array): HubNotice | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    return decoding.readVarUint(decoder) === MESSAGE.auth ? readNoticeBody(decoder) : null;
  } catch {
    return null;
  }
}

/** The notice of an auth message whose type has been read already (y-websocket's message handlers). */
export function readNoticeBody(decoder: decoding.Decoder): HubNotice | null {
  try {
    if (decoding.readVarUint(decoder) !== PERMISSION_DENIED) return null;
    const text = decoding.readVarString(decoder);
    if (text.length > NOTICE_MAX_CHARS) return null;
    const parsed = HubNoticeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
