import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { connect, createFrame, createNotes, groupNotes } from './commands';
import { PASTE_OFFSET, copyRecords, pasteRecords } from './clipboard';
import type { ClusterRecord, ConnectorRecord, FrameRecord, NoteRecord } from './types';

function source(): { board: Board; frame: string; a: string; b: string; c: string } {
  const board = Board.create(new Y.Doc(), { boardId: 'from', title: '원래 보드' });
  const frame = createFrame(board, { x: 100, y: 100, w: 1000, h: 800, title: '아이디어' }) as string;
  const [a, b, c] = createNotes(board, [
    { x: 150, y: 200, author: 'p', text: '공유 자전거', frameId: frame, color: 'green' },
    { x: 350, y: 200, author: 'p', text: '자전거 도로', frameId: frame },
    { x: 3000, y: 3000, author: 'p', text: '바깥 메모' },
  ]) as [string, string, string];
  groupNotes(board, [a, b], '자전거');
  connect(board, a, b, '연결');
  connect(board, b, c, '밖으로');
  return { board, frame, a, b, c };
}

describe('clipboard', () => {
  it('copies a frame to another board with its notes, cluster and inner connector, at the paste point', () => {
    const { board, frame } = source();
    const payload = JSON.parse(JSON.stringify(copyRecords(board, [frame]))) as unknown; // through the system clipboard as text
    const before = Y.encodeStateAsUpdate(board.doc);
    const target = Board.create(new Y.Doc(), { boardId: 'to', title: '새 보드' });
    const ids = pasteRecords(target, payload, { x: 500, y: 500 }) as string[];
    expect(ids).toHaveLength(5);
    const newFrame = target.all().find((r): r is FrameRecord => r.type === 'frame') as FrameRecord;
    expect(newFrame).toMatchObject({ title: '아이디어', geometry: { x: 500, y: 500, w: 1000, h: 800 } });
    const cluster = target.children(newFrame.id)[0] as ClusterRecord;
    expect(cluster).toMatchObject({ type: 'cluster', label: '자전거' });
    const notes = target.children(cluster.id) as NoteRecord[];
    expect(notes.map((n) => n.text)).toEqual(['공유 자전거', '자전거 도로']);
    expect(notes[0]).toMatchObject({ color: 'green', frameId: newFrame.id, geometry: { x: 550, y: 600 } });
    const links = target.all().filter((r): r is ConnectorRecord => r.type === 'connector');
    expect(links).toEqual([expect.objectContaining({ from: notes[0]?.id, to: notes[1]?.id, label: '연결' })]);
    expect(ids.some((id) => board.get(id))).toBe(false);
    expect(Y.encodeStateAsUpdate(board.doc)).toEqual(before);
  });

  it('pasting into the same board without a point shifts the copy and keeps it in its frame', () => {
    const { board, frame, a } = source();
    const [copy] = pasteRecords(board, copyRecords(board, [a])) as [string];
    const original = board.get(a) as NoteRecord;
    expect(board.get(copy)).toMatchObject({ text: '공유 자전거', frameId: frame, geometry: { x: original.geometry.x + PASTE_OFFSET } });
    expect((board.get(copy) as NoteRecord).clusterId).toBe(original.clusterId);
  });

  it('pasting into another board drops parents that do not exist there', () => {
    const { board, a } = source();
    const target = Board.create(new Y.Doc(), { boardId: 'to' });
    const [copy] = pasteRecords(target, copyRecords(board, [a])) as [string];
    const note = target.get(copy) as NoteRecord;
    expect(note.frameId).toBeUndefined();
    expect(note.clusterId).toBeUndefined();
    expect(note.geometry).toMatchObject({ x: 150, y: 200 });
  });

  it('refuses foreign or damaged payloads and changes nothing', () => {
    const { board, a } = source();
    const good = JSON.parse(JSON.stringify(copyRecords(board, [a]))) as { records: Array<Record<string, unknown>> };
    const target = Board.create(new Y.Doc(), { boardId: 'to' });
    const before = Y.encodeStateAsUpdate(target.doc);
    const bad: unknown[] = [
      null,
      'plain text from another app',
      { format: 'tldraw', records: [] },
      { ...good, version: 2 },
      { ...good, records: [{ ...good.records[0], geometry: { x: 0, y: 0, w: -1, h: 10 } }] },
      { ...good, records: [{ ...good.records[0], color: 'chartreuse' }] },
      { ...good, records: [good.records[0], good.records[0]] },
      { ...good, records: 'nope' },
    ];
    for (const payload of bad) expect(pasteRecords(target, payload)).toBeNull();
    expect(Y.encodeStateAsUpdate(target.doc)).toEqual(before);
  });

  it('drops a connector whose ends are not in the payload', () => {
    const { board, a, b } = source();
    const payload = copyRecords(board, [a, b]);
    const link = board.all().find((r) => r.type === 'connector') as ConnectorRecord;
    const edited = { ...payload, records: [...payload.records.filter((r) => r.id !== b && r.type !== 'connector'), link] };
    const target = Board.create(new Y.Doc(), { boardId: 'to' });
    expect(pasteRecords(target, edited)).toHaveLength(1);
    expect(target.all().map((r) => r.type)).toEqual(['note']);
  });
});
