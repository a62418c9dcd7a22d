import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../shared/board/board';
import { connect, containerAt, createFrame, createNotes, deleteRecords, editText, groupNotes, moveRecords, recolorNotes } from '../../shared/board/commands';
import type { BoardChange } from '../../shared/board/types';
import { SceneIndex } from './sceneIndex';

function boardOf(n: number) {
  const board = Board.create(new Y.Doc(), { boardId: 'scene-test' });
  const ids = createNotes(
    board,
    Array.from({ length: n }, (_, i) => ({ text: `메모 ${i}`, x: (i % 71) * 180, y: Math.floor(i / 71) * 140, author: '테스트' })),
  )!;
  const index = new SceneIndex();
  index.load(board.all());
  const changes: BoardChange[] = [];
  board.observe((change) => {
    changes.push(change);
    index.apply(change, board);
  });
  return { board, ids, index, changes };
}

describe('scene index: incremental bookkeeping from Board change events', () => {
  it('one edited note touches one view, not 5,000', () => {
    const { board, ids, index } = boardOf(5000);
    const before = index.get(ids[1234]!)!;
    const layout = { fontSize: 20, lineHeight: 27, lines: ['x'], widths: [10], truncated: false };
    before.layout = layout;
    index.get(ids[1]!)!.layout = layout;
    editText(board, ids[1234]!, '가로등이 꺼져 있어요');
    expect(index.lastTouched).toEqual([ids[1234]]);
    const after = index.get(ids[1234]!)!;
    expect(after).toBe(before); // same view object, updated in place
    expect(after.record.type === 'note' && after.record.text).toBe('가로등이 꺼져 있어요');
    expect(after.layout).toBeNull(); // only its text layout is dropped…
    expect(index.get(ids[1]!)!.layout).toBe(layout); // …every other note keeps its cache
    recolorNotes(board, [ids[7]!], 'blue');
    expect(index.lastTouched).toEqual([ids[7]]);
  });

  it('moving a note re-files it in the grid and drags its connectors along (and nothing else)', () => {
    const { board, ids, index } = boardOf(200);
    const c = connect(board, ids[0]!, ids[5]!)!;
    expect(index.get(c)?.kind).toBe('connector');
    moveRecords(board, [{ id: ids[0]!, x: 50_000, y: 50_000 }]);
    expect(index.lastTouched.sort()).toEqual([c, ids[0]!].sort());
    expect(index.grid.queryPoint(50_010, 50_010)).toContain(ids[0]);
    expect(index.grid.queryPoint(10, 10)).not.toContain(ids[0]);
    const span = index.get(c)!.rect;
    expect(span.x + span.w).toBeGreaterThanOrEqual(50_000);
  });

  it('deleting removes views, grid entries and attached connectors', () => {
    const { board, ids, index } = boardOf(10);
    const c = connect(board, ids[0]!, ids[1]!)!;
    deleteRecords(board, [ids[1]!]);
    expect(index.get(ids[1]!)).toBeUndefined();
    expect(index.get(c)).toBeUndefined();
    expect(index.grid.has(ids[1]!)).toBe(false);
    expect(index.size).toBe(9);
  });

  it('culls: only records intersecting the view come back, by kind, in z order', () => {
    const { board, ids, index } = boardOf(5000);
    const frame = createFrame(board, { title: '문제', x: -20, y: -60, w: 600, h: 400 })!;
    const cluster = groupNotes(board, [ids[0]!, ids[1]!], '묶음')!;
    const seen = index.visible({ x: 0, y: 0, w: 1600, h: 900 });
    expect(seen.notes.length).toBeGreaterThan(40);
    expect(seen.notes.length).toBeLessThan(100);
    expect(seen.frames.map((v) => v.id)).toEqual([frame]);
    expect(seen.clusters.map((v) => v.id)).toEqual([cluster]);
    const orders = seen.notes.map((v) => v.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    // Everything when zoomed all the way out (the pre-sorted path).
    const all = index.visible(index.contentBounds()!);
    expect(all.notes).toHaveLength(5000);
    expect(all.notes.map((v) => v.order)).toEqual([...all.notes.map((v) => v.order)].sort((a, b) => a - b));
  });

  it('hit-tests by geometry: topmost note, then connectors, clusters, frame titles', () => {
    const { board, ids, index } = boardOf(3);
    // ids[0] at (0,0), ids[1] at (180,0): make the later one overlap the first.
    moveRecords(board, [{ id: ids[1]!, x: 80, y: 40 }]);
    expect(index.hitTest({ x: 100, y: 60 }, 0)?.id).toBe(ids[1]);
    expect(index.hitTest({ x: 10, y: 10 }, 0)?.id).toBe(ids[0]);
    const frame = createFrame(board, { title: 'F', x: -500, y: -500, w: 300, h: 300 })!;
    expect(index.hitTest({ x: -400, y: -490 }, 2)).toEqual({ id: frame, kind: 'frame', part: 'title' });
    // The inside of a frame is open canvas (pan, marquee, double-click to add).
    expect(index.hitTest({ x: -350, y: -300 }, 2)).toBeNull();
    // …where a new note joins the frame (the board's one rule, shared/board containerAt).
    expect(containerAt(board, { x: -350, y: -300 })?.id).toBe(frame);
    const c = connect(board, ids[0]!, ids[2]!)!;
    const [a, b] = index.connectorEnds(index.get(c)!.record as never)!;
    const mid = { x: (a.x + b.x) / 2 + 2, y: (a.y + b.y) / 2 };
    expect(index.hitTest(mid, 6)?.id).toBe(c);
  });

  it('a new note on top gets the next draw order without re-sorting the board', () => {
    const { board, index } = boardOf(1000);
    const [id] = createNotes(board, [{ text: '새', x: 0, y: 0, author: '' }])!;
    expect(index.lastTouched).toEqual([id]);
    const top = Math.max(...[...index.views.values()].map((v) => v.order));
    expect(index.get(id!)!.order).toBe(top);
  });

  it('marquee picks notes it touches and frames it contains', () => {
    const { board, ids, index } = boardOf(4);
    const frame = createFrame(board, { title: 'F', x: 1000, y: 1000, w: 200, h: 200 })!;
    expect(index.inMarquee({ x: -10, y: -10, w: 200, h: 50 }).sort()).toEqual([ids[0], ids[1]].sort());
    expect(index.inMarquee({ x: 990, y: 990, w: 100, h: 100 })).toEqual([]);
    expect(index.inMarquee({ x: 990, y: 990, w: 300, h: 300 })).toEqual([frame]);
  });
});
