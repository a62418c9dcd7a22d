import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { Board, createFrame, createNotes, groupNotes } from '../board';
import { validatePackage } from './package';
import { MemoryOutboxStore, OutboxWorker, type PortalAdapter } from './portal';
import { MemoryIdentityStore, MemoryOutcomeRepository, createOutcomesApi, topVoted, type Reviewer, type TemplateItem } from './index';

function setup(options: { adapter?: PortalAdapter } = {}) {
  const board = Board.create(new Y.Doc(), { boardId: 'b1', title: '워크숍' });
  const [a, b, c] = createNotes(board, [
    { text: '골목이 밤에 너무 어두워요', x: 0, y: 0, author: '김민수' },
    { text: '가로등이 고장 나 있어요', x: 200, y: 0, author: '이서연' },
    { text: '버스 정류장에 쉴 곳이 없어요', x: 0, y: 400, author: '김민수' },
  ]) as string[];
  const cluster = groupNotes(board, [a as string, b as string], '어두운 골목') as string;
  const frame = createFrame(board, { title: '문제 발견', x: -50, y: -50, w: 1000, h: 1000 }) as string;
  let reviewer: Reviewer = { name: '진행자', role: 'facilitator' };
  let id = 0;
  const store = new MemoryOutboxStore();
  const adapter: PortalAdapter = options.adapter ?? { submit: async () => ({ kind: 'accepted', submissionId: 'sub-1' }) };
  const now = () => new Date('2026-05-12T10:00:00Z');
  const identities = new MemoryIdentityStore();
  const templateItems: TemplateItem[] = [
    { id: 'tree-core', kind: 'problem_tree', role: 'core', text: '야간 보행 불안' },
    { id: 'tree-cause-1', kind: 'problem_tree', role: 'cause', text: '가로등 부족' },
    { id: 'tree-effect-1', kind: 'problem_tree', role: 'effect', text: '저녁 외출 감소' },
    { id: 'hmw-1', kind: 'hmw', role: 'hmw', text: '어떻게 하면 밤길을 밝힐까?' },
  ];
  const api = createOutcomesApi({
    sessionId: 's1',
    session: () => ({ id: 's1', title: '골목 안전 워크숍', starts_at: null, ends_at: null }),
    repository: new MemoryOutcomeRepository(),
    identities,
    board: () => board,
    votes: () => [{ voter: '김민수', record_id: cluster, count: 2 }, { voter: '이서연', record_id: cluster, count: 1 }, { voter: '이서연', record_id: c as string, count: 1 }],
    templateItems: () => templateItems,
    reviewer: () => reviewer,
    outbox: { store, worker: new OutboxWorker(store, adapter, { now: () => now().getTime() }) },
    now,
    newId: () => `id-${++id}`,
    generator: { name: 'Madang', version: 'test' },
  });
  return { api, board, ids: { a, b, c, cluster, frame }, identities, store, as: (r: Reviewer) => { reviewer = r; } };
}

