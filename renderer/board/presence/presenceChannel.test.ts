import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import { createPresenceChannel } from './presenceChannel';
import { manualClock, remoteUpdate } from './testing';

const me = { name: '호랑이 3', color: '#2f9e44', role: 'participant' };

const awarenesses: Awareness[] = [];
function setup() {
  const awareness = new Awareness(new Y.Doc());
  awarenesses.push(awareness);
  awareness.setLocalStateField('user', me);
  const updates: Array<Record<string, unknown>> = [];
  // 'update' is what y-webrtc sends to the room: count those.
  awareness.on('update', ({ updated }: { updated: number[] }) => {
    if (updated.includes(awareness.clientID)) updates.push(awareness.getLocalState()!);
  });
  const { clock, advance, timers } = manualClock();
  const channel = createPresenceChannel(awareness, clock);
  const local = () => awareness.getLocalState() as Record<string, unknown>;
  const peer = (clientId: number, state: unknown, version = 1) => applyAwarenessUpdate(awareness, remoteUpdate(clientId, version, state), 'test');
  return { awareness, channel, updates, advance, timers, local, peer };
}

afterEach(() => {
  for (const a of awarenesses.splice(0)) a.destroy();
});

describe('presence channel: publishing', () => {
  it('sends the first cursor at once, then at most one per 100 ms (room ≤ 10), always the latest, keeping `user`', () => {
    const { channel, updates, advance, local, timers } = setup();
    channel.setCursor({ x: 10.4, y: 20.6 });
    expect(local()).toEqual({ user: me, cursor: { x: 10, y: 21 }, drag: null });
    for (let i = 1; i <= 60; i++) {
      channel.setCursor({ x: 10 + i, y: 20 });
      advance(1000 / 60);
    }
    advance(100);
    expect(updates.length).toBeGreaterThanOrEqual(10);
    expect(updates.length).toBeLessThanOrEqual(12);
    expect(local()['cursor']).toEqual({ x: 70, y: 20 });
    expect(local()['user']).toEqual(me);
    expect(timers.size).toBe(0);
  });

  it('a cursor that did not move sends nothing; leaving the canvas is sent at once', () => {
    const { channel, updates, advance, local, timers } = setup();
    channel.setCursor({ x: 1, y: 1 });
    advance(200);
    channel.setCursor({ x: 1.2, y: 0.9 });
    expect(updates).toHaveLength(1);
    channel.setCursor({ x: 5, y: 5 });
    channel.setCursor({ x: 6, y: 6 });
    channel.setCursor(null);
    expect(local()['cursor']).toBeNull();
    expect(timers.size).toBe(0);
    advance(500);
    expect(local()['cursor']).toBeNull();
  });

  it('a drag travels with the cursor, one update per interval; its end is sent at once', () => {
    const { channel, updates, advance, local, timers } = setup();
    channel.setCursor({ x: 0, y: 0 });
    advance(100);
    const before = updates.length;
    for (let i = 1; i <= 30; i++) {
      channel.setCursor({ x: i * 3, y: 0 });
      channel.setDrag({ ids: ['n1', 'n2'], dx: i * 3, dy: 0 });
      advance(10);
    }
    advance(100);
    // 300 ms of dragging: 3–4 updates, each carrying both fields.
    expect(updates.length - before).toBeLessThanOrEqual(4);
    expect(local()).toMatchObject({ cursor: { x: 90, y: 0 }, drag: { ids: ['n1', 'n2'], dx: 90, dy: 0 } });
    channel.setCursor({ x: 99, y: 0 });
    channel.setDrag({ ids: ['n1', 'n2'], dx: 99, dy: 0 });
    channel.setDrag(null);
    expect(local()).toMatchObject({ cursor: { x: 99, y: 0 }, drag: null });
    expect(timers.size).toBe(0);
  });

  it('selection goes at once, deduplicated, at most 50 ids', () => {
    const { channel, updates, local, advance } = setup();
    channel.setSelection(new Set(['a', 'b']));
    expect(local()['selection']).toEqual(['a', 'b']);
    advance(150);
    channel.setSelection(['a', 'b']);
    expect(updates).toHaveLength(1);
    channel.setSelection(Array.from({ length: 120 }, (_, i) => `n${i}`));
    expect(local()['selection']).toHaveLength(50);
  });

  it('slows down as the room fills: 30 people → one update per 300 ms', () => {
    const { channel, updates, advance, peer } = setup();
    for (let id = 1; id < 30; id++) peer(1000 + id, { user: { name: `p${id}`, color: '#1971c2' } });
    expect(channel.roomSize()).toBe(30);
    for (let i = 0; i < 60; i++) {
      channel.setCursor({ x: i, y: 0 });
      advance(1000 / 60);
    }
    advance(300);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.length).toBeLessThanOrEqual(5);
  });

  it('destroy clears this user’s cursor, selection and drag for the others and leaves no timer', () => {
    const { channel, local, timers, peer } = setup();
    channel.setCursor({ x: 1, y: 1 });
    channel.setCursor({ x: 2, y: 2 });
    channel.setSelection(['a']);
    let calls = 0;
    channel.subscribe(() => calls++);
    channel.destroy();
    expect(local()).toEqual({ user: me, cursor: null, selection: [], drag: null });
    expect(timers.size).toBe(0);
    channel.setCursor({ x: 3, y: 3 });
    channel.setSelection(['b']);
    expect(timers.size).toBe(0);
    peer(7, { user: { name: 'x', color: '#000000' } });
    expect(calls).toBe(0);
  });
});

