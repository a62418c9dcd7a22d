import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { metaMap } from './schema';
import {
  CLUSTER_LABEL_SPACE, CLUSTER_PADDING, bringToFront, connect, createFrame, createNote, createNotes, deleteRecords, editText, groupNotes,
  moveRecords, recolorNotes, relabel, renameBoard, renameFrame, reorder, resizeRecord, setParent, textDiff, ungroup,
} from './commands';
import { duplicateRecords } from './clipboard';
import type { ClusterRecord, ConnectorRecord, FrameRecord, NoteRecord } from './types';

function fresh(): Board {
  return Board.create(new Y.Doc(), { boardId: 'b1', title: '보드' });
}
const note = (board: Board, id: string) => board.get(id) as NoteRecord;
const geo = (board: Board, id: string) => (board.get(id) as NoteRecord | FrameRecord | ClusterRecord).geometry;

describe('createNote / createNotes', () => {
  it('creates a note with defaults, on top of everything', () => {
    const board = fresh();
    const first = createNote(board, { x: 10, y: 20, author: '참가자 1', text: '어두운 골목' }) as string;
    const second = createNote(board, { x: 0, y: 0, w: 200, h: 100, color: 'pink', author: '참가자 2' }) as string;
    expect(note(board, first)).toMatchObject({ type: 'note', text: '어두운 골목', color: 'yellow', author: '참가자 1', geometry: { x: 10, y: 20, w: 160, h: 120 } });
    expect(note(board, second)).toMatchObject({ color: 'pink', geometry: { w: 200, h: 100 } });
    expect(note(board, second).z > note(board, first).z).toBe(true);
  });

  it('ignores a frame or cluster that does not exist, and follows a cluster into its frame', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 800 }) as string;
    const [a] = createNotes(board, [{ x: 10, y: 60, author: 'p', frameId: frame }]) as [string];
    const cluster = groupNotes(board, [a], '묶음') as string;
    const b = createNote(board, { x: 20, y: 60, author: 'p', clusterId: cluster }) as string;
    const c = createNote(board, { x: 0, y: 0, author: 'p', frameId: 'nope' }) as string;
    expect(note(board, b)).toMatchObject({ clusterId: cluster, frameId: frame });
    expect(note(board, c).frameId).toBeUndefined();
  });

  it('clips overlong text and keeps an id hint only when it is free', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [
      { x: 0, y: 0, author: 'p', id: 'fixed', text: 'x'.repeat(20_000) },
      { x: 0, y: 0, author: 'p', id: 'fixed' },
    ]) as [string, string];
    expect(a).toBe('fixed');
    expect(b).not.toBe('fixed');
    expect(note(board, a).text).toHaveLength(10_000);
  });
});

describe('editText', () => {
  it('applies only the changed middle, so a concurrent edit at the start survives', () => {
    const board = fresh();
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: '골목이 어둡다' }) as string;
    editText(board, n, '골목이 너무 어둡다');
    expect(note(board, n).text).toBe('골목이 너무 어둡다');
    expect(textDiff('골목이 어둡다', '골목이 너무 어둡다')).toEqual({ index: 4, remove: 0, insert: '너무 ' });
  });

  it('never splits an emoji (surrogate pair)', () => {
    expect(textDiff('a😀b', 'a😁b')).toEqual({ index: 1, remove: 2, insert: '😁' });
    const board = fresh();
    const n = createNote(board, { x: 0, y: 0, author: 'p', text: 'a😀b' }) as string;
    editText(board, n, 'a😁b');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.doc));
    expect(Board.open(copy).get(n)).toMatchObject({ text: 'a😁b' });
  });

  it('refuses a record that is not a note', () => {
    const board = fresh();
    const f = createFrame(board, { x: 0, y: 0, w: 10, h: 10 }) as string;
    expect(editText(board, f, 'x')).toBe(false);
  });
});

