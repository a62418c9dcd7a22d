import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { Board, createNotes, groupNotes } from '../../shared/board';
import { validatePackage } from '../../shared/outcomes/package/validate';
import { MadangDatabase } from '../db/database';
import { click, render, until, type Rendered } from '../components/testSupport';
import { OutcomesPanel } from './OutcomesPanel';
import { createSessionOutcomes, type ExportFile } from './session';

let view: Rendered | null = null;
let db: MadangDatabase | null = null;
let count = 0;
afterEach(async () => {
  await view?.unmount();
  view = null;
  db?.close();
  if (db) await Dexie.delete(db.name);
  db = null;
});

async function mount(selectionOf: (ids: { cluster: string }) => string[] = ({ cluster }) => [cluster]) {
  db = new MadangDatabase(`outcomes-panel-${++count}`);
  const board = Board.create(new Y.Doc(), { boardId: 'b1', title: '워크숍' });
  const notes = createNotes(board, [{ text: '밤길이 어두워요', x: 0, y: 0, author: '김민수' }, { text: '가로등 고장', x: 200, y: 0, author: '이서연' }]) as string[];
  const cluster = groupNotes(board, notes, '어두운 골목') as string;
  const outcomes = createSessionOutcomes({
    db, sessionId: 's1', session: () => ({ id: 's1', title: '골목 워크숍', starts_at: null, ends_at: null }),
    board: () => board, votes: () => [{ voter: '김민수', record_id: cluster, count: 3 }], reviewer: () => ({ name: '진행자', role: 'facilitator' }),
    portal: { submit: async () => ({ kind: 'accepted', submissionId: 'sub-1' }) }, appVersion: 'test',
  });
  const saved: ExportFile[] = [];
  view = await render(<OutcomesPanel outcomes={outcomes} selection={selectionOf({ cluster })} reviewer={{ name: '진행자', role: 'facilitator' }} language="ko" save={(f) => saved.push(f)} />);
  return { saved };
}

describe('OutcomesPanel', () => {
  it('cannot draft without a selection, and says what to select', async () => {
    await mount(() => []);
    expect(view!.buttons('고른 항목으로 초안 만들기')[0]?.disabled).toBe(true);
    expect(view!.container.textContent).toContain('보드에서 묶음, 메모, 프레임이나 템플릿 항목을 먼저 고르세요.');
  });

  it('drafts from the selected cluster, opens it in the editor, exports JSON and submits it', async () => {
    const { saved } = await mount();
    await click(view!.buttons('고른 항목으로 초안 만들기')[0]!);
    await until(() => view!.buttons('어두운 골목 — 문제 정의, 초안')[0]);
    expect(view!.container.querySelector<HTMLInputElement>('.outcome-editor input')?.value).toBe('어두운 골목');

    await click(view!.buttons('JSON 파일')[0]!);
    await until(() => saved.length === 1);
    expect(validatePackage(new TextDecoder().decode(saved[0]!.bytes))).toMatchObject({ ok: true, package: { profile: 'public' } });
    await until(() => view!.container.querySelector('.outcomes-panel > [role="status"]')?.textContent?.startsWith('madang-s1-public'));

    await click(view!.buttons('이 공개 범위로 포털에 제출')[0]!);
    await until(() => view!.container.querySelector('.outbox-accepted')?.textContent === '공개 · 접수됨 · 1회 시도');
  });
});
