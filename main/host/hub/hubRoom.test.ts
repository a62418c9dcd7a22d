import { afterEach, describe, expect, it, vi } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { awarenessMessage, MESSAGE, peekMessage, syncStep1Message, updateMessage } from '../../../shared/sync/protocol';
import { createMemoryLogger } from '../log';
import type { MemberRole } from '../../../shared/board/policy';
import { fakeLink } from '../testSupport';
import { HUB_RESYNC_MS, HubRoom } from './hubRoom';

/** A link of the facilitator's by default: these tests are about the hub's plumbing, not its rules. */
const link = (id: string, memberId = id, role: MemberRole = 'facilitator') => fakeLink(id, role, memberId);

const counters = () => ({ messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0, rejected: 0, refused: 0 });
const rooms: HubRoom[] = [];
function room(): HubRoom {
  const r = new HubRoom('room-1', createMemoryLogger(), counters());
  rooms.push(r);
  return r;
}

afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy();
  vi.useRealTimers();
});

/** A peer's edit as the wire carries it. */
function edit(key: string, value: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('notes').set(key, value);
  return updateMessage(Y.encodeStateAsUpdate(doc));
}

describe('HubRoom', () => {
  it('greets a new link with its state vector, and answers a state vector with what the link lacks', () => {
    const hub = room();
    hub.doc.getMap('notes').set('n1', 'already here');
    const a = link('a');
    hub.attach(a);
    expect(peekMessage(a.sent[0]!)?.type).toBe('syncStep1');

    a.sent.length = 0;
    hub.receive(a, syncStep1Message(new Y.Doc()));
    const reply = peekMessage(a.sent[0]!);
    expect(reply?.type).toBe('syncStep2');
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, (reply as { update: Uint8Array }).update);
    expect(joiner.getMap('notes').get('n1')).toBe('already here');
  });

  it('sends an edit to every other link once and never back to its sender (N−1 messages down)', () => {
    const hub = room();
    const links = ['a', 'b', 'c', 'd'].map((id) => link(id));
    for (const l of links) hub.attach(l);
    for (const l of links) l.sent.length = 0;

    const message = edit('n1', '안녕');
    hub.receive(links[0]!, message);
    hub.flush();
    expect(hub.doc.getMap('notes').get('n1')).toBe('안녕');
    expect(links[0]!.sent).toHaveLength(0);
    for (const l of links.slice(1)) expect(l.sent.map((m) => peekMessage(m)?.type)).toEqual(['update']);
    // The same edit again (a resend after a reconnect) changes nothing and goes nowhere.
    hub.receive(links[1]!, message);
    hub.flush();
    expect(links.flatMap((l) => l.sent)).toHaveLength(3);
  });

  it('merges edits that arrive in one turn of the event loop into one message per link', () => {
    const hub = room();
    const [a, b] = [link('a'), link('b')];
    hub.attach(a);
    hub.attach(b);
    b.sent.length = 0;
    for (let i = 0; i < 5; i++) hub.receive(a, edit(`n${i}`, `note ${i}`));
    hub.flush();
    expect(b.sent).toHaveLength(1);
    const merged = peekMessage(b.sent[0]!) as { type: string; update: Uint8Array };
    expect(merged.type).toBe('update');
    const peer = new Y.Doc();
    Y.applyUpdate(peer, merged.update);
    expect([...peer.getMap('notes').keys()].sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
  });

  it('relays presence, and a closed link takes its people out of everyone\'s list at once', () => {
    const hub = room();
    const a = link('a');
    const b = link('b');
    hub.attach(a);
    hub.attach(b);
    const peerDoc = new Y.Doc();
    const peer = new awarenessProtocol.Awareness(peerDoc);
    peer.setLocalState({ user: { name: '민지', color: '#e03131', role: 'participant' } });
    b.sent.length = 0;
    hub.receive(a, awarenessMessage(peer, [peerDoc.clientID]));
    hub.flush();
    expect(hub.awareness.getStates().get(peerDoc.clientID)).toMatchObject({ user: { name: '민지' } });
    expect(b.sent.map((m) => peekMessage(m)?.type)).toEqual(['awareness']);
    expect(hub.linksOfClient(peerDoc.clientID)).toEqual([a]);

    hub.detach(a);
    hub.flush();
    expect(hub.awareness.getStates().has(peerDoc.clientID)).toBe(false);
    expect(b.sent.map((m) => peekMessage(m)?.type)).toEqual(['awareness', 'awareness']);
    peer.destroy();
  });

  it('keeps a person present when their relay closes after their data channel took over', () => {
    const hub = room();
    // One person (one member) whose relay gives way to a data channel.
    const relay = link('relay', 'member-1');
    const channel = link('channel', 'member-1');
    hub.attach(relay);
    hub.attach(channel);
    const peerDoc = new Y.Doc();
    const peer = new awarenessProtocol.Awareness(peerDoc);
    peer.setLocalState({ user: { name: '민지' } });
    hub.receive(relay, awarenessMessage(peer, [peerDoc.clientID]));
    peer.setLocalStateField('cursor', { x: 1, y: 2 });
    hub.receive(channel, awarenessMessage(peer, [peerDoc.clientID]));
    hub.detach(relay);
    expect(hub.awareness.getStates().has(peerDoc.clientID)).toBe(true);
    peer.destroy();
  });

  it('keeps a person present when their data channel repeats what the relay said (same clock) and the relay then closes', () => {
    const hub = room();
    const relay = link('relay', 'member-1');
    const channel = link('channel', 'member-1');
    const other = link('other', 'member-2');
    for (const l of [relay, channel, other]) hub.attach(l);
    const peerDoc = new Y.Doc();
    const peer = new awarenessProtocol.Awareness(peerDoc);
    peer.setLocalState({ user: { name: '민지' } });
    const said = awarenessMessage(peer, [peerDoc.clientID]);
    hub.receive(relay, said);
    // The channel opens and says the same thing again: not newer, yet the person now lives there.
    hub.receive(channel, said);
    hub.detach(relay);
    expect(hub.awareness.getStates().get(peerDoc.clientID)).toMatchObject({ user: { name: '민지' } });
    // Closing the channel, the person's last link, takes them out.
    hub.detach(channel);
    expect(hub.awareness.getStates().has(peerDoc.clientID)).toBe(false);
    peer.destroy();
  });

  it('survives garbage, huge length prefixes and oversized presence, and cuts off a link after 16 bad messages', () => {
    const log = createMemoryLogger();
    const hub = new HubRoom('room-1', log, counters());
    rooms.push(hub);
    const bad = link('bad');
    const good = link('good');
    hub.attach(bad);
    hub.attach(good);

    const hugeLength = encoding.createEncoder();
    encoding.writeVarUint(hugeLength, MESSAGE.sync);
    encoding.writeVarUint(hugeLength, 2);
    encoding.writeVarUint(hugeLength, 2 ** 40);
    const bigPresence = encoding.createEncoder();
    encoding.writeVarUint(bigPresence, MESSAGE.awareness);
    encoding.writeVarUint8Array(bigPresence, new Uint8Array(128 * 1024));
    // An update Yjs cannot decode leaves the doc unchanged and counts against the link like any garbage.
    const before = Y.encodeStateAsUpdate(hub.doc);
    for (const update of [encoding.toUint8Array(hugeLength), new Uint8Array([0, 2, 5, 1, 2, 3])]) expect(() => hub.receive(bad, update)).not.toThrow();
    expect(Y.encodeStateAsUpdate(hub.doc)).toEqual(before);
    expect(hub.counters.rejected).toBe(2);

    // Messages the hub cannot even frame are counted; the 16th cuts the link off.
    const garbage = [new Uint8Array([]), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), encoding.toUint8Array(bigPresence), new Uint8Array([1]), new Uint8Array([0, 9])];
    for (const message of garbage) expect(() => hub.receive(bad, message)).not.toThrow();
    expect(bad.closed).toBeNull();
    for (let i = garbage.length + 2; i < 16; i++) hub.receive(bad, new Uint8Array([0, 9]));
    expect(bad.closed).toBe('too many malformed messages');
    expect(hub.counters.rejected).toBe(16);

    // The room still works for everyone else.
    hub.receive(good, edit('n1', 'fine'));
    expect(hub.doc.getMap('notes').get('n1')).toBe('fine');
    expect(log.entries.filter((e) => e.event === 'hub.badMessage')).toHaveLength(16);
  });

  it('lets go of a link whose sends fail, once, and keeps serving the others', () => {
    const log = createMemoryLogger();
    const hub = new HubRoom('room-1', log, counters());
    rooms.push(hub);
    const broken = link('broken');
    const good = link('good');
    hub.attach(good);
    hub.attach(broken);
    broken.send = () => {
      throw new Error('channel closing');
    };
    for (let i = 0; i < 3; i++) hub.receive(good, edit(`n${i}`, 'x'));
    hub.flush();
    hub.receive(good, edit('n9', 'y'));
    hub.flush();
    expect(broken.closed).toBe('send failed');
    expect(log.entries.filter((e) => e.event === 'hub.sendFailed')).toHaveLength(1);
    expect(hub.linkCount).toBe(1);
  });

  it('acknowledges an answer that brought content with its state vector, and ends an exchange that brought none', () => {
    const hub = room();
    const a = link('a');
    hub.attach(a);
    const peer = new Y.Doc();
    peer.getMap('notes').set('gone', 'x');
    peer.getMap('notes').delete('gone');
    peer.getMap('notes').set('kept', 'y');
    const answer = () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE.sync);
      syncProtocol.writeSyncStep2(encoder, peer, Y.encodeStateVector(hub.doc));
      return encoding.toUint8Array(encoder);
    };
    a.sent.length = 0;
    hub.receive(a, answer());
    expect(a.sent.map((m) => peekMessage(m)?.type)).toEqual(['syncStep1']);
    // Answering that: Yjs sends the delete set again, but nothing new. No reply, or the two would
    // answer each other for ever.
    a.sent.length = 0;
    hub.receive(a, answer());
    expect(a.sent).toEqual([]);
  });

  it('asks every link for what it lacks on a timer, repairing one-way sync', () => {
    vi.useFakeTimers();
    const hub = room();
    const a = link('a');
    hub.attach(a);
    a.sent.length = 0;
    vi.advanceTimersByTime(HUB_RESYNC_MS);
    expect(a.sent.map((m) => peekMessage(m)?.type)).toEqual(['syncStep1']);
  });
});
