// Property tests of .madang files (fast-check, bounded runs): any input is either a board that
// opens, with what its header promised, or one precise error key — never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { createNotes } from './commands';
import { decodeBoardFile, encodeBoardFile, importBoardFile } from './file';

const RUNS = { numRuns: 200 };
const ERRORS = ['file.tooLarge', 'file.notMadang', 'file.damaged', 'file.newerVersion'];

const noteText = fc.string({ maxLength: 80, unit: fc.constantFrom('a', 'ㄱ', '가', '한', '🌙', ' ', '\n', '"', '\\', 'é', '\u0000') });
const boardArb = fc.record({ title: fc.string({ maxLength: 40 }), texts: fc.array(noteText, { maxLength: 12 }) });

function makeBoard({ title, texts }: { title: string; texts: string[] }): Board {
  const board = Board.create(new Y.Doc(), { boardId: 'board-p', title });
  if (texts.length > 0) createNotes(board, texts.map((text, i) => ({ text, x: i * 10, y: 0, author: 'p' })));
  return board;
}

/** What opening a chosen file does; a board must open whenever the file decoded. */
function open(bytes: Uint8Array): { ok: true; notes: string[] } | { ok: false; error: string } {
  const decoded = decodeBoardFile(bytes);
  if (!decoded.ok) return decoded;
  const imported = importBoardFile(new Y.Doc(), decoded.file);
  if (!imported.ok) return imported;
  expect(imported.board.notes()).toHaveLength(decoded.file.noteCount);
  return { ok: true, notes: imported.board.notes().map((n) => n.text) };
}

const encoder = new TextEncoder();

describe('.madang files, any input', () => {
  it('round-trips any board with any note text', () => {
    fc.assert(
      fc.property(boardArb, (input) => {
        const result = open(encodeBoardFile(makeBoard(input)));
        expect(result.ok).toBe(true);
        if (result.ok) expect([...result.notes].sort()).toEqual([...input.texts].sort());
      }),
      RUNS,
    );
  });

  it('answers any bytes with a board or a precise error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        const result = open(bytes);
        if (!result.ok) expect(ERRORS).toContain(result.error);
      }),
      RUNS,
    );
  });

  it('answers any JSON claiming to be a board file with a board or a precise error', () => {
    const header = fc.record(
      { format: fc.constantFrom('madang-board', 'other'), formatVersion: fc.oneof(fc.integer(), fc.jsonValue()), schemaVersion: fc.oneof(fc.integer(), fc.jsonValue()), boardId: fc.oneof(fc.string(), fc.jsonValue()), title: fc.jsonValue(), exportedAt: fc.oneof(fc.double(), fc.jsonValue()), noteCount: fc.oneof(fc.nat(), fc.jsonValue()), stateCrc32: fc.oneof(fc.nat(), fc.jsonValue()), state: fc.oneof(fc.base64String(), fc.string(), fc.jsonValue()) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(header, (json) => {
        const result = open(encoder.encode(JSON.stringify(json)));
        if (!result.ok) expect(ERRORS).toContain(result.error);
      }),
      RUNS,
    );
  });

  it('answers a real file with bytes flipped, cut or spliced with a board or a precise error', () => {
    const file = encodeBoardFile(makeBoard({ title: '워크숍', texts: ['밤길이 어두워요', 'lights', '가로등'] }));
    const damage = fc.oneof(
      fc.array(fc.record({ at: fc.nat(file.byteLength - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }).map((flips) => {
        const copy = file.slice();
        for (const { at, value } of flips) copy[at] = value;
        return copy;
      }),
      fc.nat(file.byteLength).map((length) => file.slice(0, length)),
      fc.tuple(fc.nat(file.byteLength), fc.uint8Array({ maxLength: 64 })).map(([at, junk]) => new Uint8Array([...file.slice(0, at), ...junk, ...file.slice(at)])),
    );
    fc.assert(
      fc.property(damage, (bytes) => {
        const result = open(bytes);
        if (!result.ok) expect(ERRORS).toContain(result.error);
      }),
      RUNS,
    );
  });
});
