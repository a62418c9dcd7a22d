// The room's rules as the hub enforces them, with fake links standing in for a facilitator's and
// participants' apps. Participants' changes are made directly on their Y.Doc, as a modified
// client would (the app's own checks are a courtesy and are not what is tested here).
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, createNote, createNotes, setLocked, setViewOnly, TEXT_MAX } from '../../../shared/board';
import { locksMap, metaMap, ownersMap, recordsMap } from '../../../shared/board/schema';
import { peekMessage, readNotice, updateMessage, type HubNotice } from '../../../shared/sync/protocol';
import { createMemoryLogger } from '../log';
import { fakeLink, rawPresenceMessage, type FakeLink } from '../testSupport';
import { HubRoom, MAX_PEOPLE_PER_ROOM } from './hubRoom';

const link = (id: string, role: 'facilitator' | 'participant', memberId = id) => fakeLink(id, role, memberId);

const rooms: HubRoom[] = [];
function hubRoom(): { hub: HubRoom; log: ReturnType<typeof createMemoryLogger>; massRemovals: number[] } {
  const log = createMemoryLogger();
  const massRemovals: number[] = [];
  const hub = new HubRoom('room-1', log, { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 }, 60_000, () => massRemovals.push(Date.now()));
  rooms.push(hub);
  return { hub, log, massRemovals };
}

afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy();
});

/** Everything `doc` does from now on, as the updates its app would send. */
function recorder(doc: Y.Doc): { take(): Uint8Array } {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'hub') updates.push(update);
  });
  return { take: () => Y.mergeUpdates(updates.splice(0)) };
}

/** Applies what the hub sent a link (flushing its per-turn outbox first) to that link's doc. */
function deliver(hub: HubRoom, to: FakeLink, doc: Y.Doc): void {
  hub.flush();
  for (const message of to.sent.splice(0)) {
    const peeked = peekMessage(message);
    if (peeked && (peeked.type === 'update' || peeked.type === 'syncStep2')) Y.applyUpdate(doc, peeked.update, 'hub');
  }
}

function noticesOf(l: FakeLink): HubNotice[] {
  return l.sent.map(readNotice).filter((n): n is HubNotice => n !== null);
}

/** A facilitator with a board of three notes, and a participant who has synced it. */
function room() {
  const { hub, log, massRemovals } = hubRoom();
  const facilitator = link('fac', 'facilitator');
  const mallory = link('mallory', 'participant');
  hub.attach(facilitator);
  hub.attach(mallory);
  const fDoc = new Y.Doc();
  const fBoard = Board.create(fDoc, { boardId: 'b1', title: '골목 안전' });
  const notes = createNotes(fBoard, [
    { x: 0, y: 0, author: '진행자', text: '가로등이 어둡다' },
    { x: 200, y: 0, author: '진행자', text: '차가 빠르다' },
    { x: 400, y: 0, author: '진행자', text: '인도가 좁다' },
  ]) as string[];
  hub.receive(facilitator, updateMessage(Y.encodeStateAsUpdate(fDoc)));
  const mDoc = new Y.Doc();
  deliver(hub, mallory, mDoc);
  deliver(hub, facilitator, fDoc);
  return { hub, log, massRemovals, facilitator, mallory, fDoc, fBoard, mDoc, notes };
}

const noteTexts = (doc: Y.Doc) => Board.open(doc).notes().map((n) => n.text).sort();

