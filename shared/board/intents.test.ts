// The multi-step intents (one user action = one command = one transaction = one undo step) and the
// record-type registry's migration hook; a board written before the registry opens unchanged.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { BOARD_SCHEMA_VERSION, LOCAL, metaMap, recordsMap } from './schema';
import { runMigrations } from './migrations';
import { createUndoManager } from './undo';
import {
  addNoteHere, createFrame, createNote, freeSpotNear, frameAround, groupNotes, moveAndReparent, moveInto, setLabel, ungroupClusters,
} from './commands';
import { noteType } from './records/note';
import { RECORD_TYPES, writeRecord } from './records/registry';
import type { ClusterRecord, FrameRecord, NoteRecord, RecordWithGeometry } from './types';

function fresh(): Board {
  return Board.create(new Y.Doc(), { boardId: 'b1', title: '보드' });
}
const get = <T>(board: Board, id: string) => board.get(id) as T;
const state = (board: Board) => JSON.stringify(board.all());

/** Runs the action; checks it was one change event and that one undo brings the board back exactly. */
function oneStep<T>(board: Board, action: () => T): T {
  const undo = createUndoManager(board);
  const before = state(board);
  let events = 0;
  const stop = board.observe(() => events++);
  const result = action();
  stop();
  expect(events, 'change events').toBe(1);
  const after = state(board);
  undo.undo();
  expect(state(board), 'after one undo').toBe(before);
  undo.redo();
  expect(state(board), 'after redo').toBe(after);
  undo.destroy();
  return result;
}

describe('moveAndReparent', () => {
  it('a note dropped on a cluster joins it (the cluster grows), as one undo step', () => {
    const board = fresh();
    const [a, b] = [createNote(board, { x: 0, y: 0, author: 'p' }), createNote(board, { x: 200, y: 0, author: 'p' })] as [string, string];
    const cluster = groupNotes(board, [a, b], '묶음') as string;
    const loose = createNote(board, { x: 1000, y: 1000, author: 'p' }) as string;
    const box = get<ClusterRecord>(board, cluster).geometry;
    oneStep(board, () => moveAndReparent(board, [{ id: loose, x: box.x + box.w - 100, y: box.y + 40 }]));
    expect(get<NoteRecord>(board, loose).clusterId).toBe(cluster);
    const grown = get<ClusterRecord>(board, cluster).geometry;
    const note = get<NoteRecord>(board, loose).geometry;
    expect(grown.x + grown.w).toBeGreaterThanOrEqual(note.x + note.w);
  });

  it('a note dragged out of its cluster leaves it, and into a frame joins the frame', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 2000, y: 0, w: 800, h: 600 }) as string;
    const a = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    groupNotes(board, [a], '묶음');
    oneStep(board, () => moveAndReparent(board, [{ id: a, x: 2100, y: 100 }]));
    expect(get<NoteRecord>(board, a)).toMatchObject({ frameId: frame, geometry: { x: 2100, y: 100 } });
    expect(get<NoteRecord>(board, a).clusterId).toBeUndefined();
  });

  it('a cluster moved with its notes keeps them; nothing moved writes nothing', () => {
    const board = fresh();
    const a = createNote(board, { x: 0, y: 0, author: 'p' }) as string;
    const cluster = groupNotes(board, [a], '묶음') as string;
    const box = get<ClusterRecord>(board, cluster).geometry;
    oneStep(board, () => moveAndReparent(board, [{ id: cluster, x: box.x + 500, y: box.y }, { id: a, x: 500, y: 0 }]));
    expect(get<NoteRecord>(board, a).clusterId).toBe(cluster);
    expect(moveAndReparent(board, [{ id: a, x: 500, y: 0 }])).toBe(false);
  });
});

describe('frameAround', () => {
  it('frames the selection as one step; a note in a cluster brings its cluster', () => {
    const board = fresh();
    const [a, b, c] = [0, 200, 600].map((x) => createNote(board, { x, y: 0, author: 'p' })) as [string, string, string];
    const cluster = groupNotes(board, [a, b], '묶음') as string;
    const frame = oneStep(board, () => frameAround(board, [a, c], { title: '새 프레임', author: 'p' })) as string;
    expect(get<FrameRecord>(board, frame).title).toBe('새 프레임');
    expect(board.children(frame).map((r) => r.id).sort()).toEqual([cluster, c].sort());
    expect(get<NoteRecord>(board, a)).toMatchObject({ clusterId: cluster, frameId: frame });
    const f = get<FrameRecord>(board, frame).geometry;
    for (const id of [a, b, c]) {
      const g = get<RecordWithGeometry>(board, id).geometry;
      expect(g.x >= f.x && g.y >= f.y && g.x + g.w <= f.x + f.w && g.y + g.h <= f.y + f.h, id).toBe(true);
    }
  });

  it('makes nothing from a selection a frame may not hold', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 100, h: 100 }) as string;
    expect(frameAround(board, [frame, 'missing'], { title: 'x' })).toBeNull();
    expect(board.all()).toHaveLength(1);
  });
});

