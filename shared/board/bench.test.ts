import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeBoardOfNotes } from './bench';
import { automationNotes } from './automation';

describe('makeBoardOfNotes', () => {
  it('is deterministic: same n and seed give the same notes, ids and layout', () => {
    const a = automationNotes(makeBoardOfNotes(new Y.Doc(), 200, 7));
    const b = automationNotes(makeBoardOfNotes(new Y.Doc(), 200, 7));
    const c = automationNotes(makeBoardOfNotes(new Y.Doc(), 200, 8));
    expect(a).toHaveLength(200);
    expect(a).toEqual(b);
    expect(c.map((n) => n.text)).not.toEqual(a.map((n) => n.text));
    expect(a[0]?.id).toBe('bench-7-0');
  });

  it('lays notes out in a grid without overlap, with Korean text', () => {
    const notes = automationNotes(makeBoardOfNotes(new Y.Doc(), 50, 1));
    const cells = new Set(notes.map((n) => `${n.x},${n.y}`));
    expect(cells.size).toBe(50);
    const overlap = notes.some((n, i) => notes.some((m, j) => i !== j && n.x < m.x + m.w && m.x < n.x + n.w && n.y < m.y + m.h && m.y < n.y + n.h));
    expect(overlap).toBe(false);
    expect(notes.every((n) => /[가-힣]/.test(n.text))).toBe(true);
  });
});

describe('automationNotes', () => {
  it('gives plain positions and parents', () => {
    const [first] = automationNotes(makeBoardOfNotes(new Y.Doc(), 1, 3));
    expect(first).toEqual({ id: 'bench-3-0', text: expect.any(String), x: 0, y: 0, w: 160, h: 120 });
  });
});
