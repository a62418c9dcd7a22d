import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sameValue, syncRootMaps } from './restore';

function docWith(fill: (records: Y.Map<unknown>, meta: Y.Map<unknown>) => void): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => fill(doc.getMap('records'), doc.getMap('meta')));
  return doc;
}

const json = (doc: Y.Doc) => ({ records: doc.getMap('records').toJSON(), meta: doc.getMap('meta').toJSON() });

describe('syncRootMaps', () => {
  it('makes the live maps equal to the source, whatever the value types', () => {
    const source = docWith((records, meta) => {
      meta.set('title', '원래 제목');
      const note = new Y.Map<unknown>();
      note.set('geometry', { x: 1, y: 2, w: 3, h: 4 });
      note.set('text', new Y.Text('원래 글'));
      note.set('tags', Y.Array.from(['a', 'b']));
      note.set('blob', new Uint8Array([1, 2, 3]));
      records.set('n1', note);
      records.set('plain', { kept: true });
      const rich = new Y.Text();
      rich.insert(0, '굵게', { bold: true });
      records.set('rich', rich);
    });
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(source));
    live.transact(() => {
      const note = live.getMap('records').get('n1') as Y.Map<unknown>;
      (note.get('text') as Y.Text).insert(0, '고친 ');
      note.set('geometry', { x: 9, y: 9, w: 3, h: 4 });
      (note.get('tags') as Y.Array<string>).push(['c']);
      note.set('extra', 1);
      note.set('blob', new Uint8Array([9]));
      live.getMap('records').set('new', new Y.Map());
      live.getMap('records').delete('plain');
      (live.getMap('records').get('rich') as Y.Text).format(0, 1, { bold: null });
      live.getMap('meta').set('title', '바뀐 제목');
    });
    expect(json(live)).not.toEqual(json(source));
    live.transact(() => syncRootMaps(live, source, ['records', 'meta']), 'local');
    expect(json(live)).toEqual(json(source));
    expect((live.getMap('records').get('rich') as Y.Text).toDelta()).toEqual([{ insert: '굵게', attributes: { bold: true } }]);
  });

  it('writes nothing when the maps are already equal', () => {
    const source = docWith((records) => {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text('같음'));
      note.set('geometry', { x: 1, y: 2 });
      records.set('n', note);
    });
    const live = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(source));
    let updates = 0;
    live.on('update', () => updates++);
    live.transact(() => syncRootMaps(live, source, ['records', 'meta']));
    expect(updates).toBe(0);
  });

  it('converges with a peer that edited concurrently', () => {
    const source = docWith((records) => records.set('a', 1));
    const live = new Y.Doc();
    const peer = new Y.Doc();
    Y.applyUpdate(live, Y.encodeStateAsUpdate(source));
    live.getMap('records').set('b', 2);
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
    peer.getMap('records').set('c', 3); // concurrent with the restore below
    live.transact(() => syncRootMaps(live, source, ['records']));
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(live, Y.encodeStateAsUpdate(peer));
    expect(live.getMap('records').toJSON()).toEqual(peer.getMap('records').toJSON());
    expect(live.getMap('records').toJSON()).toEqual({ a: 1, c: 3 });
  });
});

describe('sameValue', () => {
  it('compares JSON values and bytes structurally', () => {
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameValue(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(sameValue(new Uint8Array([1, 2]), [1, 2])).toBe(false);
    expect(sameValue(null, undefined)).toBe(false);
    expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  });
});
