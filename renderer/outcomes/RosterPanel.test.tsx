import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutcomesApi } from '../../shared/outcomes/api';
import { MemoryIdentityStore, MemoryOutcomeRepository } from '../../shared/outcomes/repository';
import { click, render, until, type Rendered } from '../components/testSupport';
import { RosterPanel } from './RosterPanel';

let view: Rendered | null = null;
afterEach(async () => { await view?.unmount(); view = null; });

function api(identities = new MemoryIdentityStore()) {
  let n = 0;
  return {
    identities,
    api: createOutcomesApi({
      sessionId: 's1', session: () => ({ id: 's1', title: 't', starts_at: null, ends_at: null }), repository: new MemoryOutcomeRepository(), identities,
      board: () => null, votes: () => [], reviewer: () => ({ name: '', role: 'facilitator' }), now: () => new Date('2026-05-12T10:00:00Z'),
      newId: () => `p${++n}`, generator: { name: 'Madang', version: 'test' },
    }),
  };
}

async function setValue(element: HTMLInputElement | HTMLSelectElement, value: string) {
  await act(async () => {
    const proto = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
const control = (label: string) => {
  const element = [...view!.container.querySelectorAll('label')].find((l) => l.textContent === label);
  return (element?.htmlFor ? view!.container.querySelector(`#${CSS.escape(element.htmlFor)}`) : element?.querySelector('input')) as HTMLInputElement | HTMLSelectElement;
};
const NOTICE = '목적(워크숍 진행과 결과 정리), 항목(표시 이름·역할·연령대·작성한 글), 보유 기간(2년), 동의를 거부할 권리와 거부해도 참여할 수 있음을 안내했습니다.';

describe('RosterPanel', () => {
  it('will not add anyone before the consent notice is given, and says so at the checkbox', async () => {
    const { api: outcomes } = api();
    view = await render(<RosterPanel api={outcomes} canStoreIdentities={false} />);
    await setValue(control('표시 이름 또는 가명'), '민수');
    await click(view.buttons('참여자 추가')[0]!);
    const notice = control(NOTICE);
    expect(notice.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(notice.getAttribute('aria-describedby')!)?.textContent).toBe('동의 안내를 먼저 해 주세요.');
    expect(await outcomes.roster()).toEqual([]);
    expect(view.container.textContent).toContain('이 브라우저에는 실명과 연락처를 저장하지 않습니다.');
    expect(view.container.textContent).not.toContain('실명 (선택)');
  });

  it('asks for a legal representative for an under-14, then adds them under a pseudonym', async () => {
    const { api: outcomes } = api();
    view = await render(<RosterPanel api={outcomes} canStoreIdentities={false} />);
    await setValue(control('표시 이름 또는 가명'), '하늘');
    await setValue(control('연령대'), 'under14');
    await click(control(NOTICE));
    await click(view.buttons('참여자 추가')[0]!);
    expect(view.container.textContent).toContain('14세 미만은 법정대리인의 동의가 필요합니다.');
    await setValue(control('동의한 사람'), 'legal_representative');
    await click(view.buttons('참여자 추가')[0]!);
    await until(() => view!.container.querySelector('[role="status"]')?.textContent === 'P-01(으)로 추가했습니다.');
    expect(await outcomes.roster()).toEqual([expect.objectContaining({ pseudonym: 'P-01', age_band: 'under14', consent: expect.objectContaining({ given_by: 'legal_representative' }) })]);
  });

  it('keeps a real name apart from the roster where identities may be stored', async () => {
    const { api: outcomes, identities } = api();
    view = await render(<RosterPanel api={outcomes} canStoreIdentities />);
    await setValue(control('표시 이름 또는 가명'), '민수');
    await setValue(control('실명 (선택)'), '김민수');
    await setValue(control('연락처 (선택)'), '010-1234-5678');
    await click(control(NOTICE));
    await click(view.buttons('참여자 추가')[0]!);
    await until(() => view!.container.querySelector('[role="status"]')?.textContent === 'P-01(으)로 추가했습니다.');
    expect(JSON.stringify(await outcomes.roster())).not.toContain('김민수');
    expect(await identities.identities('s1')).toEqual([expect.objectContaining({ real_name: '김민수', contact: { channel: 'other', value: '010-1234-5678' } })]);
  });
});
