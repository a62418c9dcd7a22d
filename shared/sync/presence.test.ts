import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FALLBACK_COLOR, PRESENCE_LIMITS, createThrottle, cursorIntervalMs, localPresence, parsePresence, pickVisibleCursors,
  type RemotePresence,
} from './presence';

const user = { name: '다람쥐 7', color: '#1971c2', role: 'participant' };

describe('parsePresence: awareness from other peers', () => {
  it('reads a well-formed state', () => {
    const p = parsePresence(5, { user, cursor: { x: 10.5, y: -3 }, selection: ['a', 'b'], drag: { ids: ['a'], dx: 4, dy: 5 } });
    expect(p).toEqual({ clientId: 5, user, cursor: { x: 10.5, y: -3 }, selection: ['a', 'b'], drag: { ids: ['a'], dx: 4, dy: 5 } });
  });

  it('needs a user with a string name; anything else about the person is repaired', () => {
    expect(parsePresence(1, null)).toBeNull();
    expect(parsePresence(1, [user])).toBeNull();
    expect(parsePresence(1, { cursor: { x: 1, y: 1 } })).toBeNull();
    expect(parsePresence(1, { user: { name: 42 } })).toBeNull();
    expect(parsePresence(Number.NaN, { user })).toBeNull();
    const p = parsePresence(1, { user: { name: ' \u0000이름\u202e  길게 ', color: 'red', role: 'admin' } })!;
    expect(p.user).toEqual({ name: '이름 길게', color: FALLBACK_COLOR, role: 'participant' });
    expect(parsePresence(1, { user: { ...user, color: '#12345g' } })!.user.color).toBe(FALLBACK_COLOR);
    expect(parsePresence(1, { user: { ...user, role: 'facilitator' } })!.user.role).toBe('facilitator');
    expect(parsePresence(1, { user: { ...user, name: 'x'.repeat(100_000) } })!.user.name).toHaveLength(40);
  });

  it('drops a malformed field, not the person', () => {
    const bad = [
      { cursor: { x: '1', y: 2 } },
      { cursor: { x: Infinity, y: 2 } },
      { cursor: [1, 2] },
      { selection: 'a' },
      { selection: [1, 2] },
      { selection: ['x'.repeat(65)] },
      { selection: Array.from({ length: 51 }, (_, i) => `n${i}`) },
      { drag: { ids: [], dx: 1, dy: 1 } },
      { drag: { ids: ['a'], dx: Number.NaN, dy: 1 } },
      { drag: { ids: Array.from({ length: 201 }, (_, i) => `n${i}`), dx: 1, dy: 1 } },
    ];
    for (const fields of bad) {
      const p = parsePresence(2, { user, ...fields });
      expect(p, JSON.stringify(fields).slice(0, 80)).toMatchObject({ cursor: null, selection: [], drag: null });
    }
  });

  it('clamps coordinates, keeps the limits exactly, ignores unknown fields', () => {
    const selection = Array.from({ length: 50 }, (_, i) => `n${i}`.padEnd(64, 'x'));
    const p = parsePresence(3, { user, extra: 'x'.repeat(1000), cursor: { x: 1e12, y: -1e12, z: 1 }, selection, drag: { ids: selection, dx: -5e9, dy: 0 } })!;
    expect(p.cursor).toEqual({ x: PRESENCE_LIMITS.coordMax, y: -PRESENCE_LIMITS.coordMax });
    expect(p.selection).toHaveLength(50);
    expect(p.drag).toEqual({ ids: selection, dx: -PRESENCE_LIMITS.coordMax, dy: 0 });
    expect(p).not.toHaveProperty('extra');
  });
});

describe('localPresence: what this client sends', () => {
  it('rounds, caps and drops ids that others would refuse', () => {
    const many = Array.from({ length: 300 }, (_, i) => `id${i}`);
    const out = localPresence({ x: 1.6, y: -2.4 }, ['', 'x'.repeat(65), ...many], { ids: many, dx: 3.7, dy: Number.NaN });
    expect(out.cursor).toEqual({ x: 2, y: -2 });
    expect(out.selection).toEqual(many.slice(0, 50));
    expect(out.drag).toEqual({ ids: many.slice(0, 200), dx: 4, dy: 0 });
    expect(localPresence(null, [], { ids: [''], dx: 1, dy: 1 })).toEqual({ cursor: null, selection: [], drag: null });
    // What we send is what others accept.
    expect(parsePresence(1, { user, ...out })).toMatchObject(out);
  });
});