describe('ungroupClusters, moveInto, setLabel', () => {
  it('ungrouping several clusters is one step', () => {
    const board = fresh();
    const notes = [0, 200, 600, 800].map((x) => createNote(board, { x, y: 0, author: 'p' })) as string[];
    const c1 = groupNotes(board, notes.slice(0, 2), '하나') as string;
    const c2 = groupNotes(board, notes.slice(2), '둘') as string;
    oneStep(board, () => ungroupClusters(board, [c1, c2]));
    expect(board.get(c1)).toBeUndefined();
    expect(board.get(c2)).toBeUndefined();
    expect(board.notes().every((n) => n.clusterId === undefined)).toBe(true);
  });

  it('moving into a container and into its order is one step', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600 }) as string;
    const [a, b] = [createNote(board, { x: 10, y: 60, author: 'p', frameId: frame }), createNote(board, { x: 200, y: 60, author: 'p', frameId: frame })] as [string, string];
    const outside = createNote(board, { x: 5000, y: 5000, author: 'p' }) as string;
    oneStep(board, () => moveInto(board, [outside], frame, { after: a }));
    expect(board.children(frame).map((r) => r.id)).toEqual([a, outside, b]);
    oneStep(board, () => moveInto(board, [a], null, { last: true }));
    expect(get<NoteRecord>(board, a).frameId).toBeUndefined();
  });

  it('setLabel writes the field the type keeps its words in, and nothing when unchanged', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600, title: '처음' }) as string;
    const note = createNote(board, { x: 0, y: 0, author: 'p', text: '안녕' }) as string;
    oneStep(board, () => setLabel(board, frame, '문제 정의'));
    oneStep(board, () => setLabel(board, note, '안녕하세요'));
    expect(get<FrameRecord>(board, frame).title).toBe('문제 정의');
    expect(get<NoteRecord>(board, note).text).toBe('안녕하세요');
    expect(setLabel(board, frame, '문제 정의')).toBe(false);
  });
});

describe('addNoteHere: one placement rule for the canvas and the outline', () => {
  it('finds the nearest spot where the new note touches no other note', () => {
    const board = fresh();
    createNote(board, { x: -80, y: -60, author: 'p' }); // centred on the origin
    const spot = freeSpotNear(board, { x: 0, y: 0 });
    expect(spot).not.toEqual({ x: 0, y: 0 });
    const id = oneStep(board, () => addNoteHere(board, { at: { x: 0, y: 0 }, findFree: true, author: 'p' })) as string;
    const [first, added] = [board.notes()[0], get<NoteRecord>(board, id)] as [NoteRecord, NoteRecord];
    const g = added.geometry, o = first.geometry;
    expect(g.x >= o.x + o.w || g.x + g.w <= o.x || g.y >= o.y + o.h || g.y + g.h <= o.y).toBe(true);
  });

  it('on the canvas, a note at a point inside a cluster joins the cluster and its frame', () => {
    const board = fresh();
    const frame = createFrame(board, { x: -500, y: -500, w: 2000, h: 2000 }) as string;
    const a = createNote(board, { x: 0, y: 0, author: 'p', frameId: frame }) as string;
    const cluster = groupNotes(board, [a], '묶음') as string;
    const box = get<ClusterRecord>(board, cluster).geometry;
    const id = addNoteHere(board, { at: { x: box.x + box.w / 2, y: box.y + box.h - 10 }, author: 'p', color: 'blue' }) as string;
    expect(get<NoteRecord>(board, id)).toMatchObject({ clusterId: cluster, frameId: frame, color: 'blue' });
  });

  it('from the outline, a note given a container lands inside it, right after its sibling, in one step', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600 }) as string;
    const [a, b] = [createNote(board, { x: 10, y: 60, author: 'p', frameId: frame }), createNote(board, { x: 200, y: 60, author: 'p', frameId: frame })] as [string, string];
    const cluster = groupNotes(board, [a, b], '묶음') as string;
    const id = oneStep(board, () => addNoteHere(board, { at: { x: 5000, y: 5000 }, findFree: true, author: 'p', containerId: cluster, after: a })) as string;
    expect(board.children(cluster).map((r) => r.id)).toEqual([a, id, b]);
    const note = get<NoteRecord>(board, id).geometry;
    const box = get<ClusterRecord>(board, cluster).geometry;
    expect(note.x >= box.x && note.y >= box.y && note.x + note.w <= box.x + box.w && note.y + note.h <= box.y + box.h).toBe(true);
  });

  it('refuses a container that is not there', () => {
    const board = fresh();
    expect(addNoteHere(board, { at: { x: 0, y: 0 }, author: 'p', containerId: 'gone' })).toBeNull();
    expect(board.all()).toHaveLength(0);
  });
});

