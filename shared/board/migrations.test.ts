import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import v0 from './fixtures/v0-board.json';
import expected from './fixtures/v0-board.expected.json';
import { Board } from './board';
import { BOARD_SCHEMA_VERSION, META_FIELDS, MIGRATION, RECORD_FIELDS, REMOTE, ROOT_META, ROOT_RECORDS, metaMap, recordsMap } from './schema';
import { MIGRATIONS, RETIRED_KEYS, runMigrations } from './migrations';
import {
  connect, createFrame, createNote, createNotes, editText, groupNotes, moveRecords, recolorNotes, reorder, setParent,
} from './commands';
import { duplicateRecords } from './clipboard';

/** Builds the doc a version-0 app wrote: no schemaVersion, notes without colour, records without z. */
function buildV0Doc(fixture: typeof v0): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    for (const [k, v] of Object.entries(fixture.meta)) meta.set(k, v);
    const records = doc.getMap('records');
    for (const r of fixture.records) {
      const y = new Y.Map<unknown>();
      records.set(r.id, y);
      for (const [k, v] of Object.entries(r)) y.set(k, k === 'text' ? new Y.Text(v as string) : v);
    }
  });
  return doc;
}

const snapshot = (board: Board) => JSON.parse(JSON.stringify(board.all())) as unknown;

describe('migrations', () => {
  it('a version-0 board opens with the expected records and the current version', () => {
    const board = Board.open(buildV0Doc(v0));
    expect(board.readOnly).toBe(false);
    expect(metaMap(board.doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(snapshot(board)).toEqual(expected);
    expect(board.children(null).map((r) => r.id)).toEqual(['n3', 'f1', 'n2']);
    expect(board.children('f1').map((r) => r.id)).toEqual(['n1']);
  });

  it('runs in one transaction with origin MIGRATION', () => {
    const doc = buildV0Doc(v0);
    const origins: unknown[] = [];
    doc.on('afterTransaction', (txn: Y.Transaction) => origins.push(txn.origin));
    Board.open(doc);
    expect(origins).toEqual([MIGRATION]);
  });

  it('running twice changes nothing the second time', () => {
    const doc = buildV0Doc(v0);
    expect(runMigrations(doc).ran).toEqual(MIGRATIONS.map((m) => m.id));
    let updates = 0;
    doc.on('update', () => updates++);
    expect(runMigrations(doc)).toEqual({ from: BOARD_SCHEMA_VERSION, to: BOARD_SCHEMA_VERSION, ran: [] });
    expect(updates).toBe(0);
  });

  it('two peers migrating the same old board at once end up identical and as expected', () => {
    const original = buildV0Doc(v0);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(original), REMOTE);
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(original), REMOTE);
    const a = Board.open(docA);
    const b = Board.open(docB);
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB)), REMOTE);
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA)), REMOTE);
    expect(snapshot(a)).toEqual(expected);
    expect(snapshot(b)).toEqual(expected);
  });

  it('a board from a newer app opens read-only, untouched, and refuses commands', () => {
    const doc = buildV0Doc(v0);
    metaMap(doc).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    const board = Board.open(doc);
    expect(board.readOnly).toBe(true);
    expect(board.readOnlyReason).toBe('newerSchema');
    expect(createNote(board, { x: 0, y: 0, author: 'p' })).toBeNull();
    expect(editText(board, 'n1', '수정')).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(board.get('n1')).toMatchObject({ text: '가로등이 없어요' });
  });

  it('a board turns read-only while open when a newer peer raises the version', () => {
    const board = Board.create(new Y.Doc(), { boardId: 'b' });
    expect(board.readOnly).toBe(false);
    board.doc.transact(() => metaMap(board.doc).set('schemaVersion', BOARD_SCHEMA_VERSION + 1), REMOTE);
    expect(board.readOnly).toBe(true);
    expect(createNote(board, { x: 0, y: 0, author: 'p' })).toBeNull();
  });
});

describe('keys', () => {
  it('no current key is a retired one', () => {
    const current = [ROOT_META, ROOT_RECORDS, ...META_FIELDS, ...RECORD_FIELDS];
    for (const key of current) expect(RETIRED_KEYS, key).not.toContain(key);
    expect(new Set(RECORD_FIELDS).size).toBe(RECORD_FIELDS.length);
  });

  it('every key the commands write is a declared field', () => {
    const board = Board.create(new Y.Doc(), { boardId: 'b', title: 't' });
    const frame = createFrame(board, { x: 0, y: 0, w: 900, h: 900, title: 'f' }) as string;
    const [a, b, c] = createNotes(board, [0, 1, 2].map((i) => ({ x: i * 200, y: 60, author: 'p', text: 't', frameId: frame }))) as [string, string, string];
    const cluster = groupNotes(board, [a, b], 'l') as string;
    setParent(board, [c], { clusterId: cluster });
    connect(board, a, c, 'x');
    moveRecords(board, [{ id: frame, x: 10, y: 10 }]);
    recolorNotes(board, [a], 'pink');
    reorder(board, b, { before: a });
    duplicateRecords(board, [frame], { x: 1000, y: 0 });
    const written = new Set<string>();
    recordsMap(board.doc).forEach((y) => y.forEach((_v, k) => written.add(k)));
    for (const key of written) expect(RECORD_FIELDS as readonly string[], key).toContain(key);
    for (const key of metaMap(board.doc).keys()) expect(META_FIELDS as readonly string[], key).toContain(key);
  });
});
