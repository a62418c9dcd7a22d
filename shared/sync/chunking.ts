// Framing of sync messages into data-channel-sized chunks, and their reassembly.
//
// Chromium refuses RTCDataChannel messages over 256 KiB (and @roamhq/wrtc closes the channel), but
// a late joiner's board diff can be megabytes. The sender splits every message into frames no
// larger than 64 KiB, which every browser accepts; the receiver puts them back together.
//
// Frame format (the first byte is the kind):
//   kind 0: [0][message bytes...]
//     a whole message; used for messages of at most chunkBytes, so small messages cost one byte.
//   kind 1: [1][varuint messageId][varuint index][varuint count][varuint totalBytes][payload...]
//     chunk `index` of `count` of message `messageId`, which is `totalBytes` long in all. Chunks
//     carry consecutive slices in index order, each at most chunkBytes; all but the last at least
//     MIN_CHUNK_PAYLOAD_BYTES (splitMessage makes them all chunkBytes but the last).
//   any other first byte: garbage, rejected.
// Varuints are lib0's (7 bits per byte, high bit = more bytes follow).
//
// The receiver never trusts the header: every frame is checked before anything is stored, and
// memory grows only with bytes that actually arrived, so a peer cannot make us allocate a declared
// 2^40-byte message or 2^31 chunk slots.

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SyncProgress } from './types';

export interface ChunkLimits {
  /** Payload bytes per chunk: with its header a frame stays at most 64 KiB. */
  readonly chunkBytes: number;
  /** Largest message we send or reassemble. */
  readonly maxMessageBytes: number;
  /** Messages being reassembled at once; more evicts the oldest. */
  readonly maxPartialMessages: number;
  /** Bytes we let sit in the real channel's buffer before queueing in our own. */
  readonly highWaterBytes: number;
  /** The real channel's buffer level at which we refill it. */
  readonly lowWaterBytes: number;
  /** Bytes queued in our sender beyond which the peer is hopeless and the channel is closed. */
  readonly maxQueuedBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

export const CHUNK_LIMITS: ChunkLimits = Object.freeze({
  chunkBytes: 60 * KiB,
  maxMessageBytes: 64 * MiB,
  maxPartialMessages: 4,
  highWaterBytes: 1 * MiB,
  lowWaterBytes: 256 * KiB,
  maxQueuedBytes: 256 * MiB,
});

/**
 * Smallest payload of a non-final chunk we accept (or chunkBytes, if smaller). Without a floor a
 * peer could split 64 MiB into 64 Mi one-byte chunks whose bookkeeping would dwarf their bytes.
 */
export const MIN_CHUNK_PAYLOAD_BYTES = 1 * KiB;

export const FRAME_WHOLE = 0;
export const FRAME_CHUNK = 1;

/** Completed or dropped message ids remembered, to tell late duplicates from new messages. */
const FINISHED_IDS_REMEMBERED = 64;

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
}

/** Splits one message into frames of at most chunkBytes payload each (see the format above). */
export function splitMessage(data: Uint8Array, messageId: number, chunkBytes: number = CHUNK_LIMITS.chunkBytes): Uint8Array[] {
  checkCount('messageId', messageId, 0);
  checkCount('chunkBytes', chunkBytes, 1);
  if (data.byteLength <= chunkBytes) {
    const frame = new Uint8Array(1 + data.byteLength);
    frame[0] = FRAME_WHOLE;
    frame.set(data, 1);
    return [frame];
  }
  const count = Math.ceil(data.byteLength / chunkBytes);
  const frames: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const header = encoding.createEncoder();
    encoding.writeUint8(header, FRAME_CHUNK);
    encoding.writeVarUint(header, messageId);
    encoding.writeVarUint(header, index);
    encoding.writeVarUint(header, count);
    encoding.writeVarUint(header, data.byteLength);
    const headerBytes = encoding.toUint8Array(header);
    const payload = data.subarray(index * chunkBytes, Math.min(data.byteLength, (index + 1) * chunkBytes));
    const frame = new Uint8Array(headerBytes.byteLength + payload.byteLength);
    frame.set(headerBytes, 0);
    frame.set(payload, headerBytes.byteLength);
    frames.push(frame);
  }
  return frames;
}

export type PushResult = { ok: true; message: Uint8Array | null } | { ok: false; reason: string };

export interface ChunkAssemblerOptions {
  limits?: Partial<ChunkLimits>;
  /** Called for messages of more than one chunk: after each new chunk, and at completion. */
  onProgress?: (progress: SyncProgress) => void;
}

interface PartialMessage {
  readonly count: number;
  readonly totalBytes: number;
  readonly chunks: Map<number, Uint8Array>;
  receivedBytes: number;
}

interface ChunkHeader {
  messageId: number;
  index: number;
  count: number;
  totalBytes: number;
  payload: Uint8Array;
}

const NOTHING_YET: PushResult = Object.freeze({ ok: true, message: null });

