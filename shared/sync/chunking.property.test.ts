// Property tests of chunk reassembly (fast-check, bounded runs): whatever frames a peer sends,
// the assembler answers with a result, never throws, and holds no more bytes than arrived —
// a length prefix claiming gigabytes allocates nothing.
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { ChunkAssembler, CHUNK_LIMITS, FRAME_CHUNK, splitMessage } from './chunking';

const RUNS = { numRuns: 200 };
const varuint = fc.oneof(fc.nat(100), fc.nat(), fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53 - 1, CHUNK_LIMITS.maxMessageBytes, CHUNK_LIMITS.maxMessageBytes + 1));

/** A chunk frame with any header values and a payload of 0–2,000 bytes. */
const chunkFrame = fc.record({ messageId: varuint, index: varuint, count: varuint, totalBytes: varuint, payload: fc.uint8Array({ maxLength: 2000 }) }).map(({ messageId, index, count, totalBytes, payload }) => {
  const encoder = encoding.createEncoder();
  encoding.writeUint8(encoder, FRAME_CHUNK);
  for (const value of [messageId, index, count, totalBytes]) encoding.writeVarUint(encoder, value);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
});

const anyFrame = fc.oneof(fc.uint8Array({ maxLength: 3000 }), chunkFrame, chunkFrame.map((frame) => frame.subarray(0, Math.max(1, frame.byteLength >> 1))));

describe('chunk reassembly, any frames', () => {
  it('never throws, and holds no more than the bytes that arrived, in at most maxPartialMessages messages', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { maxLength: 30 }), (frames) => {
        const assembler = new ChunkAssembler({ limits: { chunkBytes: 1024 } });
        let arrived = 0;
        for (const frame of frames) {
          arrived += frame.byteLength;
          const result = assembler.push(frame);
          expect(result.ok === true || typeof result.reason === 'string').toBe(true);
          expect(assembler.bufferedBytes).toBeLessThanOrEqual(arrived);
          expect(assembler.partialMessages).toBeLessThanOrEqual(CHUNK_LIMITS.maxPartialMessages);
        }
      }),
      RUNS,
    );
  });

  it('gives back exactly the messages that were split, in between any garbage', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 5000 }), { minLength: 1, maxLength: 4 }), fc.array(anyFrame, { maxLength: 5 }), (messages, garbage) => {
        const assembler = new ChunkAssembler({ limits: { chunkBytes: 1024 } });
        for (const frame of garbage) assembler.push(frame);
        // Ids the garbage cannot have used: a real sender counts up from its own start.
        const got: Uint8Array[] = [];
        messages.forEach((message, i) => {
          for (const frame of splitMessage(message, 2 ** 50 + i, 1024)) {
            const result = assembler.push(frame);
            expect(result.ok).toBe(true);
            if (result.ok && result.message) got.push(result.message);
          }
        });
        expect(got).toEqual(messages);
      }),
      RUNS,
    );
  });
});
