import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from './board';
import { connect, createFrame, createNote, deleteRecords, editText, moveRecords, setLocked, setViewOnly } from './commands';
import { checkTransaction, mayDelete, mayEdit, roomRole, type Actor, type Refusal } from './policy';
import { ownersMap, recordsMap, sessionMap } from './schema';
import { LABEL_MAX } from './types';

const facilitator: Actor = { memberId: 'fac', role: 'facilitator' };
const alice: Actor = { memberId: 'alice', role: 'participant' };
const bob: Actor = { memberId: 'bob', role: 'participant' };

/** A board whose records are owned as the hub would record them, and a check of one change by `actor`. */
function setup() {
  const doc = new Y.Doc();
  const board = Board.create(doc, { boardId: 'b', title: 'T' });
  const own = (id: string | null, who: Actor) => id && ownersMap(doc).set(id, who.memberId);
  const check = (actor: Actor, change: () => void): Refusal | null => {
    let result: Refusal | null = null;
    const handler = (txn: Y.Transaction) => (result = checkTransaction(txn, actor));
    doc.on('afterTransaction', handler);
    change();
    doc.off('afterTransaction', handler);
    return result;
  };
  return { doc, board, own, check };
}

describe('room policy', () => {
  it('lets a participant delete their own record, and a connector that goes with it, but not someone else\'s', () => {
    const { doc, board, own, check } = setup();
    const mine = createNote(board, { x: 0, y: 0, author: 'A' }) as string;
    const theirs = createNote(board, { x: 300, y: 0, author: 'B' }) as string;
    const link = connect(board, mine, theirs) as string;
    own(mine, alice);
    own(theirs, bob);
    own(link, bob);
    expect(check(alice, () => doc.transact(() => [mine, link].forEach((id) => recordsMap(doc).delete(id))))).toBeNull();
    const { doc: doc2, board: board2, own: own2, check: check2 } = setup();
    const a = createNote(board2, { x: 0, y: 0, author: 'A' }) as string;
    own2(a, bob);
    expect(check2(alice, () => recordsMap(doc2).delete(a))).toEqual({ reason: 'notOwner', recordIds: [a] });
    expect(check2(facilitator, () => recordsMap(doc2).delete(a))).toBeNull();
  });

  it('refuses a participant\'s change to a locked record, to anything in a locked frame, and adding into one', () => {
    const { doc, board, check } = setup();
    const frame = createFrame(board, { x: 0, y: 0, w: 800, h: 600, title: '원인' }) as string;
    const inside = createNote(board, { x: 10, y: 60, author: 'A', frameId: frame }) as string;
    const loose = createNote(board, { x: 2000, y: 0, author: 'A' }) as string;
    setLocked(board, [frame, loose], true);
    expect(check(alice, () => recordsMap(doc).get(inside)!.set('color', 'pink'))).toMatchObject({ reason: 'locked' });
    expect(check(alice, () => recordsMap(doc).get(loose)!.set('geometry', { x: 1, y: 1, w: 160, h: 120 }))).toMatchObject({ reason: 'locked' });
    const added = new Y.Map<unknown>();
    expect(check(alice, () => doc.transact(() => {
      recordsMap(doc).set('new-one', added as Y.Map<unknown>);
      added.set('type', 'note');
      added.set('frameId', frame);
    }))).toMatchObject({ reason: 'locked' });
    expect(check(facilitator, () => recordsMap(doc).get(inside)!.set('color', 'green'))).toBeNull();
  });

  it('refuses every participant change in a view-only room, and over-long labels from anyone', () => {
    const { doc, board, check } = setup();
    const note = createNote(board, { x: 0, y: 0, author: 'A' }) as string;
    const frame = createFrame(board, { x: 0, y: 0, w: 400, h: 300, title: 'x' }) as string;
    setViewOnly(board, true);
    expect(check(alice, () => (recordsMap(doc).get(note)!.get('text') as Y.Text).insert(0, '가'))).toMatchObject({ reason: 'viewOnly' });
    expect(check(facilitator, () => recordsMap(doc).get(frame)!.set('title', 'x'.repeat(LABEL_MAX + 1)))).toMatchObject({ reason: 'textTooLong' });
  });
});