// systemClock's Date.now and setTimeout, driven by vitest's fake timers.
describe('createThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => vi.advanceTimersByTime(ms);
  const timers = {
    get size() {
      return vi.getTimerCount();
    },
  };
  it('sends the first value at once, then at most one per interval carrying the latest', () => {
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 100);
    t.push(1);
    expect(sent).toEqual([1]);
    t.push(2);
    t.push(3);
    advance(50);
    t.push(4);
    expect(sent).toEqual([1]);
    advance(50);
    expect(sent).toEqual([1, 4]);
    advance(500);
    expect(sent).toEqual([1, 4]);
    expect(timers.size).toBe(0);
    t.push(5); // quiet for longer than the interval: leading again
    expect(sent).toEqual([1, 4, 5]);
  });

  it('a steady stream of 60 values a second comes out at 10 a second', () => {
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), 100);
    for (let i = 0; i < 60; i++) {
      t.push(i);
      advance(1000 / 60);
    }
    advance(100);
    expect(sent.length).toBeGreaterThanOrEqual(10);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe(59);
  });

  it('flush sends the waiting value now; cancel drops it and leaves no timer', () => {
    const sent: string[] = [];
    const t = createThrottle<string>((v) => sent.push(v), 100);
    t.push('a');
    t.push('b');
    t.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(timers.size).toBe(0);
    t.flush();
    expect(sent).toEqual(['a', 'b']);
    t.push('c');
    expect(timers.size).toBe(1);
    t.cancel();
    expect(timers.size).toBe(0);
    advance(1000);
    expect(sent).toEqual(['a', 'b']);
  });

  it('reads a changing interval (room size) at each send', () => {
    let interval = 100;
    const sent: number[] = [];
    const t = createThrottle<number>((v) => sent.push(v), () => interval);
    t.push(1);
    interval = 400;
    t.push(2);
    advance(100);
    expect(sent).toEqual([1]);
    advance(300);
    expect(sent).toEqual([1, 2]);
  });
});

describe('cursorIntervalMs', () => {
  it('is 10 Hz up to 10 people, then keeps the room near 100 updates a second', () => {
    expect(cursorIntervalMs(1)).toBe(100);
    expect(cursorIntervalMs(10)).toBe(100);
    expect(cursorIntervalMs(20)).toBe(200);
    expect(cursorIntervalMs(40)).toBe(400);
    expect(cursorIntervalMs(10_000)).toBe(PRESENCE_LIMITS.maxIntervalMs);
    expect(cursorIntervalMs(Number.NaN)).toBe(100);
    for (const people of [5, 10, 25, 40]) expect((people * 1000) / cursorIntervalMs(people)).toBeLessThanOrEqual(100);
  });
});

function remote(clientId: number, x: number, role: 'participant' | 'facilitator' = 'participant', cursor = true): RemotePresence {
  return { clientId, user: { name: `p${clientId}`, color: '#1971c2', role }, cursor: cursor ? { x, y: 0 } : null, selection: [], drag: null };
}

describe('pickVisibleCursors', () => {
  it('shows everyone in a small room', () => {
    const picked = pickVisibleCursors([remote(1, 10), remote(2, 20), remote(3, 30)], { focus: { x: 0, y: 0 } });
    expect(picked.map((r) => r.clientId)).toEqual([1, 2, 3]);
  });

  it('in a big room: the facilitator wherever they are, then the nearest, up to max; no cursor, no place', () => {
    const people = Array.from({ length: 30 }, (_, i) => remote(i + 1, (i + 1) * 100));
    people.push(remote(99, 1e6, 'facilitator'), remote(100, 1, 'participant', false));
    const picked = pickVisibleCursors(people, { focus: { x: 0, y: 0 } });
    expect(picked).toHaveLength(PRESENCE_LIMITS.visibleCursors);
    expect(picked.map((r) => r.clientId)).toEqual([99, 1, 2, 3, 4, 5, 6, 7]);
    const nearEnd = pickVisibleCursors(people, { focus: { x: 3000, y: 0 }, max: 3 });
    expect(nearEnd.map((r) => r.clientId)).toEqual([99, 30, 29]);
  });

  it('keeps a shown cursor against a slightly nearer newcomer, and without focus orders by client id', () => {
    const a = remote(1, 100);
    const b = remote(2, 90);
    expect(pickVisibleCursors([a, b], { focus: { x: 0, y: 0 }, max: 1 })[0]!.clientId).toBe(2);
    expect(pickVisibleCursors([a, b], { focus: { x: 0, y: 0 }, max: 1, shown: new Set([1]) })[0]!.clientId).toBe(1);
    expect(pickVisibleCursors([remote(7, 0), remote(3, 50)], { focus: null, max: 1 })[0]!.clientId).toBe(3);
  });
});
