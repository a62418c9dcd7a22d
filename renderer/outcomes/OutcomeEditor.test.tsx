import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutcome, transition, type OutcomeRecord } from '../../shared/outcomes';
import { click, render, until, type Rendered } from '../components/testSupport';
import { OutcomeEditor, type OutcomeEditorProps } from './OutcomeEditor';

let view: Rendered | null = null;
afterEach(async () => { await view?.unmount(); view = null; });

const AT = '2026-05-12T10:00:00+09:00';
function record(kind: OutcomeRecord['kind'] = 'problem_statement', content: Record<string, unknown> = {}): OutcomeRecord {
  const made = createOutcome({
    kind, id: `${kind}-1`, at: AT, content: { title: '어두운 골목', ...content },
    provenance: { session_ids: ['s1'], note_ids: ['n1', 'n2'], cluster_ids: ['c1'], frame_ids: [], template_record_ids: [], template_kinds: [], votes: [{ record_id: 'c1', count: 7 }] },
  });
  if (!made.ok) throw new Error('record');
  return made.record;
}

async function setValue(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  await act(async () => {
    const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

/** The form control a visible label names (label[for] → id). */
function field(labelText: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const label = [...view!.container.querySelectorAll('label')].find((l) => l.textContent === labelText);
  if (!label) throw new Error(`no label ${labelText}`);
  return view!.container.querySelector(`#${CSS.escape(label.htmlFor)}`)!;
}

async function mount(props: Partial<OutcomeEditorProps> = {}, language: 'ko' | 'en' = 'ko') {
  const rec = props.record ?? record();
  const all: OutcomeEditorProps = {
    record: rec, others: [], reviewer: { name: '진행자', role: 'facilitator' },
    onSave: vi.fn(async (fields: Record<string, unknown>) => ({ ok: true as const, record: { ...rec, ...fields } as OutcomeRecord })),
    onTransition: vi.fn(async () => ({ ok: false, reason: 'illegalTransition' }) as const),
    ...props,
  };
  view = await render(<OutcomeEditor {...all} />, { language });
  return all;
}

describe('OutcomeEditor', () => {
  it('gives every control a visible label, and shows the record kind, status and version', async () => {
    await mount();
    const controls = [...view!.container.querySelectorAll('input, textarea, select')];
    expect(controls.length).toBe(8); // title, summary, situation, problem, region name and code, effects, constraints
    for (const control of controls) {
      const named = control.id && view!.container.querySelector(`label[for="${CSS.escape(control.id)}"]`) || control.closest('label');
      expect(named, control.outerHTML).toBeTruthy();
    }
    expect(view!.container.querySelector('h2')?.textContent).toBe('문제 정의 편집');
    expect(view!.container.querySelector('.outcome-meta')?.textContent).toBe('초안버전 1');
  });

  it('refuses a blank title with a translated message tied to the field, and does not save', async () => {
    const props = await mount();
    await setValue(field('제목'), '   ');
    await click(view!.buttons('저장')[0]!);
    const title = field('제목');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(title.getAttribute('aria-describedby')!)?.textContent).toBe('필수 항목입니다.');
    expect(view!.container.querySelector('[role="status"]')?.textContent).toBe('1개 항목을 확인해 주세요.');
    expect(props.onSave).not.toHaveBeenCalled();
    await until(() => document.activeElement === title);
  });

  it('says the same in English, and explains a rating or a list item that is missing text', async () => {
    const props = await mount({ record: record('problem_statement') }, 'en');
    await click(view!.buttons('Add item').find((b) => b.closest('fieldset')?.querySelector('legend')?.textContent === 'Goals')!);
    await click(view!.buttons('Save')[0]!);
    const goal = view!.container.querySelector<HTMLElement>('[role="group"][aria-label="Goals 1"] input')!;
    expect(goal.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(goal.getAttribute('aria-describedby')!)?.textContent).toBe('This field is required.');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('saves cleaned values: list lines without blanks, ratings as numbers, links checked', async () => {
    const problem = record('problem_statement');
    const idea = record('idea');
    const props = await mount({ record: idea, others: [problem, idea] });
    await setValue(field('설명'), '센서가 기준을 넘으면 켭니다');
    await setValue(field('기술'), 'IoT 센서\n\n LoRa ');
    await setValue(field('효과 (1–5)'), '4');
    await click([...view!.container.querySelectorAll('label.outcome-check')].find((l) => l.textContent === '어두운 골목')!.querySelector('input')!);
    await click(view!.buttons('저장')[0]!);
    expect(props.onSave).toHaveBeenCalledWith(expect.objectContaining({
      description: '센서가 기준을 넘으면 켭니다', technologies: ['IoT 센서', 'LoRa'], impact: 4, linked_problem_ids: ['problem_statement-1'],
    }));
    await until(() => view!.container.querySelector('[role="status"]')?.textContent === '저장했습니다.');
  });

  it('offers only the review steps the reviewer may take, and lists who took them', async () => {
    const props = await mount();
    expect(view!.buttons('세션에서 합의됨으로 표시')).toHaveLength(1);
    expect(view!.buttons('승인')).toHaveLength(0);
    await click(view!.buttons('세션에서 합의됨으로 표시')[0]!);
    expect(props.onTransition).toHaveBeenCalledWith('agreed');
    await view!.unmount();
    const agreed = transition(record(), 'agreed', { name: '진행자', role: 'facilitator' }, AT);
    if (!agreed.ok) throw new Error('agree');
    await mount({ record: agreed.record, reviewer: { name: '박 주무관', role: 'official' } });
    expect(view!.buttons('승인')).toHaveLength(1);
    expect(view!.container.querySelector('.outcome-history')?.textContent).toContain('초안 → 세션 합의: 진행자 진행자');
  });

  it('leads back to the board items the record came from', async () => {
    const onShowOnBoard = vi.fn();
    await mount({ onShowOnBoard });
    expect(view!.container.querySelector('.outcome-provenance p')?.textContent).toBe('메모 2개, 묶음 1개, 프레임 0개, 투표 7표');
    await click(view!.buttons('보드에서 보기')[0]!);
    expect(onShowOnBoard).toHaveBeenCalledWith(['c1', 'n1', 'n2']);
  });
});
