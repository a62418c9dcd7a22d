import { describe, expect, it } from 'vitest';
import type { BoardChange } from '../../shared/board';
import { connect, createNote, editText, recolorNotes, reorder, setParent } from '../../shared/board';
import { sample } from './testSupport';
import { FALLBACK_VIEWPORT, ancestorsOf, changesStructure, focusCandidatesAfterDelete, snapshotTree, visibleRows, windowRows } from './tree';

function lastChange(fn: () => void, board: ReturnType<typeof sample>['board']): BoardChange {
  let change: BoardChange | null = null;
  const stop = board.observe((c) => (change = c));
  fn();
  stop();
  if (!change) throw new Error('no change');
  return change;
}

describe('outline tree from the board', () => {
  it('lists frames, clusters and notes under their parents, in z order, without connectors', () => {
    const s = sample();
    connect(s.board, s.n1, s.n4);
    const tree = snapshotTree(s.board);
    expect(tree.children.get(null)).toEqual([s.frame, s.n4]);
    expect(tree.children.get(s.frame)).toEqual([s.cluster, s.n3]);
    expect(tree.children.get(s.cluster)).toEqual([s.n1, s.n2]);
    expect(tree.connections.get(s.n1)).toBe(1);
    expect(tree.connections.get(s.n4)).toBe(1);
    expect(tree.connections.get(s.n2)).toBeUndefined();
    expect(ancestorsOf(tree, s.n2)).toEqual([s.cluster, s.frame]);
  });

  it('visible rows skip what is inside a collapsed item and keep levels and positions', () => {
    const s = sample();
    const tree = snapshotTree(s.board);
    const rows = visibleRows(tree, new Set([s.cluster]));
    expect(rows.map((r) => [r.id, r.level, r.posinset, r.setsize, r.expanded, r.childCount])).toEqual([
      [s.frame, 1, 1, 2, true, 2],
      [s.cluster, 2, 1, 2, false, 2],
      [s.n3, 2, 2, 2, undefined, 0],
      [s.n4, 1, 2, 2, undefined, 0],
    ]);
    expect(visibleRows(tree, new Set([s.frame])).map((r) => r.id)).toEqual([s.frame, s.n4]);
  });

  it('only structural changes rebuild the tree; text and colour edits do not', () => {
    const s = sample();
    const tree = snapshotTree(s.board);
    expect(changesStructure(s.board, tree, lastChange(() => editText(s.board, s.n1, '주차장이 부족'), s.board))).toBe(false);
    expect(changesStructure(s.board, tree, lastChange(() => recolorNotes(s.board, [s.n1], 'blue'), s.board))).toBe(false);
    expect(changesStructure(s.board, tree, lastChange(() => reorder(s.board, s.n2, { before: s.n1 }), s.board))).toBe(true);
    const after = snapshotTree(s.board);
    expect(changesStructure(s.board, after, lastChange(() => setParent(s.board, [s.n3], { frameId: null }), s.board))).toBe(true);
    expect(changesStructure(s.board, after, lastChange(() => void createNote(s.board, { x: 0, y: 0, author: 'a' }), s.board))).toBe(true);
  });

  it('after a delete, focus goes to the next sibling, else the previous, else the parent', () => {
    const s = sample();
    const tree = snapshotTree(s.board);
    const rows = visibleRows(tree, new Set());
    expect(focusCandidatesAfterDelete(tree, rows, s.n1, new Set([s.n1]))[0]).toBe(s.n2);
    expect(focusCandidatesAfterDelete(tree, rows, s.n2, new Set([s.n2]))[0]).toBe(s.n1);
    expect(focusCandidatesAfterDelete(tree, rows, s.n2, new Set([s.n1, s.n2]))[0]).toBe(s.cluster);
    expect(focusCandidatesAfterDelete(tree, rows, s.n4, new Set([s.n4]))[0]).toBe(s.frame);
    const all = new Set(rows.map((r) => r.id));
    expect(focusCandidatesAfterDelete(tree, rows, s.n4, all)).toEqual([]);
  });
});

describe('windowing', () => {
  const base = { count: 5000, scrollTop: 0, viewport: 450, rowHeight: 45, overscan: 5, keep: [] };
  it('renders what is on screen plus overscan', () => {
    expect(windowRows(base)).toEqual([...Array(16).keys()]); // rows 0–10 visible, +5
    const middle = windowRows({ ...base, scrollTop: 45 * 1000 });
    expect(middle[0]).toBe(995);
    expect(middle.at(-1)).toBe(1015);
    expect(windowRows({ ...base, scrollTop: 45 * 4995 }).at(-1)).toBe(4999);
  });

  it('always renders the kept rows (the tab stop, the editor), in order', () => {
    const rows = windowRows({ ...base, keep: [4000, undefined, 2] });
    expect(rows.at(-1)).toBe(4000);
    expect(rows.filter((i) => i === 2)).toHaveLength(1);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(windowRows({ ...base, keep: [-1, 6000] })).toEqual([...Array(16).keys()]);
  });

  it('assumes a viewport before layout and renders nothing for an empty tree', () => {
    expect(windowRows({ ...base, viewport: 0 }).length).toBe(Math.ceil(FALLBACK_VIEWPORT / 45) + 5 + 1);
    expect(windowRows({ ...base, count: 0 })).toEqual([]);
  });
});
