import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../shared/board/board';
import { NOTE_COLOR_NAMES, type NoteColor } from '../../shared/board/types';
import { createNotes } from '../../shared/board/commands';
import { drawScene, headLines, type DrawState } from './draw';
import { SceneIndex, type ItemView } from './sceneIndex';
import { fitText, REFERENCE_SIZE } from './textLayout';

/** Counts the 2D calls a draw makes (no real canvas in happy-dom, and none needed). */
function countingContext() {
  const calls: Record<string, number> = {};
  const texts: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get(_t, prop: string) {
        if (prop === 'measureText') return (s: string) => ({ width: s.length * 10 });
        return (...args: unknown[]) => {
          calls[prop] = (calls[prop] ?? 0) + 1;
          if (prop === 'fillText') texts.push(String(args[0]));
        };
      },
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls, texts };
}

function scene(n: number) {
  const board = Board.create(new Y.Doc(), { boardId: 'draw' });
  createNotes(
    board,
    Array.from({ length: n }, (_, i) => ({ text: `주민 의견 ${i}`, x: (i % 71) * 180, y: Math.floor(i / 71) * 140, color: NOTE_COLOR_NAMES[i % 6] as NoteColor, author: '참가자' })),
  );
  const index = new SceneIndex();
  index.load(board.all());
  return index;
}

const widthOf = (s: string) => s.length * REFERENCE_SIZE * 0.8;
const state = (scale: number, lod: DrawState['lod'], extra: Partial<DrawState> = {}): DrawState => ({
  scale,
  lod,
  hidden: null,
  textHidden: null,
  layoutOf: (v: ItemView) => (v.layout ??= fitText(v.record.type === 'note' ? v.record.text : '', v.rect, widthOf)),
  rectOf: (v: ItemView) => v.rect,
  ...extra,
});

describe('drawing with level of detail', () => {
  it('zoomed out, 5,000 notes cost one fill() per colour and no text at all', () => {
    const index = scene(5000);
    const { ctx, calls } = countingContext();
    const drawn = drawScene(ctx, index.visible(index.contentBounds()!), index, state(0.06, 'blocks'));
    expect(drawn).toBe(5000);
    expect(calls['fill']).toBe(6);
    expect(calls['rect']).toBe(5000);
    expect(calls['fillText'] ?? 0).toBe(0);
    expect(calls['fillRect'] ?? 0).toBe(0);
  });

  it('zoomed out on a few notes (a phone): their first words are written at a readable size, not grey bars', () => {
    const index = scene(40);
    const { ctx, calls, texts } = countingContext();
    drawScene(ctx, index.visible(index.contentBounds()!), index, state(0.25, 'lines'));
    expect(calls['fill']).toBe(6); // the papers, one per colour; no bars
    expect(texts).toHaveLength(40);
    expect(texts).toContain('주민 의견 0');
  });

  it('wraps the start of a text greedily and ends a cut one with an ellipsis', () => {
    const measure = { measureText: (s: string) => ({ width: Array.from(s).length * 10 }) as TextMetrics };
    expect(headLines(measure, '가나다라마바사아자', 40, 2)).toEqual(['가나다라', '마바사…']);
    expect(headLines(measure, '가나다라마바사아', 40, 2)).toEqual(['가나다라', '마바사아']);
    expect(headLines(measure, '가나  다', 40, 3)).toEqual(['가나 다']);
  });

  it('breaks those lines between words, never inside one that fits a line', () => {
    const measure = { measureText: (s: string) => ({ width: Array.from(s).length * 10 }) as TextMetrics };
    expect(headLines(measure, 'Broken street light 2', 80, 3)).toEqual(['Broken', 'street', 'light 2']);
    expect(headLines(measure, '밤에 골목이 어두워요', 60, 3)).toEqual(['밤에 골목이', '어두워요']);
    expect(headLines(measure, 'Broken street light 2', 80, 2)).toEqual(['Broken', 'street…']);
    // Only a word wider than the line is split.
    expect(headLines(measure, 'a 가나다라마바사', 40, 3)).toEqual(['a', '가나다라', '마바사']);
  });

  it('greeked lines add one more fill, still no text, when hundreds of notes are in view', () => {
    const index = scene(500);
    const { ctx, calls } = countingContext();
    drawScene(ctx, index.visible(index.contentBounds()!), index, state(0.2, 'lines'));
    expect(calls['fill']).toBe(7);
    expect(calls['fillText'] ?? 0).toBe(0);
  });

  it('zoomed in, only visible notes are drawn, with their text; hidden and edited notes are skipped', () => {
    const index = scene(5000);
    const view = { x: 0, y: 0, w: 800, h: 450 };
    const visible = index.visible(view);
    const ids = visible.notes.map((v) => v.id);
    const { ctx, texts } = countingContext();
    const drawn = drawScene(ctx, visible, index, state(1, 'full', { hidden: new Set([ids[0]!]), textHidden: ids[1]! }));
    expect(drawn).toBe(visible.notes.length - 1);
    expect(visible.notes.length).toBeLessThan(30);
    const text0 = (index.get(ids[0]!)!.record as { text: string }).text;
    const text2 = (index.get(ids[2]!)!.record as { text: string }).text;
    expect(texts.join(' ')).not.toContain(text0);
    expect(texts.join(' ')).toContain(text2.split(' ')[0]);
  });
});

describe('locked records', () => {
  it('carry a padlock when zoomed in, and nothing extra is drawn when none is locked', () => {
    const index = scene(3);
    const ids = index.visible(index.contentBounds()!).notes.map((v) => v.id);
    const plain = countingContext();
    drawScene(plain.ctx, index.visible(index.contentBounds()!), index, state(1, 'full'));
    expect(plain.calls['arc'] ?? 0).toBe(0);
    const locked = countingContext();
    drawScene(locked.ctx, index.visible(index.contentBounds()!), index, state(1, 'full', { locked: (id) => id === ids[1] }));
    expect(locked.calls['arc']).toBe(1);
  });
});
