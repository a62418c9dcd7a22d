import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { REMOTE } from './schema';
import type { NoteRecord } from './types';
import { connect, createNote, createNotes, deleteRecords, editText, moveRecords, recolorNotes } from './commands';

/** Exchange what each side is missing, as a provider would after reconnecting. */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

function pair(): [Board, Board] {
  const a = Board.create(new Y.Doc(), { boardId: 'shared', title: '같이 쓰는 보드' });
  const docB = new Y.Doc();
  sync(a.doc, docB);
  return [a, Board.open(docB)];
}

const plain = (board: Board) => board.all().map((r) => ({ ...r }));

describe('two peers', () => {
  it('updates flow both ways', () => {
    const [a, b] = pair();
    const fromA = createNote(a, { x: 0, y: 0, author: 'A', text: '가' }) as string;
    const fromB = createNote(b, { x: 300, y: 0, author: 'B', text: '나' }) as string;
    sync(a.doc, b.doc);
    expect(a.get(fromB)).toMatchObject({ text: '나', author: 'B' });
    expect(b.get(fromA)).toMatchObject({ text: '가', author: 'A' });
    expect(b.title()).toBe('같이 쓰는 보드');
  });

  it('two people typing in the same note at the same time both keep their words', () => {
    const [a, b] = pair();
    const n = createNote(a, { x: 0, y: 0, author: 'A', text: '골목이 어둡다' }) as string;
    sync(a.doc, b.doc);
    editText(a, n, '밤에 골목이 어둡다');
    editText(b, n, '골목이 어둡다, 가로등이 필요해요');
    sync(a.doc, b.doc);
    expect(a.get(n)).toMatchObject({ text: '밤에 골목이 어둡다, 가로등이 필요해요' });
    expect(b.get(n)).toEqual(a.get(n));
  });

  it('concurrent moves of the same note converge to one position; moves of different notes both stay', () => {
    const [a, b] = pair();
    const [n, m] = createNotes(a, [{ x: 0, y: 0, author: 'A' }, { x: 300, y: 0, author: 'A' }]) as [string, string];
    sync(a.doc, b.doc);
    moveRecords(a, [{ id: n, x: 100, y: 100 }, { id: m, x: 400, y: 400 }]);
    moveRecords(b, [{ id: n, x: -100, y: -100 }]);
    recolorNotes(b, [m], 'blue');
    sync(a.doc, b.doc);
    expect(plain(a)).toEqual(plain(b));
    expect([100, -100]).toContain((a.get(n) as NoteRecord).geometry.x);
    expect(b.get(m)).toMatchObject({ color: 'blue', geometry: { x: 400, y: 400 } });
  });

  it('notes created at the same moment on both sides get one agreed order', () => {
    const [a, b] = pair();
    createNotes(a, [{ x: 0, y: 0, author: 'A' }, { x: 0, y: 0, author: 'A' }]);
    createNotes(b, [{ x: 0, y: 0, author: 'B' }, { x: 0, y: 0, author: 'B' }]);
    sync(a.doc, b.doc);
    expect(a.all().map((r) => r.id)).toEqual(b.all().map((r) => r.id));
    expect(a.all()).toHaveLength(4);
  });

  it('a note deleted on one side while edited on the other is gone on both, with its connectors', () => {
    const [a, b] = pair();
    const [n, m] = createNotes(a, [{ x: 0, y: 0, author: 'A', text: 'x' }, { x: 300, y: 0, author: 'A' }]) as [string, string];
    connect(a, n, m);
    sync(a.doc, b.doc);
    deleteRecords(a, [n]);
    editText(b, n, 'xy');
    sync(a.doc, b.doc);
    expect(a.get(n)).toBeUndefined();
    expect(b.get(n)).toBeUndefined();
    expect(b.all().map((r) => r.id)).toEqual([m]);
  });
});