describe('what a client offers (the same rules, as a courtesy)', () => {
  it('offers deleting only one\'s own records, editing only unlocked ones, nothing in a view-only room', () => {
    const { doc, board, own } = setup();
    const mine = createNote(board, { x: 0, y: 0, author: 'A', text: '내 것' }) as string;
    const theirs = createNote(board, { x: 300, y: 0, author: 'B', text: '남의 것' }) as string;
    own(mine, alice);
    own(theirs, bob);
    board.setActor(alice);
    expect([mayDelete(doc, alice, mine), mayDelete(doc, alice, theirs)]).toEqual([true, false]);
    expect(deleteRecords(board, [mine, theirs])).toBe(true);
    expect(board.notes().map((n) => n.text)).toEqual(['남의 것']);

    board.setActor(facilitator);
    setLocked(board, [theirs], true);
    board.setActor(alice);
    expect(mayEdit(doc, alice, theirs)).toBe(false);
    expect(editText(board, theirs, '바꿈')).toBe(false);
    moveRecords(board, [{ id: theirs, x: 999, y: 999 }]);
    expect(board.get(theirs)).toMatchObject({ text: '남의 것', geometry: { x: 300, y: 0 } });

    board.setActor(facilitator);
    setViewOnly(board, true);
    board.setActor(alice);
    expect(board.readOnlyReason).toBe('viewOnly');
    expect(createNote(board, { x: 0, y: 0, author: 'A' })).toBeNull();
  });
});

describe('a participant\'s paste the hub would refuse', () => {
  it('is refused on the device before anything is written (its board never differs from the room\'s)', async () => {
    const { copyRecords, pasteRecords } = await import('./clipboard');
    const { createNotes } = await import('./commands');
    const { board } = setup();
    const ids = createNotes(board, Array.from({ length: 400 }, (_, i) => ({ x: i, y: 0, author: 'A', text: '가'.repeat(2000) }))) as string[];
    const payload = copyRecords(board, ids);
    board.setActor(alice);
    const before = board.all().length;
    expect(pasteRecords(board, payload)).toBeNull();
    expect(board.all()).toHaveLength(before);
    board.setActor(facilitator);
    expect(pasteRecords(board, payload)).toHaveLength(400);
  });
});

describe('session state and roles', () => {
  it('refuses a participant\'s write to the session state, and a co-facilitator\'s write to the roles', () => {
    const { doc, check } = setup();
    const session = sessionMap(doc);
    expect(check(alice, () => session.set('step', 2))).toEqual({ reason: 'session', recordIds: [] });
    expect(check(alice, () => session.set('roles', { alice: 'co-facilitator' }))).toEqual({ reason: 'session', recordIds: [] });
    expect(check(facilitator, () => session.set('roles', { alice: 'co-facilitator' }))).toBeNull();
    expect(roomRole(doc, alice)).toBe('co-facilitator');
    expect(check(alice, () => session.set('step', 2))).toBeNull();
    expect(check(alice, () => session.set('roles', { alice: 'co-facilitator', bob: 'co-facilitator' }))).toEqual({ reason: 'session', recordIds: [] });
    expect(check(alice, () => session.set('nested', new Y.Map()))).toEqual({ reason: 'session', recordIds: [] });
    expect(check(facilitator, () => session.set('agenda', 'x'.repeat(70_000)))).toEqual({ reason: 'textTooLong', recordIds: [] });
  });

  it('lets observers and the shared screen change nothing, and co-facilitators delete anyone\'s record', () => {
    const { doc, board, own, check } = setup();
    const note = createNote(board, { x: 0, y: 0, author: 'B' }) as string;
    own(note, bob);
    sessionMap(doc).set('roles', { alice: 'observer', carol: 'co-facilitator' });
    const carol: Actor = { memberId: 'carol', role: 'participant' };
    expect(mayEdit(doc, alice, note)).toBe(false);
    expect(check(alice, () => createNote(board, { x: 10, y: 10, author: 'A' }))).toEqual({ reason: 'observer', recordIds: [] });
    expect(mayDelete(doc, carol, note)).toBe(true);
    expect(check(carol, () => recordsMap(doc).delete(note))).toBeNull();
    expect(check(carol, () => setLocked(board, [note], true))).toBeNull();
  });
});
