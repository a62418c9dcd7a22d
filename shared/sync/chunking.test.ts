import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CHUNK_LIMITS, ChunkAssembler, FRAME_CHUNK, FRAME_WHOLE, MIN_CHUNK_PAYLOAD_BYTES, splitMessage, type PushResult } from './chunking';
import type { SyncProgress } from './types';
import { seededBytes } from './testBytes';

const { chunkBytes } = CHUNK_LIMITS;
const MB = 1024 * 1024;


function seededShuffle<T>(items: T[], seed = 7): T[] {
  const result = [...items];
  const random = seededBytes(result.length * 4, seed);
  for (let i = result.length - 1; i > 0; i--) {
    const r = ((random[i * 4] ?? 0) << 16) | ((random[i * 4 + 1] ?? 0) << 8) | (random[i * 4 + 2] ?? 0);
    const j = r % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/** Index of the first differing byte, or -1; quicker than toEqual on megabytes. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.byteLength === b.byteLength ? -1 : length;
}

/** A kind-1 frame with whatever header we like, valid or not. */
function chunkFrame(messageId: number, index: number, count: number, totalBytes: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, FRAME_CHUNK);
  encoding.writeVarUint(encoder, messageId);
  encoding.writeVarUint(encoder, index);
  encoding.writeVarUint(encoder, count);
  encoding.writeVarUint(encoder, totalBytes);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Pushes every frame; returns the messages completed and the rejection reasons. */
function pushAll(assembler: ChunkAssembler, frames: Uint8Array[]): { messages: Uint8Array[]; rejected: string[] } {
  const messages: Uint8Array[] = [];
  const rejected: string[] = [];
  for (const frame of frames) {
    const result = assembler.push(frame);
    if (!result.ok) rejected.push(result.reason);
    else if (result.message) messages.push(result.message);
  }
  return { messages, rejected };
}

function expectRejected(result: PushResult, pattern?: RegExp): void {
  expect(result.ok).toBe(false);
  if (!result.ok && pattern) expect(result.reason).toMatch(pattern);
}

describe('CHUNK_LIMITS', () => {
  it('keeps a frame, header included, within 64 KiB', () => {
    const frames = splitMessage(seededBytes(chunkBytes * 3), Number.MAX_SAFE_INTEGER);
    for (const frame of frames) expect(frame.byteLength).toBeLessThanOrEqual(64 * 1024);
    expect(CHUNK_LIMITS.lowWaterBytes).toBeLessThan(CHUNK_LIMITS.highWaterBytes);
  });
});

describe('splitMessage + ChunkAssembler round trip', () => {
  for (const size of [0, 1, chunkBytes, chunkBytes + 1, 5 * MB]) {
    it(`carries ${size} bytes`, () => {
      const data = seededBytes(size, size + 1);
      const frames = splitMessage(data, 3);
      expect(frames.length).toBe(Math.max(1, Math.ceil(size / chunkBytes)));
      if (size <= chunkBytes) {
        // Small messages pay one byte.
        expect(frames[0]?.[0]).toBe(FRAME_WHOLE);
        expect(frames[0]?.byteLength).toBe(size + 1);
      } else {
        for (const frame of frames) expect(frame[0]).toBe(FRAME_CHUNK);
      }
      const assembler = new ChunkAssembler();
      const results = frames.map((frame) => assembler.push(frame));
      // Nothing until the last frame, then the whole message.
      for (const result of results.slice(0, -1)) expect(result).toEqual({ ok: true, message: null });
      const last = results[results.length - 1];
      expect(last?.ok).toBe(true);
      const message = last?.ok ? last.message : null;
      expect(message).not.toBeNull();
      expect(message?.byteLength).toBe(size);
      expect(message && firstDifference(message, data)).toBe(-1);
      expect(assembler.partialMessages).toBe(0);
    });
  }

  it('copies: the frames do not share memory with the message', () => {
    const data = seededBytes(10);
    const [frame] = splitMessage(data, 0);
    data[0] = (data[0] ?? 0) ^ 0xff;
    expect(frame?.[1]).not.toBe(data[0]);
  });

  it('splits with a custom chunk size, the last chunk carrying the rest', () => {
    const frames = splitMessage(seededBytes(25), 9, 10);
    expect(frames.length).toBe(3);
    const { messages } = pushAll(new ChunkAssembler({ limits: { chunkBytes: 10 } }), frames);
    expect(messages[0]).toEqual(seededBytes(25));
  });

  it('refuses nonsense arguments', () => {
    expect(() => splitMessage(new Uint8Array(1), -1)).toThrow(RangeError);
    expect(() => splitMessage(new Uint8Array(1), 1.5)).toThrow(RangeError);
    expect(() => splitMessage(new Uint8Array(1), 0, 0)).toThrow(RangeError);
  });
});

describe('ChunkAssembler ordering', () => {
  const limits = { chunkBytes: 16 };

  it('accepts chunks out of order', () => {
    const data = seededBytes(16 * 20 + 5);
    const frames = seededShuffle(splitMessage(data, 1, 16));
    const { messages, rejected } = pushAll(new ChunkAssembler({ limits }), frames);
    expect(rejected).toEqual([]);
    expect(messages).toEqual([data]);
  });

  it('ignores exact duplicates, before and after completion', () => {
    const data = seededBytes(16 * 4);
    const frames = splitMessage(data, 1, 16);
    const withDuplicates = [frames[0], frames[0], frames[2], frames[1], frames[2], frames[3], frames[3], frames[1]] as Uint8Array[];
    const { messages, rejected } = pushAll(new ChunkAssembler({ limits }), withDuplicates);
    expect(rejected).toEqual([]);
    expect(messages).toEqual([data]);
  });

  it('rejects a duplicate index with different bytes', () => {
    const assembler = new ChunkAssembler({ limits });
    const frames = splitMessage(seededBytes(40), 1, 16);
    assembler.push(frames[0] as Uint8Array);
    expectRejected(assembler.push(chunkFrame(1, 0, 3, 40, seededBytes(16, 99))), /duplicate/);
  });

  it('reassembles interleaved messages', () => {
    const datas = [seededBytes(100, 1), seededBytes(70, 2), seededBytes(5, 3), seededBytes(33, 4)];
    const perMessage = datas.map((data, id) => splitMessage(data, id, 16));
    const interleaved: Uint8Array[] = [];
    for (let i = 0; perMessage.some((frames) => i < frames.length); i++) {
      for (const frames of perMessage) if (frames[i]) interleaved.push(frames[i] as Uint8Array);
    }
    const { messages, rejected } = pushAll(new ChunkAssembler({ limits }), interleaved);
    expect(rejected).toEqual([]);
    // Completed in order of their last chunks: the 5-byte whole message first.
    expect(messages).toEqual([datas[2], datas[3], datas[1], datas[0]]);
  });

  it('evicts the oldest partial message beyond maxPartialMessages, and counts it dropped', () => {
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 16, maxPartialMessages: 4 } });
    const perMessage = [0, 1, 2, 3, 4].map((id) => splitMessage(seededBytes(48, id + 1), id, 16));
    for (const frames of perMessage) expect(assembler.push(frames[0] as Uint8Array)).toEqual({ ok: true, message: null });
    expect(assembler.partialMessages).toBe(4);
    expect(assembler.droppedMessages).toBe(1);
    // The rest of message 0 can no longer complete, and is said so.
    expectRejected(assembler.push(perMessage[0]?.[1] as Uint8Array), /dropped/);
    for (const id of [1, 2, 3, 4]) {
      const { messages, rejected } = pushAll(assembler, perMessage[id]?.slice(1) ?? []);
      expect(rejected).toEqual([]);
      expect(messages).toEqual([seededBytes(48, id + 1)]);
    }
    expect(assembler.partialMessages).toBe(0);
  });
});

