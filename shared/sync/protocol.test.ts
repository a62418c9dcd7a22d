import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stateAsUpdate } from './protocol';

function board(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('records').set('a', text);
  return doc;
}

describe('stateAsUpdate', () => {
  it('answers every state vector exactly as Yjs does, the whole state from one encoding per change', () => {
    const doc = board('first');
    const stranger = new Y.Doc();
    stranger.getMap('records').set('x', 'theirs');
    const empty = Y.encodeStateVector(new Y.Doc());
    const foreign = Y.encodeStateVector(stranger);
    const partial = Y.encodeStateVector(doc);

    const whole = stateAsUpdate(doc, empty);
    expect(whole).toEqual(Y.encodeStateAsUpdate(doc));
    // Joiners who have nothing of ours share one encoding.
    expect(stateAsUpdate(doc, foreign)).toBe(whole);
    expect(stateAsUpdate(doc, partial)).toEqual(Y.encodeStateAsUpdate(doc, partial));

    doc.getMap('records').set('b', 'second');
    const after = stateAsUpdate(doc, empty);
    expect(after).not.toBe(whole);
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, after);
    expect(joiner.getMap('records').toJSON()).toEqual({ a: 'first', b: 'second' });
  });
});