describe('the hub keeps what the room allows', () => {
  it('marks each participant\'s new record as theirs (the hub writes owners, not the client); the facilitator\'s need no mark', () => {
    const { hub, mallory, mDoc, notes } = room();
    expect(notes.map((id) => ownersMap(hub.doc).get(id))).toEqual([undefined, undefined, undefined]);
    const mine = recorder(mDoc);
    const board = Board.open(mDoc);
    board.setActor({ memberId: 'mallory', role: 'participant' });
    const id = createNote(board, { x: 0, y: 300, author: 'M', text: '내 메모' }) as string;
    hub.receive(mallory, updateMessage(mine.take()));
    expect(ownersMap(hub.doc).get(id)).toBe('mallory');
    deliver(hub, mallory, mDoc);
    expect(board.mayDelete(id)).toBe(true);
    expect(board.mayDelete(notes[0]!)).toBe(false);
  });

  it('undoes a participant deleting everyone\'s records: the board comes back for all, the sender is told, the facilitator logs it', () => {
    const { hub, facilitator, mallory, fDoc, mDoc } = room();
    const wipe = recorder(mDoc);
    mDoc.transact(() => {
      const records = recordsMap(mDoc);
      for (const id of [...records.keys()]) records.delete(id);
    });
    expect(Board.open(mDoc).notes()).toHaveLength(0);
    hub.receive(mallory, updateMessage(wipe.take()));

    expect(noteTexts(hub.doc)).toEqual(['가로등이 어둡다', '인도가 좁다', '차가 빠르다']);
    expect(noticesOf(mallory)).toEqual([{ kind: 'refused', reason: 'notOwner', records: [expect.any(String)] }]);
    deliver(hub, mallory, mDoc);
    expect(noteTexts(mDoc)).toEqual(['가로등이 어둡다', '인도가 좁다', '차가 빠르다']);
    // The facilitator's app gets the log entry, and its board never lost anything.
    const log = noticesOf(facilitator).filter((n) => n.kind === 'log');
    expect(log).toEqual([{ kind: 'log', entry: expect.objectContaining({ memberId: 'mallory', reason: 'notOwner' }) }]);
    deliver(hub, facilitator, fDoc);
    expect(noteTexts(fDoc)).toEqual(['가로등이 어둡다', '인도가 좁다', '차가 빠르다']);
    expect(hub.log).toHaveLength(1);
  });

  it('does not keep the deleted text of an undone wipe twice (the board does not grow with each attempt)', () => {
    const { hub, mallory, mDoc } = room();
    const sizeBefore = Y.encodeStateAsUpdate(hub.doc).byteLength;
    for (let attempt = 0; attempt < 5; attempt++) {
      const wipe = recorder(mDoc);
      mDoc.transact(() => {
        const records = recordsMap(mDoc);
        for (const id of [...records.keys()]) records.delete(id);
      });
      hub.receive(mallory, updateMessage(wipe.take()));
      deliver(hub, mallory, mDoc);
    }
    expect(noteTexts(hub.doc)).toHaveLength(3);
    // Five restored copies of three notes, without the deleted originals' content.
    expect(Y.encodeStateAsUpdate(hub.doc).byteLength).toBeLessThan(sizeBefore * 6);
    const text = new TextDecoder().decode(Y.encodeStateAsUpdate(hub.doc));
    expect(text.split('가로등이 어둡다').length - 1).toBe(1);
  });

  it('refuses board metadata from a participant (schemaVersion 999 would make the board read-only for everyone)', () => {
    const { hub, mallory, mDoc } = room();
    const rec = recorder(mDoc);
    metaMap(mDoc).set('schemaVersion', 999);
    hub.receive(mallory, updateMessage(rec.take()));
    expect(metaMap(hub.doc).get('schemaVersion')).toBe(1);
    expect(Board.open(hub.doc).readOnly).toBe(false);
    expect(noticesOf(mallory)[0]).toMatchObject({ kind: 'refused', reason: 'protected' });
  });

  it('refuses owners, locks and roots a board does not have from a participant', () => {
    const { hub, mallory, mDoc, notes } = room();
    for (const write of [
      () => ownersMap(mDoc).set(notes[0]!, 'mallory'),
      () => locksMap(mDoc).set(notes[1]!, true),
      () => mDoc.getMap('elsewhere').set('junk', 'x'.repeat(1000)),
    ]) {
      const rec = recorder(mDoc);
      write();
      hub.receive(mallory, updateMessage(rec.take()));
      deliver(hub, mallory, mDoc);
    }
    expect(ownersMap(hub.doc).get(notes[0]!)).toBeUndefined();
    expect(locksMap(hub.doc).size).toBe(0);
    expect(hub.doc.getMap('elsewhere').size).toBe(0);
    // The same reason twice within a second is told and logged once (clients re-send on resync).
    expect(hub.log.map((e) => e.reason)).toEqual(['protected', 'structure']);
    expect(hub.counters.refused).toBe(3);
  });

  it('lets a participant edit and move unlocked records and delete their own, and refuses all of it once locked or view-only', () => {
    const { hub, fDoc, fBoard, facilitator, mallory, mDoc, notes } = room();
    const edit = (fn: () => void) => {
      const rec = recorder(mDoc);
      fn();
      hub.receive(mallory, updateMessage(rec.take()));
      deliver(hub, mallory, mDoc);
    };
    const text = (doc: Y.Doc, id: string) => Board.open(doc).get(id)?.type === 'note' && (Board.open(doc).get(id) as { text: string }).text;
    edit(() => (recordsMap(mDoc).get(notes[0]!)!.get('text') as Y.Text).insert(0, '밤에 '));
    expect(text(hub.doc, notes[0]!)).toBe('밤에 가로등이 어둡다');

    // The facilitator locks the second note, then makes the room view-only.
    const fac = recorder(fDoc);
    setLocked(fBoard, [notes[1]!], true);
    hub.receive(facilitator, updateMessage(fac.take()));
    deliver(hub, mallory, mDoc);
    edit(() => (recordsMap(mDoc).get(notes[1]!)!.get('text') as Y.Text).insert(0, '잠김? '));
    edit(() => recordsMap(mDoc).get(notes[1]!)!.set('geometry', { x: 999, y: 999, w: 160, h: 120 }));
    expect(text(hub.doc, notes[1]!)).toBe('차가 빠르다');
    expect(Board.open(hub.doc).get(notes[1]!)).toMatchObject({ geometry: { x: 200, y: 0 } });

    deliver(hub, facilitator, fDoc);
    setViewOnly(fBoard, true);
    hub.receive(facilitator, updateMessage(fac.take()));
    deliver(hub, mallory, mDoc);
    edit(() => (recordsMap(mDoc).get(notes[2]!)!.get('text') as Y.Text).insert(0, '보기 전용? '));
    expect(text(hub.doc, notes[2]!)).toBe('인도가 좁다');
    expect(hub.log.map((e) => e.reason)).toEqual(['locked', 'viewOnly']);
    expect(hub.counters.refused).toBe(3);
    // The participant's board says why it cannot be changed.
    const mBoard = Board.open(mDoc);
    mBoard.setActor({ memberId: 'mallory', role: 'participant' });
    expect(mBoard.readOnlyReason).toBe('viewOnly');
  });

  it('refuses text over the limit and an oversized update, storing nothing of either', () => {
    const { hub, mallory, mDoc, notes } = room();
    const rec = recorder(mDoc);
    (recordsMap(mDoc).get(notes[0]!)!.get('text') as Y.Text).insert(0, '가'.repeat(TEXT_MAX));
    hub.receive(mallory, updateMessage(rec.take()));
    expect(Board.open(hub.doc).get(notes[0]!)).toMatchObject({ text: '가로등이 어둡다' });

    const huge = new Y.Doc();
    huge.getText('t').insert(0, 'x'.repeat(3 * 1024 * 1024));
    const before = Y.encodeStateVector(hub.doc);
    hub.receive(mallory, updateMessage(Y.encodeStateAsUpdate(huge)));
    expect(Y.encodeStateVector(hub.doc)).toEqual(before);
    expect(hub.log.map((e) => e.reason)).toEqual(['textTooLong', 'updateTooLarge']);
  });

  it('cuts off a link that keeps sending refused changes', () => {
    const { hub, mallory, mDoc } = room();
    for (let i = 0; i < 40 && mallory.closed === null; i++) {
      const rec = recorder(mDoc);
      metaMap(mDoc).set('title', `hijack ${i}`);
      hub.receive(mallory, updateMessage(rec.take()));
    }
    expect(mallory.closed).toBe('too many refused changes');
    expect(metaMap(hub.doc).get('title')).toBe('골목 안전');
  });

  it('asks for a snapshot before a participant\'s change that removes many records', () => {
    const { hub, mallory, mDoc, massRemovals } = room();
    const board = Board.open(mDoc);
    board.setActor({ memberId: 'mallory', role: 'participant' });
    const rec = recorder(mDoc);
    const ids = createNotes(board, Array.from({ length: 60 }, (_, i) => ({ x: i * 10, y: 500, author: 'M', text: `메모 ${i}` }))) as string[];
    hub.receive(mallory, updateMessage(rec.take()));
    deliver(hub, mallory, mDoc);
    expect(massRemovals).toHaveLength(0);
    mDoc.transact(() => ids.forEach((id) => recordsMap(mDoc).delete(id)));
    hub.receive(mallory, updateMessage(rec.take()));
    expect(massRemovals).toHaveLength(1);
    // Their own notes: the deletion stands.
    expect(Board.open(hub.doc).notes()).toHaveLength(3);
  });
});

