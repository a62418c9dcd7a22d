import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { createFrame, createNote } from './commands';
import { Draft } from './draft';
import type { NoteRecord } from './types';

function fresh(): Board {
  return Board.create(new Y.Doc(), { boardId: 'b' });
}

describe('Draft', () => {
  it('reads see the writes planned so far; the board does not until commit, then in one change', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600 }) as string;
    const note = createNote(board, { x: 10, y: 60, author: 'p' }) as string;
    const d = new Draft(board);
    d.set(note, { frameId: frame, geometry: { x: 20, y: 70, w: 160, h: 120 } });
    expect(d.get(note)).toMatchObject({ frameId: frame, geometry: { x: 20 } });
    expect(d.children(frame).map((r) => r.id)).toEqual([note]);
    expect(d.children(null).map((r) => r.id)).toEqual([frame]);
    expect(d.parentOf(note)).toBe(frame);
    expect(board.parentOf(note)).toBeNull();
    let events = 0;
    board.observe(() => events++);
    expect(d.commit(Date.now())).toBe(true);
    expect(events).toBe(1);
    expect(board.children(frame).map((r) => r.id)).toEqual([note]);
  });

  it('an undefined field is deleted; a planned record is inserted; nothing planned writes nothing', () => {
    const board = fresh();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600 }) as string;
    const note = createNote(board, { x: 10, y: 60, author: 'p', frameId: frame }) as string;
    const d = new Draft(board);
    d.set(note, { frameId: undefined });
    const added: NoteRecord = { ...(board.get(note) as NoteRecord), id: 'n2', z: 'b0', frameId: frame };
    d.insert(added);
    expect(d.get(note)).not.toHaveProperty('frameId');
    expect(d.children(frame).map((r) => r.id)).toEqual(['n2']);
    d.commit(Date.now());
    expect(board.get(note)).not.toHaveProperty('frameId');
    expect(board.get('n2')).toMatchObject({ frameId: frame });
    expect(new Draft(board).commit(Date.now())).toBe(false);
  });
});