describe('a board written before the record registry', () => {
  /** The layout the app wrote before this change, by hand: one Y.Map per record, note text a Y.Text. */
  function oldBoard(): Y.Doc {
    const doc = new Y.Doc();
    doc.transact(() => {
      const meta = doc.getMap('meta');
      meta.set('schemaVersion', 1);
      meta.set('boardId', 'old');
      meta.set('title', '예전 보드');
      const records = doc.getMap('records');
      const put = (fields: Record<string, unknown>) => {
        const y = new Y.Map<unknown>();
        records.set(fields['id'] as string, y);
        for (const [k, v] of Object.entries(fields)) y.set(k, v);
      };
      const base = { z: 'a0', createdAt: 100, updatedAt: 200, author: '참가자 1' };
      put({ ...base, id: 'f1', type: 'frame', geometry: { x: 0, y: 0, w: 800, h: 600 }, title: '문제 나무', template: 'problemTree' });
      put({ ...base, id: 'c1', type: 'cluster', z: 'a1', geometry: { x: 10, y: 50, w: 400, h: 200 }, label: '원인', frameId: 'f1' });
      put({ ...base, id: 'n1', type: 'note', z: 'a2', geometry: { x: 20, y: 90, w: 160, h: 120 }, text: new Y.Text('가로등이 없다'), color: 'green', frameId: 'f1', clusterId: 'c1' });
      put({ ...base, id: 'n2', type: 'note', z: 'a3', geometry: { x: 900, y: 0, w: 160, h: 120 }, text: new Y.Text('밤길이 무섭다'), color: 'yellow' });
      put({ ...base, id: 'k1', type: 'connector', z: 'a4', from: 'n1', to: 'n2', label: '그래서' });
    }, LOCAL);
    return doc;
  }

  it('opens unchanged: the same records, and not one byte written', () => {
    const doc = oldBoard();
    const before = Y.encodeStateAsUpdate(doc);
    const board = Board.open(doc);
    expect(board.readOnly).toBe(false);
    expect(JSON.parse(JSON.stringify(board.all()))).toEqual([
      { id: 'f1', type: 'frame', z: 'a0', createdAt: 100, updatedAt: 200, author: '참가자 1', geometry: { x: 0, y: 0, w: 800, h: 600 }, title: '문제 나무', template: 'problemTree' },
      { id: 'c1', type: 'cluster', z: 'a1', createdAt: 100, updatedAt: 200, author: '참가자 1', geometry: { x: 10, y: 50, w: 400, h: 200 }, label: '원인', frameId: 'f1' },
      { id: 'n1', type: 'note', z: 'a2', createdAt: 100, updatedAt: 200, author: '참가자 1', geometry: { x: 20, y: 90, w: 160, h: 120 }, text: '가로등이 없다', color: 'green', frameId: 'f1', clusterId: 'c1' },
      { id: 'n2', type: 'note', z: 'a3', createdAt: 100, updatedAt: 200, author: '참가자 1', geometry: { x: 900, y: 0, w: 160, h: 120 }, text: '밤길이 무섭다', color: 'yellow' },
      { id: 'k1', type: 'connector', z: 'a4', createdAt: 100, updatedAt: 200, author: '참가자 1', from: 'n1', to: 'n2', label: '그래서' },
    ]);
    expect(board.children('c1').map((r) => r.id)).toEqual(['n1']);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('the registry writes a record in exactly the old layout', () => {
    const board = Board.open(oldBoard());
    const again = new Y.Doc();
    again.transact(() => board.all().forEach((r) => writeRecord(recordsMap(again), r)));
    expect(recordsMap(again).toJSON()).toEqual(recordsMap(board.doc).toJSON());
  });
});

describe('per-type migration hook', () => {
  it('runs a type’s own step on each record of that type, in the migration transaction', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const records = recordsMap(doc);
      for (const [id, type] of [['n1', 'note'], ['f1', 'frame']] as const) {
        const y = new Y.Map<unknown>();
        records.set(id, y);
        y.set('type', type);
      }
    });
    const stamped = { ...noteType, migrations: [{ id: 'note.test.stamp', toVersion: BOARD_SCHEMA_VERSION, up: (y: Y.Map<unknown>) => y.set('color', 'blue') }] };
    const types = RECORD_TYPES.map((t) => (t.type === 'note' ? stamped : t));
    const result = runMigrations(doc, [], types);
    expect(result.ran).toEqual(['note.test.stamp']);
    expect((recordsMap(doc).get('n1') as Y.Map<unknown>).get('color')).toBe('blue');
    expect((recordsMap(doc).get('f1') as Y.Map<unknown>).has('color')).toBe(false);
    expect(metaMap(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(runMigrations(doc, [], types).ran).toEqual([]);
  });
});
