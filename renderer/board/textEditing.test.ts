import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../shared/board/board';
import { connect, createFrame, createNote, groupNotes } from '../../shared/board/commands';
import { commitEdit, editableText, overlayLabel, overlayLayout, selectOnOpen } from './textEditing';

const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}:${JSON.stringify(values)}` : key)) as never;
const widthOf = (text: string) => text.length * 10;

function sample() {
  const board = Board.create(new Y.Doc(), { boardId: 'b' });
  const note = createNote(board, { x: 0, y: 0, author: 'p', text: '가로등', color: 'green' }) as string;
  const other = createNote(board, { x: 300, y: 0, author: 'p' }) as string;
  const frame = createFrame(board, { x: -100, y: -100, w: 800, h: 600, title: '문제' }) as string;
  const cluster = groupNotes(board, [other], '묶음') as string;
  const link = connect(board, note, other, '원인') as string;
  return { board, note, frame, cluster, link };
}

describe('text editing glue', () => {
  it('edits the words each type keeps (text, title, label) and writes them back there', () => {
    const { board, note, frame, cluster, link } = sample();
    expect([note, frame, cluster, link].map((id) => editableText(board, { id, kind: board.get(id)!.type }))).toEqual(['가로등', '문제', '묶음', '원인']);
    commitEdit(board, { id: frame, kind: 'frame' }, '1단계');
    commitEdit(board, { id: note, kind: 'note' }, '가로등이 없다');
    commitEdit(board, { id: link, kind: 'connector' }, '그래서');
    expect(board.get(frame)).toMatchObject({ title: '1단계' });
    expect(board.get(note)).toMatchObject({ text: '가로등이 없다' });
    expect(board.get(link)).toMatchObject({ label: '그래서' });
    expect(editableText(board, { id: 'gone', kind: 'note' })).toBeNull();
  });

  it('opens long text at its end and a label selected whole; names the editor by what it edits', () => {
    expect([selectOnOpen('note'), selectOnOpen('frame'), selectOnOpen('connector')]).toEqual(['end', 'all', 'all']);
    expect(overlayLabel(t, { id: 'n', kind: 'note' }, 'sink', '')).toBe('canvas.noteSelected:{"text":"canvas.emptyNote"}');
    expect(overlayLabel(t, { id: 'n', kind: 'note' }, 'editing', 'x')).toBe('canvas.editNote');
    expect(overlayLabel(t, { id: 'f', kind: 'frame' }, 'sink', 'x')).toBe('canvas.editFrame');
  });

  it('lays the overlay over a note on its colour, and over a container’s label band', () => {
    const { board, note, frame } = sample();
    const rect = { x: 0, y: 0, w: 160, h: 120 };
    expect(overlayLayout(board, { id: note, kind: 'note' }, '가로등', rect, widthOf, () => {})).toMatchObject({ align: 'center', background: expect.any(String) });
    expect(overlayLayout(board, { id: frame, kind: 'frame' }, '문제', rect, widthOf, () => {})).toMatchObject({ fontSize: 22, lineHeight: 40, align: 'left' });
  });
});