describe('moveRecords / resizeRecord', () => {
  it('moves notes to their drop positions in one change', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }]) as [string, string];
    let events = 0;
    board.observe(() => events++);
    expect(moveRecords(board, [{ id: a, x: 50, y: 60 }, { id: b, x: 250, y: 60 }])).toBe(true);
    expect(events).toBe(1);
    expect(geo(board, a)).toEqual({ x: 50, y: 60, w: 160, h: 120 });
    expect(geo(board, b)).toMatchObject({ x: 250, y: 60 });
  });

  it('moving a frame carries its notes, its clusters and their notes by the same offset', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 1000, h: 1000, title: '1단계' }) as string;
    const [loose, c1, c2] = createNotes(board, [
      { x: 10, y: 50, author: 'p', frameId: frame },
      { x: 300, y: 300, author: 'p', frameId: frame },
      { x: 500, y: 300, author: 'p', frameId: frame },
    ]) as [string, string, string];
    const cluster = groupNotes(board, [c1, c2], '묶음') as string;
    const outside = createNote(board, { x: 2000, y: 2000, author: 'p' }) as string;
    const clusterBefore = geo(board, cluster);
    moveRecords(board, [{ id: frame, x: 100, y: -50 }]);
    expect(geo(board, frame)).toMatchObject({ x: 100, y: -50 });
    expect(geo(board, loose)).toMatchObject({ x: 110, y: 0 });
    expect(geo(board, c1)).toMatchObject({ x: 400, y: 250 });
    expect(geo(board, c2)).toMatchObject({ x: 600, y: 250 });
    expect(geo(board, cluster)).toMatchObject({ x: clusterBefore.x + 100, y: clusterBefore.y - 50 });
    expect(geo(board, outside)).toMatchObject({ x: 2000, y: 2000 });
  });

  it('a child dragged along with its frame keeps its own drop position (no double move)', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 1000, h: 1000 }) as string;
    const n = createNote(board, { x: 10, y: 50, author: 'p', frameId: frame }) as string;
    moveRecords(board, [{ id: frame, x: 100, y: 100 }, { id: n, x: 110, y: 150 }]);
    expect(geo(board, n)).toMatchObject({ x: 110, y: 150 });
  });

  it('moving a cluster carries its notes', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }]) as [string, string];
    const cluster = groupNotes(board, [a, b], 'x') as string;
    const g = geo(board, cluster);
    moveRecords(board, [{ id: cluster, x: g.x + 30, y: g.y + 40 }]);
    expect(geo(board, a)).toMatchObject({ x: 30, y: 40 });
    expect(geo(board, b)).toMatchObject({ x: 230, y: 40 });
  });

  it('ignores connectors, missing ids and non-numbers', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }]) as [string, string];
    const c = connect(board, a, b) as string;
    expect(moveRecords(board, [{ id: c, x: 1, y: 1 }, { id: 'nope', x: 1, y: 1 }, { id: a, x: NaN, y: 1 }])).toBe(false);
    expect(geo(board, a)).toMatchObject({ x: 0, y: 0 });
  });

  it('resizes a record and refuses a broken geometry', () => {
    const board = fresh();
    const f = createFrame(board, { x: 0, y: 0, w: 100, h: 100 }) as string;
    expect(resizeRecord(board, f, { x: -10, y: -10, w: 400, h: 300 })).toBe(true);
    expect(geo(board, f)).toEqual({ x: -10, y: -10, w: 400, h: 300 });
    expect(resizeRecord(board, f, { x: 0, y: 0, w: 0, h: 300 })).toBe(false);
    expect(resizeRecord(board, f, { x: 0, y: 0, w: Infinity, h: 300 })).toBe(false);
    expect(geo(board, f)).toEqual({ x: -10, y: -10, w: 400, h: 300 });
  });
});

describe('recolor, frames, labels', () => {
  it('recolors only notes, and only with a palette colour', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 0, y: 0, author: 'p' }]) as [string, string];
    const f = createFrame(board, { x: 0, y: 0, w: 10, h: 10 }) as string;
    expect(recolorNotes(board, [a, b, f], 'green')).toBe(true);
    expect([note(board, a).color, note(board, b).color]).toEqual(['green', 'green']);
    expect(recolorNotes(board, [a], 'chartreuse' as 'green')).toBe(false);
    expect(note(board, a).color).toBe('green');
  });

  it('creates and renames a frame; relabels connectors and clusters; renames the board', () => {
    const board = fresh();
    const f = createFrame(board, { x: 0, y: 0, w: 600, h: 400, title: '1단계: 문제 찾기' }) as string;
    expect(board.get(f)).toMatchObject({ type: 'frame', title: '1단계: 문제 찾기' });
    renameFrame(board, f, '1단계: 원인 찾기');
    expect((board.get(f) as FrameRecord).title).toBe('1단계: 원인 찾기');
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 300, y: 0, author: 'p' }]) as [string, string];
    const c = connect(board, a, b, '원인') as string;
    relabel(board, c, '결과');
    expect((board.get(c) as ConnectorRecord).label).toBe('결과');
    expect(relabel(board, a, 'x')).toBe(false);
    renameBoard(board, '새 이름');
    expect(board.title()).toBe('새 이름');
  });

  it('refuses a frame with a broken size', () => {
    expect(createFrame(fresh(), { x: 0, y: 0, w: -5, h: 10 })).toBeNull();
  });
});