describe('presence is each link\'s own, and the host sets roles', () => {
  const presence = rawPresenceMessage;

  it('never lets one person rename another or make themselves facilitator', () => {
    const { hub } = hubRoom();
    const alice = link('alice', 'participant');
    const mallory = link('mallory', 'participant');
    hub.attach(alice);
    hub.attach(mallory);
    hub.receive(alice, presence([[100, 1, { user: { name: '앨리스', role: 'participant' } }]]));
    hub.receive(mallory, presence([[200, 1, { user: { name: '말로리', role: 'facilitator' } }], [100, 9, { user: { name: '가짜', role: 'facilitator' } }]]));
    const states = hub.awareness.getStates();
    expect(states.get(100)).toEqual({ user: { name: '앨리스', role: 'participant', memberId: 'alice' } });
    expect(states.get(200)).toEqual({ user: { name: '말로리', role: 'participant', memberId: 'mallory' } });
  });

  it('gives the facilitator role only to the facilitator\'s link', () => {
    const { hub } = hubRoom();
    const facilitator = link('fac', 'facilitator');
    hub.attach(facilitator);
    hub.receive(facilitator, presence([[7, 1, { user: { name: '진행자', role: 'participant' } }]]));
    expect(hub.awareness.getStates().get(7)).toMatchObject({ user: { role: 'facilitator' } });
  });

  it('caps the people one link and one room may bring (5,000 fake facilitators reach no one)', () => {
    const { hub } = hubRoom();
    const mallory = link('mallory', 'participant');
    const others = Array.from({ length: 3 }, (_, i) => link(`p${i}`, 'participant'));
    hub.attach(mallory);
    for (const other of others) hub.attach(other);
    const flood = Array.from({ length: 5000 }, (_, i) => [1000 + i, 1, { user: { name: `가짜 ${i}`, role: 'facilitator' } }] as [number, number, unknown]);
    // In pieces under the presence message limit, as a client would have to send them.
    for (let i = 0; i < flood.length; i += 500) hub.receive(mallory, presence(flood.slice(i, i + 500)));
    expect(hub.awareness.getStates().size).toBe(2);
    for (let i = 0; i < MAX_PEOPLE_PER_ROOM + 10; i++) {
      const l = link(`crowd-${i}`, 'participant');
      hub.attach(l);
      hub.receive(l, presence([[50_000 + i, 1, { user: { name: `사람 ${i}` } }]]));
    }
    expect(hub.awareness.getStates().size).toBe(MAX_PEOPLE_PER_ROOM);
  });
});
