import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { MadangDatabase } from '../db/database';
import { createOutcome } from '../../shared/outcomes/review';
import { newOutboxItem } from '../../shared/outcomes/portal/outbox';
import { DexieOutboxStore, DexieOutcomeRepository } from './storage';

let count = 0;
const names: string[] = [];
const freshName = () => { const name = `outcomes-test-${++count}`; names.push(name); return name; };
afterEach(async () => { for (const name of names.splice(0)) await Dexie.delete(name); });

describe('outcome storage in Dexie', () => {
  it('adds its tables in version 3 and keeps what version 2 stored', async () => {
    const name = freshName();
    const old = new Dexie(name);
    old.version(1).stores({ sessions: 'id, updatedAt', settings: 'key' });
    old.version(2).stores({ boardUpdates: '++key, boardId', boardSnapshots: '++id, boardId, [boardId+createdAt+kind+label]' });
    await old.table('sessions').put({ id: 's1', title: '워크숍', role: 'facilitator', createdAt: 1, updatedAt: 1 });
    await old.table('boardUpdates').put({ boardId: 'b1', update: new Uint8Array([1, 2, 3]) });
    old.close();

    const db = new MadangDatabase(name);
    expect(db.verno).toBeGreaterThanOrEqual(3);
    expect(await db.sessions.get('s1')).toMatchObject({ title: '워크숍' });
    expect(await db.boardUpdates.where('boardId').equals('b1').count()).toBe(1);
    expect(await db.portalOutbox.count()).toBe(0);
    db.close();
  });

  it('keeps every version of a record and lists the latest, per session', async () => {
    const db = new MadangDatabase(freshName());
    const repo = new DexieOutcomeRepository(db);
    const made = createOutcome({ kind: 'idea', id: 'i1', at: '2026-05-12T10:00:00Z', content: { title: '가로등' } });
    if (!made.ok) throw new Error('create');
    await repo.save('s1', made.record);
    await repo.save('s1', { ...made.record, version: 2, previous_version: 1, title: '태양광 가로등' });
    await repo.save('s2', { ...made.record, id: 'other' });
    expect((await repo.list('s1')).map((r) => [r.id, r.version, r.title])).toEqual([['i1', 2, '태양광 가로등']]);
    expect((await repo.history('s1', 'i1')).map((r) => r.version)).toEqual([1, 2]);
    expect((await repo.list('s2')).map((r) => r.id)).toEqual(['other']);
    db.close();
  });

  it('keeps the outbox across a restart (closing and reopening the database)', async () => {
    const name = freshName();
    const first = new MadangDatabase(name);
    await new DexieOutboxStore(first).put(newOutboxItem({ id: 'madang-1', sessionId: 's1', profile: 'public', packageId: 'p', body: '{}', now: 5 }));
    first.close();
    const second = new MadangDatabase(name);
    expect(await new DexieOutboxStore(second).list()).toEqual([expect.objectContaining({ id: 'madang-1', status: 'queued', nextAttemptAt: 5 })]);
    second.close();
  });
});