describe('presence channel: receiving', () => {
  it('remotes() excludes self, parses and validates, ignores malformed states', () => {
    const { channel, peer } = setup();
    channel.setCursor({ x: 5, y: 5 });
    peer(11, { user: { name: '  김  지수 ', color: '#c2255c', role: 'facilitator' }, cursor: { x: 1, y: 2 }, selection: ['n1'], drag: null });
    peer(12, { user: { name: 'B', color: 'javascript:alert(1)' }, cursor: { x: 'a' }, selection: Array(500).fill('n'), drag: { ids: ['n1'], dx: 1e30, dy: 2 } });
    peer(13, { cursor: { x: 1, y: 1 } });
    peer(14, { user: 'not an object' });
    peer(15, { user: { name: ['x'] } });
    const remotes = channel.remotes();
    expect(remotes.map((r) => r.clientId)).toEqual([11, 12]);
    expect(remotes[0]).toEqual({ clientId: 11, user: { name: '김 지수', color: '#c2255c', role: 'facilitator' }, cursor: { x: 1, y: 2 }, selection: ['n1'], drag: null });
    expect(remotes[1]).toEqual({ clientId: 12, user: { name: 'B', color: '#868e96', role: 'participant' }, cursor: null, selection: [], drag: { ids: ['n1'], dx: 1e7, dy: 2 } });
  });

  it('notifies subscribers of other people’s changes only, and re-reads after each', () => {
    const { channel, peer, advance } = setup();
    let calls = 0;
    const stop = channel.subscribe(() => calls++);
    channel.setCursor({ x: 1, y: 1 });
    advance(200);
    channel.setSelection(['a']);
    expect(calls).toBe(0);
    peer(21, { user: { name: 'A', color: '#1971c2' }, cursor: { x: 1, y: 1 } });
    expect(calls).toBe(1);
    expect(channel.remotes()[0]!.cursor).toEqual({ x: 1, y: 1 });
    peer(21, { user: { name: 'A', color: '#1971c2' }, cursor: { x: 9, y: 9 } }, 2);
    expect(calls).toBe(2);
    expect(channel.remotes()[0]!.cursor).toEqual({ x: 9, y: 9 });
    peer(21, null, 2);
    expect(calls).toBe(3);
    expect(channel.remotes()).toEqual([]);
    stop();
    peer(22, { user: { name: 'C', color: '#1971c2' } });
    expect(calls).toBe(3);
  });
});
