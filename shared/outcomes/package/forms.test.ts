import { describe, expect, it } from 'vitest';
import { buildPackage, formToMarkdown, formToText, proposalForms, rndDemandForms } from './index';
import { sampleSession } from './sample';

const pkg = buildPackage(sampleSession(), { profile: 'public', packageId: 'p', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } });

describe('form-shaped views', () => {
  it('lays a problem statement and its idea out under the 국민제안 headings', () => {
    const [form] = proposalForms(pkg);
    expect(form?.sections.map((s) => s.label)).toEqual(['제목', '현황 및 문제점', '개선방안', '기대효과']);
    expect(form?.sections[1]?.text).toBe('측정값: PM2.5 80㎍/㎥ 이상\n저녁 9시 이후 환기 중단\n\n-상인과 고령 이용자가 오래 머무는 곳인데 환기가 부족합니다. @알림 없음');
    expect(form?.sections[2]?.text).toBe('센서가 기준을 넘으면 환기 설비를 켭니다.');
    expect(form?.sections[3]?.text).toBe('저녁 시간 공기질 개선, 상인 건강 보호');
    const markdown = formToMarkdown(form!);
    expect(markdown).toContain('## 현황 및 문제점\n\n측정값');
    expect(markdown).toContain('\\-상인과'); // would otherwise become a list item
    expect(formToText(form!)).toContain('■ 개선방안\n센서가');
  });

  it('maps the R&D demand survey headings one to one, in English too', () => {
    const [ko] = rndDemandForms(pkg);
    expect(ko?.sections.map((s) => s.label)).toEqual(['기술명', '개발목표', '배경 및 필요성', '개발내용', '국내외 동향', '파급효과', '수요처(사용자)', '실증 장소']);
    expect(ko?.sections[6]?.text).toBe('상인회, 원주시 환경과');
    const [en] = rndDemandForms(pkg, 'en');
    expect(en?.sections[1]).toEqual({ label: 'Development goal', text: '지하상가 공기질을 예측해 환기를 최적 제어' });
  });

  it('says (없음) where a problem has no idea yet', () => {
    const [form] = proposalForms({ ...pkg, ideas: [], rnd_demands: [] });
    expect(form?.sections[2]?.text).toBe('(없음)');
  });
});