function reject(reason: string): PushResult {
  return { ok: false, reason };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Reassembles messages from frames of one sender; rejects, never throws, on bad input. */
export class ChunkAssembler {
  private readonly limits: ChunkLimits;
  private readonly onProgress: ((progress: SyncProgress) => void) | undefined;
  /** In insertion order, so the first entry is the oldest. */
  private readonly partials = new Map<number, PartialMessage>();
  private readonly finished = new Map<number, 'completed' | 'dropped'>();
  private dropped = 0;

  constructor(options: ChunkAssemblerOptions = {}) {
    this.limits = { ...CHUNK_LIMITS, ...options.limits };
    this.onProgress = options.onProgress;
  }

  /** Messages given up on: evicted for newer ones, or found inconsistent once complete. */
  get droppedMessages(): number {
    return this.dropped;
  }

  /** Messages currently being reassembled. */
  get partialMessages(): number {
    return this.partials.size;
  }

  /** Bytes held for messages being reassembled. */
  get bufferedBytes(): number {
    let bytes = 0;
    for (const partial of this.partials.values()) bytes += partial.receivedBytes;
    return bytes;
  }

  push(frame: Uint8Array): PushResult {
    if (!(frame instanceof Uint8Array) || frame.byteLength === 0) return reject('empty frame');
    const kind = frame[0];
    if (kind === FRAME_WHOLE) {
      if (frame.byteLength - 1 > this.limits.maxMessageBytes) return reject('message exceeds maxMessageBytes');
      return { ok: true, message: frame.subarray(1) };
    }
    if (kind !== FRAME_CHUNK) return reject(`unknown frame kind ${kind}`);

    const header = this.readChunkHeader(frame);
    if (typeof header === 'string') return reject(header);
    return this.acceptChunk(header);
  }

  private readChunkHeader(frame: Uint8Array): ChunkHeader | string {
    const decoder = decoding.createDecoder(frame);
    decoder.pos = 1;
    const numbers: number[] = [];
    for (let i = 0; i < 4; i++) {
      let value: number;
      try {
        value = decoding.readVarUint(decoder);
      } catch {
        return 'truncated or invalid chunk header';
      }
      if (!Number.isSafeInteger(value)) return 'chunk header number out of range';
      numbers.push(value);
    }
    const [messageId = 0, index = 0, count = 0, totalBytes = 0] = numbers;
    const payload = frame.subarray(decoder.pos);
    const { chunkBytes, maxMessageBytes } = this.limits;
    const minChunk = Math.min(MIN_CHUNK_PAYLOAD_BYTES, chunkBytes);

    if (count === 0) return 'chunk count is 0';
    if (index >= count) return `chunk index ${index} ≥ count ${count}`;
    if (totalBytes === 0) return 'chunked message of 0 bytes';
    if (totalBytes > maxMessageBytes) return `message of ${totalBytes} bytes exceeds maxMessageBytes`;
    if (count < Math.ceil(totalBytes / chunkBytes)) return `${count} chunks cannot carry ${totalBytes} bytes`;
    // Every chunk but the last carries at least minChunk bytes, the last at least one.
    if ((count - 1) * minChunk + 1 > totalBytes) return `${count} chunks are too many for ${totalBytes} bytes`;
    if (payload.byteLength === 0) return 'empty chunk';
    if (payload.byteLength > chunkBytes) return 'chunk exceeds chunkBytes';
    if (index < count - 1 && payload.byteLength < minChunk) return 'non-final chunk below the minimum size';
    return { messageId, index, count, totalBytes, payload };
  }

  private acceptChunk({ messageId, index, count, totalBytes, payload }: ChunkHeader): PushResult {
    const finished = this.finished.get(messageId);
    // Only a duplicate can follow completion; chunks of a dropped message would never complete.
    if (finished === 'completed') return NOTHING_YET;
    if (finished === 'dropped') return reject(`chunk of dropped message ${messageId}`);

    const existing = this.partials.get(messageId);
    if (existing) {
      if (existing.count !== count || existing.totalBytes !== totalBytes) return reject(`chunk header disagrees with message ${messageId}`);
      const seen = existing.chunks.get(index);
      if (seen) return sameBytes(seen, payload) ? NOTHING_YET : reject(`conflicting duplicate of chunk ${index}`);
    }
    const receivedBytes = existing?.receivedBytes ?? 0;
    const chunksAfterThis = count - (existing?.chunks.size ?? 0) - 1;
    // The chunks still missing need at least one byte each.
    if (receivedBytes + payload.byteLength + chunksAfterThis > totalBytes) return reject(`chunk overruns message ${messageId}`);

    const partial = existing ?? this.startMessage(messageId, count, totalBytes);
    // Copied: the caller may reuse the frame's buffer.
    partial.chunks.set(index, payload.slice());
    partial.receivedBytes += payload.byteLength;

    if (partial.chunks.size < count) {
      this.reportProgress(partial.receivedBytes, totalBytes);
      return NOTHING_YET;
    }
    this.partials.delete(messageId);
    if (partial.receivedBytes !== totalBytes) {
      this.finish(messageId, 'dropped');
      return reject(`message ${messageId} has ${partial.receivedBytes} bytes, header says ${totalBytes}`);
    }
    const message = new Uint8Array(totalBytes);
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const chunk = partial.chunks.get(i);
      if (!chunk) return reject(`chunk ${i} of message ${messageId} missing`); // unreachable: size === count
      message.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.finish(messageId, 'completed');
    if (count > 1) this.reportProgress(totalBytes, totalBytes);
    return { ok: true, message };
  }

  private startMessage(messageId: number, count: number, totalBytes: number): PartialMessage {
    while (this.partials.size >= this.limits.maxPartialMessages) {
      const oldest = this.partials.keys().next();
      if (oldest.done) break;
      this.partials.delete(oldest.value);
      this.finish(oldest.value, 'dropped');
    }
    const partial: PartialMessage = { count, totalBytes, chunks: new Map(), receivedBytes: 0 };
    this.partials.set(messageId, partial);
    return partial;
  }

  private finish(messageId: number, how: 'completed' | 'dropped'): void {
    if (how === 'dropped') this.dropped++;
    this.finished.set(messageId, how);
    if (this.finished.size > FINISHED_IDS_REMEMBERED) {
      const oldest = this.finished.keys().next();
      if (!oldest.done) this.finished.delete(oldest.value);
    }
  }

  private reportProgress(received: number, total: number): void {
    if (!this.onProgress) return;
    try {
      this.onProgress({ received, total });
    } catch {
      // A failing progress display must not break reassembly.
    }
  }
}