describe('groupNotes / ungroup / setParent', () => {
  it('a cluster wraps its notes with padding, joins their common frame and sits under them', () => {
    const board = fresh();
    const frame = createFrame(board, { x: -100, y: -100, w: 2000, h: 2000 }) as string;
    const [a, b] = createNotes(board, [
      { x: 100, y: 200, author: 'p', frameId: frame },
      { x: 400, y: 260, w: 200, h: 150, author: 'p', frameId: frame },
    ]) as [string, string];
    const cluster = groupNotes(board, [a, b], '안전') as string;
    const c = board.get(cluster) as ClusterRecord;
    expect(c.geometry).toEqual({
      x: 100 - CLUSTER_PADDING,
      y: 200 - CLUSTER_PADDING - CLUSTER_LABEL_SPACE,
      w: 500 + 2 * CLUSTER_PADDING,
      h: 210 + 2 * CLUSTER_PADDING + CLUSTER_LABEL_SPACE,
    });
    expect(c).toMatchObject({ label: '안전', frameId: frame });
    expect(note(board, a)).toMatchObject({ clusterId: cluster, frameId: frame });
    expect(c.z < note(board, a).z && c.z < note(board, b).z).toBe(true);
    expect(board.children(frame).map((r) => r.id)).toEqual([cluster]);
  });

  it('notes from different frames leave them when grouped', () => {
    const board = fresh();
    const f1 = createFrame(board, { x: 0, y: 0, w: 500, h: 500 }) as string;
    const f2 = createFrame(board, { x: 600, y: 0, w: 500, h: 500 }) as string;
    const [a, b] = createNotes(board, [{ x: 10, y: 60, author: 'p', frameId: f1 }, { x: 610, y: 60, author: 'p', frameId: f2 }]) as [string, string];
    const cluster = groupNotes(board, [a, b], 'x') as string;
    expect((board.get(cluster) as ClusterRecord).frameId).toBeUndefined();
    expect(note(board, a).frameId).toBeUndefined();
    expect(groupNotes(board, [f1], 'not notes')).toBeNull();
  });

  it('ungroup keeps the notes (in the frame) and removes the cluster and its connectors', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 2000, h: 2000 }) as string;
    const [a, b, other] = createNotes(board, [
      { x: 100, y: 100, author: 'p', frameId: frame }, { x: 300, y: 100, author: 'p', frameId: frame }, { x: 900, y: 900, author: 'p' },
    ]) as [string, string, string];
    const cluster = groupNotes(board, [a, b], 'x') as string;
    const link = connect(board, cluster, other) as string;
    expect(ungroup(board, cluster)).toBe(true);
    expect(board.get(cluster)).toBeUndefined();
    expect(board.get(link)).toBeUndefined();
    expect(note(board, a).clusterId).toBeUndefined();
    expect(note(board, a).frameId).toBe(frame);
    expect(geo(board, a)).toMatchObject({ x: 100, y: 100 });
    expect(board.children(frame).map((r) => r.id)).toEqual([a, b]);
  });

  it('setParent puts an outside note into a cluster, inside its border, and the cluster grows', () => {
    const board = fresh();
    const [a, b, far] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }, { x: 5000, y: 5000, author: 'p' }]) as [string, string, string];
    const cluster = groupNotes(board, [a, b], 'x') as string;
    const before = geo(board, cluster);
    expect(setParent(board, [far], { clusterId: cluster })).toBe(true);
    const g = geo(board, far);
    const after = geo(board, cluster);
    expect(note(board, far).clusterId).toBe(cluster);
    expect(g.x >= after.x && g.y >= after.y && g.x + g.w <= after.x + after.w && g.y + g.h <= after.y + after.h).toBe(true);
    expect(after.h).toBeGreaterThan(before.h);
    expect(board.children(cluster).map((r) => r.id)).toContain(far);
  });

  it('setParent moves a cluster (with its notes) into a frame, and notes back to the top level', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 1000, y: 1000, w: 1500, h: 1500 }) as string;
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }]) as [string, string];
    const cluster = groupNotes(board, [a, b], 'x') as string;
    const offsetBefore = geo(board, a).x - geo(board, cluster).x;
    setParent(board, [cluster], { frameId: frame });
    expect(board.children(frame).map((r) => r.id)).toEqual([cluster]);
    expect(note(board, a).frameId).toBe(frame);
    expect(geo(board, a).x - geo(board, cluster).x).toBe(offsetBefore);
    expect(geo(board, cluster).x).toBeGreaterThanOrEqual(1000);
    setParent(board, [a], {});
    expect(note(board, a).clusterId).toBeUndefined();
    expect(note(board, a).frameId).toBeUndefined();
    expect(board.children(null).map((r) => r.id)).toContain(a);
  });

  it('setParent refuses a missing target and does not nest clusters', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 200, y: 0, author: 'p' }]) as [string, string];
    const c1 = groupNotes(board, [a], 'x') as string;
    const c2 = groupNotes(board, [b], 'y') as string;
    expect(setParent(board, [a], { clusterId: 'nope' })).toBe(false);
    expect(setParent(board, [c1], { clusterId: c2 })).toBe(false);
    expect(board.parentOf(c1)).toBeNull();
  });
});