describe('outcomes API', () => {
  it('drafts a problem statement from the top-voted cluster, with provenance back to its notes and votes', async () => {
    const { api, ids } = setup();
    expect(topVoted([{ record_id: 'x', count: 1 }, { record_id: ids.cluster, count: 3 }])).toBe(ids.cluster);
    const result = await api.draftFromSelection([ids.cluster]);
    expect(result.ok).toBe(true);
    if (!result.ok || result.record.kind !== 'problem_statement') return;
    expect(result.record.title).toBe('어두운 골목');
    expect(result.record.problem_description).toBe('- 골목이 밤에 너무 어두워요\n- 가로등이 고장 나 있어요');
    expect(result.record.provenance).toMatchObject({ session_ids: ['s1'], cluster_ids: [ids.cluster], note_ids: [ids.a, ids.b], votes: [{ record_id: ids.cluster, count: 3 }] });
    expect((await api.list()).map((r) => r.id)).toEqual([result.record.id]);
  });

  it("drafts from a problem tree's core problem with its causes and effects, and from an HMW question", async () => {
    const { api } = setup();
    const tree = await api.draftFromSelection(['tree-core']);
    expect(tree.ok && tree.record).toMatchObject({
      title: '야간 보행 불안',
      root_causes: [{ text: '가로등 부족', from_record_id: 'tree-cause-1' }],
      effects: ['저녁 외출 감소'],
      provenance: { template_record_ids: ['tree-core', 'tree-cause-1', 'tree-effect-1'], template_kinds: ['problem_tree'] },
    });
    const hmw = await api.draftFromSelection(['hmw-1']);
    expect(hmw.ok && hmw.record).toMatchObject({ title: '어떻게 하면 밤길을 밝힐까?', hmw_questions: [{ text: '어떻게 하면 밤길을 밝힐까?', from_record_id: 'hmw-1' }] });
  });

  it('edits, agrees in session, is approved by the official, and a later change starts version 2', async () => {
    const { api, ids, as } = setup();
    const drafted = await api.draftFromSelection([ids.frame]);
    if (!drafted.ok) throw new Error('draft');
    const id = drafted.record.id;
    expect(await api.update(id, { summary: '밤길이 어둡다' })).toMatchObject({ ok: true, record: { version: 1, summary: '밤길이 어둡다' } });
    expect(await api.update(id, { title: '' })).toMatchObject({ ok: false, reason: 'invalidRecord' });
    expect(await api.approve(id)).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(await api.agree(id)).toMatchObject({ ok: true, record: { status: 'agreed' } });
    expect(await api.approve(id)).toEqual({ ok: false, reason: 'roleNotAllowed' });
    as({ name: '박 주무관', role: 'official' });
    expect(await api.approve(id)).toMatchObject({ ok: true, record: { status: 'approved' } });
    expect(await api.update(id, { summary: '고침' })).toMatchObject({ ok: true, record: { version: 2, previous_version: 1, status: 'draft' } });
    expect((await api.history(id)).map((r) => [r.version, r.status])).toEqual([[1, 'approved'], [2, 'draft']]);
    expect((await api.list()).map((r) => r.version)).toEqual([2]);
  });

  it('adds people to the roster with a pseudonym, keeps real names apart, and exports none of them publicly', async () => {
    const { api, identities } = setup();
    const added = await api.addPerson({ name: '김민수', role: 'resident', realName: '김민수', contact: { channel: 'phone', value: '010-1234-5678' } });
    expect(added).toMatchObject({ ok: true, participant: { pseudonym: 'P-01', role: 'resident', display_name: '김민수' } });
    expect(JSON.stringify(await api.roster())).not.toContain('010-1234-5678');
    expect((await identities.identities('s1')).map((i) => i.real_name)).toEqual(['김민수']);
    expect(await api.addPerson({ name: '아이', role: 'resident', ageBand: 'under14' })).toMatchObject({ ok: false, issues: [{ path: 'consent.given_by', message: 'guardianConsentRequired' }] });
    await api.draftFromSelection(['tree-core']);
    const json = await api.exportPackage('public');
    expect(validatePackage(json).ok).toBe(true);
    expect(json).not.toContain('김민수');
    expect(json).not.toContain('이서연');
    expect(json).not.toContain('010-1234-5678');
    const official = await api.exportPackage('official');
    expect(JSON.parse(official).votes).toContainEqual({ voter: 'P-01', record_id: expect.any(String), count: 2 });
  });

  it('submits through the outbox and reports each item', async () => {
    const { api } = setup();
    await api.draftFromSelection(['tree-core']);
    const items = await api.submit('public');
    expect(items).toEqual([expect.objectContaining({ status: 'accepted', profile: 'public', submissionId: 'sub-1', attempts: 1 })]);
    expect(validatePackage(items[0]?.body).ok).toBe(true);
  });
});
