import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, createNote, createUndoManager, type NoteRecord, type RecordWithGeometry } from '../../shared/board';
import { addFrame, addNoteAfter, moveIn, moveOut, moveTo, newNotePosition, parentFor, reorderBy } from './actions';
import { sample } from './testSupport';
import { snapshotTree } from './tree';

const ids = (board: Board, parent: string | null) => board.children(parent).filter((r) => r.type !== 'connector').map((r) => r.id);
const inside = (a: RecordWithGeometry, b: RecordWithGeometry) =>
  a.geometry.x >= b.geometry.x && a.geometry.y >= b.geometry.y && a.geometry.x + a.geometry.w <= b.geometry.x + b.geometry.w && a.geometry.y + a.geometry.h <= b.geometry.y + b.geometry.h;

describe('outline actions on the board', () => {
  it('a note added after another lands next to it in the outline and inside its container on the canvas', () => {
    const s = sample();
    const id = addNoteAfter(s.board, snapshotTree(s.board), s.n1, '익명 까치 12') as string;
    expect(ids(s.board, s.cluster)).toEqual([s.n1, id, s.n2]);
    const note = s.board.get(id) as NoteRecord;
    expect(inside(note, s.board.get(s.cluster) as RecordWithGeometry)).toBe(true);
    expect(inside(s.board.get(s.cluster) as RecordWithGeometry, s.board.get(s.frame) as RecordWithGeometry)).toBe(true);
    const top = addNoteAfter(s.board, snapshotTree(s.board), s.frame, 'a') as string;
    expect(ids(s.board, null)).toEqual([s.frame, top, s.n4]);
    const first = addNoteAfter(s.board, snapshotTree(s.board), null, 'a') as string;
    expect(ids(s.board, null).at(-1)).toBe(first);
  });

  it('adding a note is one change event and one undo step, wherever it lands', () => {
    const s = sample();
    const undo = createUndoManager(s.board);
    const before = JSON.stringify(s.board.all());
    let events = 0;
    const stop = s.board.observe(() => events++);
    const id = addNoteAfter(s.board, snapshotTree(s.board), s.n1, 'a') as string;
    stop();
    expect(events).toBe(1);
    expect(ids(s.board, s.cluster)).toEqual([s.n1, id, s.n2]);
    undo.undo();
    expect(JSON.stringify(s.board.all())).toBe(before);
    undo.redo();
    expect(ids(s.board, s.cluster)).toEqual([s.n1, id, s.n2]);
    expect(inside(s.board.get(id) as RecordWithGeometry, s.board.get(s.cluster) as RecordWithGeometry)).toBe(true);
  });

  it('new notes do not cover existing ones', () => {
    const board = Board.create(new Y.Doc(), { boardId: 'b' });
    const a = createNote(board, { x: 0, y: 0, author: 'a' }) as string;
    createNote(board, { x: 0, y: 144, author: 'a' });
    const spot = newNotePosition(board, board.get(a) as RecordWithGeometry);
    const overlaps = board.notes().some((n) => spot.x < n.geometry.x + n.geometry.w && n.geometry.x < spot.x + 160 && spot.y < n.geometry.y + n.geometry.h && n.geometry.y < spot.y + 120);
    expect(overlaps).toBe(false);
  });

  it('reorders within siblings and reports the new position', () => {
    const s = sample();
    expect(reorderBy(s.board, snapshotTree(s.board), s.n2, -1)).toEqual({ position: 1, size: 2 });
    expect(ids(s.board, s.cluster)).toEqual([s.n2, s.n1]);
    expect(reorderBy(s.board, snapshotTree(s.board), s.n2, -1)).toBeNull();
    expect(reorderBy(s.board, snapshotTree(s.board), s.n4, 1)).toBeNull();
  });

  it('moves out one level at a time and into the sibling above; frames never move, clusters never nest', () => {
    const s = sample();
    expect(moveOut(s.board, snapshotTree(s.board), s.frame)).toBeNull();
    expect(moveOut(s.board, snapshotTree(s.board), s.cluster)).toEqual({ container: null });
    expect(ids(s.board, null)).toEqual([s.frame, s.cluster, s.n4]);
    expect(s.board.get(s.n1)).not.toHaveProperty('frameId');
    expect(moveIn(s.board, snapshotTree(s.board), s.cluster)).toEqual({ container: s.frame });
    expect(ids(s.board, s.frame)).toEqual([s.n3, s.cluster]);
    expect(s.board.get(s.n1)).toMatchObject({ frameId: s.frame, clusterId: s.cluster });
    // a cluster cannot go into a cluster
    const second = addNoteAfter(s.board, snapshotTree(s.board), s.n3, 'a') as string;
    expect(moveIn(s.board, snapshotTree(s.board), second)).toBeNull(); // the sibling above is a note
  });

  it('"Move to…" moves several notes at once, keeping their order, into a cluster or to the top level', () => {
    const s = sample();
    expect(moveTo(s.board, [s.n3, s.n4], s.cluster)).toBe(true);
    expect(ids(s.board, s.cluster)).toEqual([s.n1, s.n2, s.n3, s.n4]);
    expect(moveTo(s.board, [s.n1], null)).toBe(true);
    expect(s.board.parentOf(s.n1)).toBeNull();
    expect(moveTo(s.board, [s.frame], null)).toBe(false);
    expect(parentFor(s.board, s.cluster)).toEqual({ frameId: s.frame, clusterId: s.cluster });
  });

  it('adds a frame to the right of everything', () => {
    const s = sample();
    const id = addFrame(s.board, '2단계', 'a') as string;
    const frame = s.board.get(id) as RecordWithGeometry;
    const others = s.board.all().filter((r): r is RecordWithGeometry => r.type !== 'connector' && r.id !== id);
    expect(others.every((r) => r.geometry.x + r.geometry.w < frame.geometry.x)).toBe(true);
    expect(ids(s.board, null).at(-1)).toBe(id);
  });
});