describe('order', () => {
  it('reorder places a record between outline siblings', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i, y: 0, author: 'p' }))) as [string, string, string];
    reorder(board, c, { before: a });
    expect(board.children(null).map((r) => r.id)).toEqual([c, a, b]);
    reorder(board, c, { after: a });
    expect(board.children(null).map((r) => r.id)).toEqual([a, c, b]);
    reorder(board, a, { after: c, before: b });
    expect(board.children(null).map((r) => r.id)).toEqual([c, a, b]);
    expect(reorder(board, a, {})).toBe(false);
  });

  it('reorder only accepts siblings', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 500, h: 500 }) as string;
    const [inside, outside] = createNotes(board, [{ x: 0, y: 0, author: 'p', frameId: frame }, { x: 900, y: 0, author: 'p' }]) as [string, string];
    expect(reorder(board, outside, { before: inside })).toBe(false);
  });

  it('reorder still works when two peers produced the same z', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i, y: 0, author: 'p' }))) as [string, string, string];
    board.doc.transact(() => (board.doc.getMap('records').get(b) as Y.Map<unknown>).set('z', note(board, a).z));
    expect(reorder(board, c, { after: a })).toBe(true);
    expect(board.all()).toHaveLength(3);
  });

  it('bringToFront stacks the records above everything, keeping their order', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i, y: 0, author: 'p' }))) as [string, string, string];
    bringToFront(board, [b, a]);
    expect(board.all().map((r) => r.id)).toEqual([c, a, b]);
  });
});

describe('connectors and delete', () => {
  it('connect refuses missing ends, self-loops and connector ends', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 300, y: 0, author: 'p' }]) as [string, string];
    const c = connect(board, a, b, '원인') as string;
    expect(board.get(c)).toMatchObject({ type: 'connector', from: a, to: b, label: '원인' });
    expect(connect(board, a, 'missing')).toBeNull();
    expect(connect(board, a, a)).toBeNull();
    expect(connect(board, c, a)).toBeNull();
  });

  it('deleting a note removes its connectors, and only those', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 300, y: 0, author: 'p' }))) as [string, string, string];
    const ab = connect(board, a, b) as string;
    const bc = connect(board, b, c) as string;
    const ca = connect(board, c, a) as string;
    deleteRecords(board, [a]);
    expect(board.get(a)).toBeUndefined();
    expect(board.get(ab)).toBeUndefined();
    expect(board.get(ca)).toBeUndefined();
    expect(board.get(bc)).toBeDefined();
  });

  it('deleting a frame un-frames its contents; deleting a cluster ungroups its notes', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 2000, h: 2000 }) as string;
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 300, y: 100, author: 'p', frameId: frame }))) as [string, string, string];
    const cluster = groupNotes(board, [b, c], 'x') as string;
    deleteRecords(board, [frame]);
    expect(note(board, a).frameId).toBeUndefined();
    expect((board.get(cluster) as ClusterRecord).frameId).toBeUndefined();
    expect(note(board, b).clusterId).toBe(cluster);
    expect(note(board, b).frameId).toBeUndefined();
    deleteRecords(board, [cluster]);
    expect(note(board, b).clusterId).toBeUndefined();
    expect(board.children(null).map((r) => r.id)).toEqual([a, b, c]);
  });
});

