import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Board, createNotes, groupNotes } from '../../shared/board';
import { validatePackage } from '../../shared/outcomes/package/validate';
import { MemoryOutboxStore, OutboxWorker, newOutboxItem, type PortalAdapter } from '../../shared/outcomes/portal/outbox';
import { MadangDatabase } from '../db/database';
import { documentFontFaces } from './reportFonts';
import { createSessionOutcomes, exportFiles, startOutboxLoop } from './session';

let count = 0;
const names: string[] = [];
afterEach(async () => { for (const name of names.splice(0)) await Dexie.delete(name); });

function setup(db: MadangDatabase, portal?: PortalAdapter, clock = { now: 0 }) {
  const board = Board.create(new Y.Doc(), { boardId: 'b1', title: '워크숍' });
  const notes = createNotes(board, [{ text: '밤길이 어두워요', x: 0, y: 0, author: '김민수' }, { text: '가로등 고장', x: 200, y: 0, author: '이서연' }]) as string[];
  const cluster = groupNotes(board, notes, '어두운 골목') as string;
  const outcomes = createSessionOutcomes({
    db, sessionId: 's1', session: () => ({ id: 's1', title: '골목 워크숍', starts_at: null, ends_at: null }),
    board: () => board, votes: () => [{ voter: '김민수', record_id: cluster, count: 3 }], reviewer: () => ({ name: '진행자', role: 'facilitator' }),
    portal, appVersion: 'test', now: () => clock.now,
  });
  return { ...outcomes, cluster };
}

describe('session outcomes in the app', () => {
  it('keeps a submission in the outbox through a restart and sends it exactly once when the portal answers', async () => {
    const name = `session-outcomes-${++count}`;
    names.push(name);
    const clock = { now: 1_000 };
    const first = new MadangDatabase(name);
    const offline = setup(first, undefined, clock);
    await offline.api.draftFromSelection([offline.cluster]);
    const queued = await offline.api.submit('public');
    expect(queued).toEqual([expect.objectContaining({ status: 'queued', attempts: 1, lastError: 'noPortal' })]);
    first.close();

    const sent: string[] = [];
    const portal: PortalAdapter = { submit: async ({ idempotencyKey }) => { sent.push(idempotencyKey); return { kind: 'accepted', submissionId: 'sub-1' }; } };
    const second = new MadangDatabase(name);
    const online = setup(second, portal, clock);
    await online.worker.kick();
    expect(sent).toEqual([]); // not due yet: the back-off holds even across a restart
    clock.now = (await online.worker.nextDueAt()) as number;
    await online.worker.kick();
    await online.worker.kick();
    expect(sent).toEqual([queued[0]?.id]);
    expect(await online.outbox.list()).toEqual([expect.objectContaining({ status: 'accepted', submissionId: 'sub-1' })]);
    second.close();
  });

  it('exports the JSON file of a profile, valid and named after the session', async () => {
    const name = `session-outcomes-${++count}`;
    names.push(name);
    const db = new MadangDatabase(name);
    const { api, cluster } = setup(db);
    await api.draftFromSelection([cluster]);
    const file = await exportFiles(await api.buildExport('public'), 'json', 'ko');
    expect(file.name).toMatch(/^madang-s1-public-1970-01-01\.llx\.json$/);
    expect(validatePackage(new TextDecoder().decode(file.bytes))).toMatchObject({ ok: true, package: { problem_statements: [{ title: '어두운 골목' }] } });
    db.close();
  });

  it("finds the bundled font's @font-face rules the page loaded, with absolute URLs", () => {
    const style = document.createElement('style');
    style.textContent = `@font-face { font-family: 'Noto Sans KR'; font-weight: 400; src: url(/assets/kr-0-abc.woff2) format('woff2'), url(/assets/kr-0-abc.woff) format('woff'); unicode-range: U+AC00-D7A3; }
      @font-face { font-family: 'Noto Sans KR'; font-weight: 700; src: url(/assets/kr-0-bold.woff) format('woff'); unicode-range: U+AC00-D7A3; }`;
    document.head.append(style);
    try {
      const faces = documentFontFaces();
      expect(faces).toEqual([{ url: expect.stringMatching(/^http.*\/assets\/kr-0-abc\.woff$/), ranges: [[0xac00, 0xd7a3]] }]);
    } finally {
      style.remove();
    }
  });
});

describe('the outbox loop', () => {
  it('sends now, then again when the next item is due, and on coming back online; nothing after stop', async () => {
    const store = new MemoryOutboxStore();
    await store.put(newOutboxItem({ id: 'madang-loop', sessionId: 's1', profile: 'public', packageId: 'p', body: '{}', now: 0 }));
    let now = 0;
    let answers = 0;
    const worker = new OutboxWorker(store, { submit: async () => (++answers < 3 ? { kind: 'retry', error: 'network' } : { kind: 'accepted', submissionId: 's' }) }, { now: () => now });
    const scheduled: Array<{ callback: () => void; ms: number }> = [];
    const target = new EventTarget();
    const stop = startOutboxLoop(worker, { setTimeout: (callback, ms) => scheduled.push({ callback, ms }), clearTimeout: () => {}, now: () => now }, target as unknown as Window);
    await until(() => scheduled.length === 1);
    expect(answers).toBe(1);
    expect(scheduled[0]?.ms).toBe(2_000); // the first back-off
    now = 2_000;
    scheduled[0]?.callback();
    await until(() => answers === 2);
    now = 100_000;
    target.dispatchEvent(new Event('online'));
    await until(async () => (await store.get('madang-loop'))?.status === 'accepted');
    stop();
    target.dispatchEvent(new Event('online'));
    expect(answers).toBe(3);
  });
});

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('never happened');
}
