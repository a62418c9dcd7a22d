import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { BOARD_SCHEMA_VERSION, LOCAL, metaMap, recordsMap } from './schema';
import { createFrame, createNote, createNotes, editText, groupNotes, moveRecords } from './commands';
import type { BoardChange } from './types';

function fresh(): Board {
  return Board.create(new Y.Doc(), { boardId: 'b1', title: '골목 안전' });
}

describe('Board.create / open', () => {
  it('writes meta once and keeps an existing board as it is', () => {
    const doc = new Y.Doc();
    const board = Board.create(doc, { boardId: 'b1', title: '첫 보드' });
    expect(board.boardId()).toBe('b1');
    expect(board.title()).toBe('첫 보드');
    expect(metaMap(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    const again = Board.create(doc, { boardId: 'other', title: 'x' });
    expect(again.boardId()).toBe('b1');
    expect(again.readOnly).toBe(false);
    expect(again.readOnlyReason).toBeUndefined();
  });

  it('open on an empty doc (waiting for sync) writes nothing', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    Board.open(doc);
    expect(updates).toBe(0);
  });
});

describe('reading', () => {
  it('get returns a frozen snapshot that stays the same object until that record changes', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p', text: '가' }, { x: 200, y: 0, author: 'p', text: '나' }]) as [string, string];
    const snapA = board.get(a);
    const snapB = board.get(b);
    expect(Object.isFrozen(snapA)).toBe(true);
    expect(board.get(a)).toBe(snapA);
    editText(board, a, '가다');
    expect(board.get(a)).not.toBe(snapA);
    expect(board.get(a)).toMatchObject({ text: '가다' });
    expect(board.get(b)).toBe(snapB);
  });

  it('all() is sorted by z and notes() lists only notes', () => {
    const board = fresh();
    const n1 = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    const f = createFrame(board, { x: 0, y: 0, w: 500, h: 500, title: '1단계' }) as string;
    const n2 = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    expect(board.all().map((r) => r.id)).toEqual([n1, f, n2]);
    expect(board.notes().map((r) => r.id)).toEqual([n1, n2]);
  });

  it('children() gives the outline: frames → clusters/notes → notes in clusters; loose notes at top', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 1000, h: 1000, title: '문제 찾기' }) as string;
    const [inFrame, inCluster1, inCluster2] = createNotes(board, [
      { x: 10, y: 10, author: 'p', frameId: frame },
      { x: 300, y: 300, author: 'p', frameId: frame },
      { x: 500, y: 300, author: 'p', frameId: frame },
    ]) as [string, string, string];
    const loose = createNote(board, { x: 2000, y: 0, author: 'p' }) as string;
    const cluster = groupNotes(board, [inCluster1, inCluster2], '어두움') as string;
    expect(board.children(null).map((r) => r.id)).toEqual([frame, loose]);
    expect(board.children(frame).map((r) => r.id)).toEqual([inFrame, cluster]);
    expect(board.children(cluster).map((r) => r.id)).toEqual([inCluster1, inCluster2]);
    expect(board.parentOf(inCluster1)).toBe(cluster);
  });

  it('tolerates records a buggy or newer peer wrote: unknown types hidden, bad fields defaulted', () => {
    const board = fresh();
    const records = recordsMap(board.doc);
    board.doc.transact(() => {
      const odd = new Y.Map<unknown>();
      records.set('odd', odd);
      odd.set('type', 'sticker');
      const bad = new Y.Map<unknown>();
      records.set('bad', bad);
      bad.set('type', 'note');
      bad.set('geometry', { x: 'left' });
      bad.set('color', 'chartreuse');
      (records as Y.Map<unknown>).set('notAMap', 42);
    });
    expect(board.get('odd')).toBeUndefined();
    expect(board.get('notAMap')).toBeUndefined();
    expect(board.get('bad')).toMatchObject({ type: 'note', text: '', color: 'yellow', geometry: { x: 0, y: 0, w: 160, h: 120 } });
    expect(board.all().map((r) => r.id)).toEqual(['bad']);
  });

  it('textOf gives the shared Y.Text of a note only', () => {
    const board = fresh();
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: '안녕' }) as string;
    const f = createFrame(board, { x: 0, y: 0, w: 10, h: 10 }) as string;
    expect(board.textOf(n)?.toString()).toBe('안녕');
    expect(board.textOf(f)).toBeUndefined();
    expect(board.textOf('missing')).toBeUndefined();
  });
});

describe('observe', () => {
  it('reports exactly the added, updated and removed ids, once per transaction', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 200, y: 0, author: 'p' }))) as [string, string, string];
    const changes: BoardChange[] = [];
    board.observe((ch) => changes.push(ch));
    board.doc.transact(() => {
      recordsMap(board.doc).get(a)?.set('color', 'pink');
      recordsMap(board.doc).delete(c);
    }, LOCAL);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ added: [], updated: [a], removed: [c], local: true, origin: LOCAL });
    editText(board, b, '새 글');
    expect(changes[1]).toMatchObject({ added: [], updated: [b], removed: [] });
  });

  it('a text edit reports its note as updated', () => {
    const board = fresh();
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: 'abc' }) as string;
    const seen: string[][] = [];
    board.observe((ch) => seen.push(ch.updated));
    board.textOf(n)?.insert(1, 'X');
    expect(seen).toEqual([[n]]);
    expect(board.get(n)).toMatchObject({ text: 'aXbc' });
  });

  it('5,000 notes in one call are one change event, and editing one of them touches one record', () => {
    const board = fresh();
    const changes: BoardChange[] = [];
    const stop = board.observe((ch) => changes.push(ch));
    const ids = createNotes(board, Array.from({ length: 5000 }, (_, i) => ({ x: (i % 70) * 180, y: Math.floor(i / 70) * 140, author: 'p', text: `메모 ${i}` }))) as string[];
    expect(ids).toHaveLength(5000);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.added).toHaveLength(5000);
    const before = board.notes();
    editText(board, ids[1234] as string, '바뀐 메모');
    expect(changes[1]?.updated).toEqual([ids[1234]]);
    const after = board.notes();
    const rebuilt = after.filter((r, i) => r !== before[i]);
    expect(rebuilt.map((r) => r.id)).toEqual([ids[1234]]);
    stop();
    moveRecords(board, [{ id: ids[0] as string, x: 5, y: 5 }]);
    expect(changes).toHaveLength(2);
  });

  it('remote changes arrive with local=false', () => {
    const a = fresh();
    const docB = new Y.Doc();
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc));
    const b = Board.open(docB);
    const changes: BoardChange[] = [];
    b.observe((ch) => changes.push(ch));
    const before = Y.encodeStateVector(docB);
    const n = createNote(a, { x: 0, y: 0, author: 'p' }) as string;
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(a.doc, before), 'remote');
    expect(changes).toEqual([{ added: [n], updated: [], removed: [], local: false, origin: 'remote' }]);
  });
});