describe('duplicateRecords', () => {
  it('copies with an offset, new ids, and the connectors between the copies', () => {
    const board = fresh();
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 300, y: 0, author: 'p', text: `메모 ${i}` }))) as [string, string, string];
    connect(board, a, b, '원인');
    connect(board, b, c);
    const copies = duplicateRecords(board, [a, b], { x: 20, y: 30 }) as string[];
    const copiedNotes = copies.map((id) => board.get(id)).filter((r): r is NoteRecord => r?.type === 'note');
    const copiedLinks = copies.map((id) => board.get(id)).filter((r): r is ConnectorRecord => r?.type === 'connector');
    expect(copiedNotes.map((n) => n.text)).toEqual(['메모 0', '메모 1']);
    expect(copiedNotes[0]?.geometry).toMatchObject({ x: 20, y: 30 });
    expect(copiedLinks).toHaveLength(1);
    expect(copiedLinks[0]).toMatchObject({ from: copiedNotes[0]?.id, to: copiedNotes[1]?.id, label: '원인' });
    expect(board.notes()).toHaveLength(5);
    expect(copies).not.toContain(a);
  });

  it('duplicating a frame duplicates what is inside; a duplicated note stays in its frame', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 1000, h: 1000 }) as string;
    const [a, b] = createNotes(board, [{ x: 10, y: 60, author: 'p', frameId: frame }, { x: 300, y: 60, author: 'p', frameId: frame }]) as [string, string];
    groupNotes(board, [b], 'x');
    const copies = duplicateRecords(board, [frame], { x: 1100, y: 0 }) as string[];
    const newFrame = copies.find((id) => board.get(id)?.type === 'frame') as string;
    expect(copies).toHaveLength(4);
    const inNew = board.children(newFrame);
    expect(inNew.map((r) => r.type).sort()).toEqual(['cluster', 'note']);
    const single = duplicateRecords(board, [a], { x: 0, y: 200 }) as [string];
    expect(note(board, single[0]).frameId).toBe(frame);
  });
});

describe('read-only board', () => {
  it('every command is refused and the doc does not change', () => {
    const board = fresh();
    const [a, b] = createNotes(board, [{ x: 0, y: 0, author: 'p' }, { x: 300, y: 0, author: 'p' }]) as [string, string];
    metaMap(board.doc).set('schemaVersion', 99);
    expect(board.readOnly).toBe(true);
    expect(board.readOnlyReason).toBe('newerSchema');
    const before = Y.encodeStateAsUpdate(board.doc);
    expect(createNote(board, { x: 0, y: 0, author: 'p' })).toBeNull();
    expect(createNotes(board, [{ x: 0, y: 0, author: 'p' }])).toBeNull();
    expect(editText(board, a, 'x')).toBe(false);
    expect(moveRecords(board, [{ id: a, x: 9, y: 9 }])).toBe(false);
    expect(resizeRecord(board, a, { x: 0, y: 0, w: 9, h: 9 })).toBe(false);
    expect(recolorNotes(board, [a], 'blue')).toBe(false);
    expect(createFrame(board, { x: 0, y: 0, w: 9, h: 9 })).toBeNull();
    expect(groupNotes(board, [a, b], 'x')).toBeNull();
    expect(setParent(board, [a], {})).toBe(false);
    expect(reorder(board, a, { after: b })).toBe(false);
    expect(bringToFront(board, [a])).toBe(false);
    expect(connect(board, a, b)).toBeNull();
    expect(deleteRecords(board, [a])).toBe(false);
    expect(duplicateRecords(board, [a], { x: 1, y: 1 })).toBeNull();
    expect(renameBoard(board, 'x')).toBe(false);
    expect(Y.encodeStateAsUpdate(board.doc)).toEqual(before);
  });
});