describe('ChunkAssembler rejects bad frames without throwing', () => {
  it('rejects an empty frame and unknown kinds', () => {
    const assembler = new ChunkAssembler();
    expectRejected(assembler.push(new Uint8Array(0)), /empty/);
    for (let kind = 2; kind < 256; kind++) expectRejected(assembler.push(new Uint8Array([kind, 1, 2, 3])), /kind/);
  });

  it('rejects every truncation of a chunk header', () => {
    const frame = chunkFrame(300, 2, 200, 200 * 1024, new Uint8Array(0));
    const assembler = new ChunkAssembler();
    for (let length = 1; length <= frame.byteLength; length++) expectRejected(assembler.push(frame.slice(0, length)));
    expect(assembler.partialMessages).toBe(0);
  });

  it('survives random garbage', () => {
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 64 } });
    const thrown: unknown[] = [];
    for (let seed = 1; seed <= 2000; seed++) {
      const garbage = seededBytes(1 + (seed % 90), seed);
      if (seed % 2) garbage[0] = FRAME_CHUNK; // make half of them reach the header checks
      try {
        assembler.push(garbage);
      } catch (error) {
        thrown.push(error);
      }
    }
    expect(thrown).toEqual([]);
    expect(assembler.partialMessages).toBeLessThanOrEqual(CHUNK_LIMITS.maxPartialMessages);
    expect(assembler.bufferedBytes).toBeLessThanOrEqual(CHUNK_LIMITS.maxPartialMessages * 64 * 90);
  });

  it('rejects varuints beyond the safe integer range', () => {
    const frame = new Uint8Array([FRAME_CHUNK, ...new Array<number>(12).fill(0xff), 0x01, 0, 1, 1, 7]);
    expectRejected(new ChunkAssembler().push(frame), /range|invalid/);
    // 2^56: eight 7-bit groups of zeros, then a 1.
    const twoTo56 = new Uint8Array([FRAME_CHUNK, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 1, 1, 7]);
    expectRejected(new ChunkAssembler().push(twoTo56));
  });

  it('rejects huge declared sizes without allocating for them', () => {
    const assembler = new ChunkAssembler();
    const payload = seededBytes(chunkBytes);
    expectRejected(assembler.push(chunkFrame(1, 0, 2 ** 31, 2 ** 40, payload)), /maxMessageBytes/);
    expectRejected(assembler.push(chunkFrame(2, 0, 2 ** 31, 10 * MB, payload)), /too many/);
    expectRejected(assembler.push(chunkFrame(3, 2 ** 31 - 1, 2 ** 31, 2 ** 31 * chunkBytes, payload)), /maxMessageBytes/);
    expectRejected(assembler.push(chunkFrame(4, 0, 1, Number.MAX_SAFE_INTEGER, payload)), /maxMessageBytes/);
    expect(assembler.partialMessages).toBe(0);
    expect(assembler.bufferedBytes).toBe(0);
    // A plausible 64 MiB header holds only what arrived.
    const count = Math.ceil(CHUNK_LIMITS.maxMessageBytes / chunkBytes);
    expect(assembler.push(chunkFrame(5, 0, count, CHUNK_LIMITS.maxMessageBytes, payload))).toEqual({ ok: true, message: null });
    expect(assembler.bufferedBytes).toBe(chunkBytes);
  });

  it('rejects inconsistent headers', () => {
    const limits = { chunkBytes: 16 };
    const cases: [string, Uint8Array, RegExp][] = [
      ['count 0', chunkFrame(1, 0, 0, 10, seededBytes(10)), /count is 0/],
      ['index ≥ count', chunkFrame(1, 3, 3, 40, seededBytes(16)), /index/],
      ['0 total bytes', chunkFrame(1, 0, 1, 0, seededBytes(1)), /0 bytes/],
      ['too few chunks for the total', chunkFrame(1, 0, 2, 33, seededBytes(16)), /cannot carry/],
      ['too many chunks for the total', chunkFrame(1, 0, 4, 40, seededBytes(16)), /too many/],
      ['empty chunk', chunkFrame(1, 0, 3, 40, new Uint8Array(0)), /empty/],
      ['chunk over chunkBytes', chunkFrame(1, 0, 3, 40, seededBytes(17)), /chunkBytes/],
      ['non-final chunk below the minimum', chunkFrame(1, 0, 3, 40, seededBytes(15)), /minimum/],
      ['chunk longer than the message', chunkFrame(1, 0, 1, 10, seededBytes(16)), /overruns/],
    ];
    for (const [name, frame, reason] of cases) {
      const result = new ChunkAssembler({ limits }).push(frame);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.reason, name).toMatch(reason);
    }
  });

  it('rejects a chunk whose header disagrees with the first one of its message', () => {
    // Chunks of 1–2 KiB: 3000 bytes may come in 2 or 3 chunks, so each header alone is plausible.
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 2048 } });
    expect(assembler.push(chunkFrame(1, 0, 2, 3000, seededBytes(2048))).ok).toBe(true);
    expectRejected(assembler.push(chunkFrame(1, 1, 2, 2999, seededBytes(951))), /disagrees/);
    expectRejected(assembler.push(chunkFrame(1, 1, 3, 3000, seededBytes(1024))), /disagrees/);
    expect(assembler.push(chunkFrame(1, 1, 2, 3000, seededBytes(952))).ok).toBe(true);
  });

  it('rejects a chunk that overruns what remains of its message', () => {
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 16 } });
    expect(assembler.push(chunkFrame(1, 0, 3, 34, seededBytes(16))).ok).toBe(true);
    expect(assembler.push(chunkFrame(1, 1, 3, 34, seededBytes(16))).ok).toBe(true);
    // 16 + 16 leaves 2 bytes for the last chunk.
    expectRejected(assembler.push(chunkFrame(1, 2, 3, 34, seededBytes(3))), /overruns/);
    expect(assembler.push(chunkFrame(1, 2, 3, 34, seededBytes(2))).ok).toBe(true);
  });

  it('rejects a completed message whose size differs from its header', () => {
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 16 } });
    expect(assembler.push(chunkFrame(1, 0, 2, 30, seededBytes(16))).ok).toBe(true);
    expectRejected(assembler.push(chunkFrame(1, 1, 2, 30, seededBytes(5))), /header says 30/);
    expect(assembler.partialMessages).toBe(0);
    expect(assembler.droppedMessages).toBe(1);
  });

  it('keeps the floor on chunk size at chunkBytes when that is smaller', () => {
    expect(MIN_CHUNK_PAYLOAD_BYTES).toBeLessThan(chunkBytes);
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 4 } });
    const { messages, rejected } = pushAll(assembler, splitMessage(seededBytes(10), 1, 4));
    expect(rejected).toEqual([]);
    expect(messages).toEqual([seededBytes(10)]);
  });
});

describe('ChunkAssembler progress', () => {
  it('reports once per new chunk of a multi-chunk message, ending at its total', () => {
    const events: SyncProgress[] = [];
    const assembler = new ChunkAssembler({ limits: { chunkBytes: 10 }, onProgress: (p) => events.push(p) });
    const frames = splitMessage(seededBytes(35), 1, 10);
    pushAll(assembler, [frames[0], frames[0], frames[2], frames[1], frames[3]] as Uint8Array[]);
    expect(events).toEqual([
      { received: 10, total: 35 },
      { received: 20, total: 35 },
      { received: 30, total: 35 },
      { received: 35, total: 35 },
    ]);
  });

  it('is silent for single-frame messages and survives a throwing listener', () => {
    let calls = 0;
    const assembler = new ChunkAssembler({
      limits: { chunkBytes: 10 },
      onProgress: () => {
        calls++;
        throw new Error('display broke');
      },
    });
    expect(pushAll(assembler, splitMessage(seededBytes(10), 1, 10)).messages.length).toBe(1);
    expect(calls).toBe(0);
    expect(pushAll(assembler, splitMessage(seededBytes(25), 2, 10)).messages).toEqual([seededBytes(25)]);
    expect(calls).toBe(3);
  });
});
