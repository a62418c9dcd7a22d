// Property tests of what a link can send the hub (fast-check, bounded runs): sync and awareness
// messages of any bytes go through the public receive(); it never throws, and the board changes
// only by an update Yjs can apply.
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE, peekMessage, SYNC, updateMessage } from '../../../shared/sync/protocol';
import { createMemoryLogger } from '../log';
import { HubRoom, type HubLink } from './hubRoom';

const RUNS = { numRuns: 200 };

/** A board the hub holds before the link speaks, and a valid edit of it by someone else. */
const base = new Y.Doc();
base.getMap('records').set('n1', 'first note');
base.getText('t').insert(0, '마당');
const baseState = Y.encodeStateAsUpdate(base);
const editor = new Y.Doc();
Y.applyUpdate(editor, baseState);
editor.getMap('records').set('n2', 'second note');
editor.getText('t').insert(2, ' workshop');
const validEdit = Y.encodeStateAsUpdate(editor, Y.encodeStateVector(base));

function framed(type: number, subtype: number | null, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (subtype !== null) encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness update as y-protocols encodes one, with any ids, clocks and JSON states. */
const awarenessUpdate = fc.array(fc.record({ client: fc.oneof(fc.nat(), fc.constant(2 ** 32 - 1)), clock: fc.nat(), state: fc.oneof(fc.jsonValue(), fc.constant(null)) }), { maxLength: 5 }).map((entries) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { client, clock, state } of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
});

const damagedEdit = fc.oneof(
  fc.nat(validEdit.byteLength).map((n) => validEdit.slice(0, n)),
  fc.array(fc.record({ at: fc.nat(validEdit.byteLength - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }).map((flips) => {
    const copy = validEdit.slice();
    for (const { at, value } of flips) copy[at] = value;
    return copy;
  }),
);

const message = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.tuple(fc.constantFrom(SYNC.step1, SYNC.step2, SYNC.update, 3, 200), fc.uint8Array({ maxLength: 300 })).map(([sub, payload]) => framed(MESSAGE.sync, sub, payload)),
  fc.tuple(fc.constantFrom(SYNC.step2, SYNC.update), damagedEdit).map(([sub, payload]) => framed(MESSAGE.sync, sub, payload)),
  fc.constant(updateMessage(validEdit)),
  fc.uint8Array({ maxLength: 300 }).map((payload) => framed(MESSAGE.awareness, null, payload)),
  awarenessUpdate.map((payload) => framed(MESSAGE.awareness, null, payload)),
  fc.constantFrom(new Uint8Array([MESSAGE.queryAwareness]), new Uint8Array([MESSAGE.auth, 0]), new Uint8Array([MESSAGE.bcPeerId, 1, 65])),
);

/** Whether Yjs itself can apply the update a message carries to the board as it is. */
function appliesTo(doc: Y.Doc, bytes: Uint8Array): boolean {
  const peeked = peekMessage(bytes);
  if (peeked?.type !== 'update' && peeked?.type !== 'syncStep2') return false;
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(scratch, peeked.update);
    return true;
  } catch {
    return false;
  } finally {
    scratch.destroy();
  }
}

describe('HubRoom.receive, any message', () => {
  it('never throws, and leaves the board as it was unless the message was an update Yjs can apply', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 6 }), (messages) => {
        const hub = new HubRoom('room-p', createMemoryLogger(), { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 });
        try {
          Y.applyUpdate(hub.doc, baseState, 'store');
          const link: HubLink = { id: 'p', transport: 'relay', memberId: 'p', actor: { memberId: 'p', role: 'participant' }, send: () => {}, close: () => {} };
          const other: HubLink = { id: 'o', transport: 'relay', memberId: 'o', actor: { memberId: 'o', role: 'participant' }, send: () => {}, close: () => {} };
          hub.attach(link);
          hub.attach(other);
          for (const bytes of messages) {
            const before = Y.encodeStateAsUpdate(hub.doc);
            const valid = appliesTo(hub.doc, bytes);
            expect(() => hub.receive(link, bytes)).not.toThrow();
            if (!valid) expect(Y.encodeStateAsUpdate(hub.doc)).toEqual(before);
          }
          expect(() => hub.flush()).not.toThrow();
        } finally {
          hub.destroy();
        }
      }),
      RUNS,
    );
  });
});
