// A deterministic finished session for tests, e2e and the export benchmark: a roster whose people
// have real names, notes and votes by them, and one approved record of each type whose text has
// what breaks exporters (commas, quotes, newlines, Hangul, emoji, formula prefixes).
import { prng } from '../../board/bench';
import type { Identity, Participant } from '../participants';
import { SSG_ROLES, AGE_BANDS } from '../participants';
import type { OutcomeRecord } from '../registry';
import { createOutcome, transition } from '../review';
import type { BoardNote, BoardVote, SessionExport } from './build';

const AT = '2026-05-12T18:30:00+09:00';
export const SAMPLE_REAL_NAMES = ['김민수', '이서연', '박지훈', '최유진', '정하늘', '강도윤', '조수아', '윤지호', '장예린', '임건우', '한소율', '오태양'];
export const SAMPLE_DISPLAY_NAMES = ['민수맘', '서연', '지훈이', '유진 씨', '하늘바다', '도윤', '수아', '지호', '예린', '건우', '소율', '태양'];
export const SAMPLE_CONTACTS = SAMPLE_REAL_NAMES.map((_, i) => `010-5555-${String(1000 + i)}`);
export const SAMPLE_REVIEWERS = ['진행자 홍길동', '원주시 박지영 주무관'];

function mustOk(result: ReturnType<typeof createOutcome>): OutcomeRecord {
  if (!result.ok) throw new Error(`sample: ${JSON.stringify(result)}`);
  return result.record;
}

function approved(record: OutcomeRecord): OutcomeRecord {
  const agreed = mustOk(transition(record, 'agreed', { name: SAMPLE_REVIEWERS[0] as string, role: 'facilitator' }, '2026-05-12T19:00:00+09:00'));
  return mustOk(transition(agreed, 'approved', { name: SAMPLE_REVIEWERS[1] as string, role: 'official' }, '2026-05-13T10:00:00+09:00'));
}

export function sampleSession({ notes: noteCount = 40, seed = 1 }: { notes?: number; seed?: number } = {}): SessionExport {
  const random = prng(seed);
  const roster: Participant[] = SAMPLE_REAL_NAMES.map((_, i) => ({
    id: `person-${i}`,
    pseudonym: `P-${String(i + 1).padStart(2, '0')}`,
    display_name: i % 3 === 0 ? (SAMPLE_REAL_NAMES[i] as string) : (SAMPLE_DISPLAY_NAMES[i] as string),
    board_author: i % 3 === 0 ? (SAMPLE_REAL_NAMES[i] as string) : (SAMPLE_DISPLAY_NAMES[i] as string),
    role: SSG_ROLES[i % SSG_ROLES.length] as Participant['role'],
    age_band: i === 11 ? 'under14' : (AGE_BANDS[1 + (i % 4)] as Participant['age_band']),
    accommodations: i % 4 === 0 ? ['large_print'] : [],
    attribution: 'anonymous',
    consent: {
      notice_version: '2026-05', purposes: ['workshop_participation', 'outcome_publication'], items: ['display_name', 'role', 'contributions', 'real_name', 'contact'],
      retention_until: '2028-05-12', refusal_rights_shown: true, named_credit: false, photos: false, publish_text: i % 2 === 1,
      given_by: i === 11 ? 'legal_representative' : 'self', method: 'paper', given_at: AT, withdrawn_at: i === 10 ? AT : null,
    },
  }));
  const identities: Identity[] = roster.map((p, i) => ({
    participant_id: p.id, real_name: SAMPLE_REAL_NAMES[i] as string, contact: { channel: 'phone', value: SAMPLE_CONTACTS[i] as string },
    guardian: i === 11 ? { name: '오세훈', contact: '010-5555-9999', relation: '부모' } : null,
  }));
  const clusters = ['어두운 골목', '환기 부족', '쉴 곳 없음', '안내 부족'].map((label, i) => ({ id: `cluster-${i}`, label }));
  const notes: BoardNote[] = Array.from({ length: noteCount }, (_, i) => ({
    id: `note-${seed}-${i}`,
    text: i % 7 === 0 ? `=HYPERLINK("http://x","클릭") 지하상가, "공기" 나빠요\n밤 9시 이후 😷` : `골목 ${i}: 밤에 너무 어두워요. 조명을 더 달면 좋겠어요`,
    // Every 13th note is by someone not on the roster (an anonymous board name).
    author: i % 13 === 12 ? '익명 호랑이' : (roster[i % roster.length] as Participant).board_author,
    cluster_id: (clusters[i % clusters.length] as { id: string }).id,
    frame_id: 'frame-1',
  }));
  const votes: BoardVote[] = roster.flatMap((p) => [0, 1, 2].map(() => ({
    voter: p.board_author, record_id: random() < 0.8 ? (clusters[Math.floor(random() * clusters.length)] as { id: string }).id : (notes[0] as BoardNote).id, count: 1,
  })));

  const provenance = {
    session_ids: ['session-1'], note_ids: notes.slice(0, 12).map((n) => n.id), cluster_ids: ['cluster-1'], frame_ids: ['frame-1'],
    template_record_ids: ['tree-core'], template_kinds: ['problem_tree'], votes: [{ record_id: 'cluster-1', count: 9 }],
  };
  const problem = approved(mustOk(createOutcome({
    kind: 'problem_statement', id: 'ps-1', at: AT, provenance,
    content: {
      title: '지하상가 환기 취약 시간대의 미세먼지·CO2 고농도',
      summary: '저녁 시간, "환기"가 멈추면 공기가 나빠집니다, 특히 상인에게.',
      current_situation: '측정값: PM2.5 80㎍/㎥ 이상\n저녁 9시 이후 환기 중단',
      problem_description: '-상인과 고령 이용자가 오래 머무는 곳인데 환기가 부족합니다. @알림 없음',
      affected_groups: [{ group: '상인', description: '하루 10시간 이상 머묾' }, { group: '고령 이용자', description: '' }],
      region: { name: '강원특별자치도 원주시', code: '5113000000' },
      evidence: [{ type: 'sensor_data', description: '간이 측정기 2주 기록', source: '주민 측정단' }],
      root_causes: [{ text: '야간 환기 설비 정지', from_record_id: 'tree-cause-1' }, { text: '+예산 부족', from_record_id: '' }],
      effects: ['두통 호소', '손님 감소 😢'],
      hmw_questions: [{ text: '어떻게 하면 저녁에도 공기를 맑게 할 수 있을까?', from_record_id: 'hmw-1' }],
      goals: [{ text: '저녁 PM2.5 절반으로', indicator: 'PM2.5 24h avg', baseline: '80', target: '35' }],
      constraints: ['시설 관리 주체가 공단'],
    },
  })));
  const idea = approved(mustOk(createOutcome({
    kind: 'idea', id: 'idea-1', at: AT, provenance,
    content: {
      title: 'IoT 공기질 센서와 연동한 자동 환기', description: '센서가 기준을 넘으면 환기 설비를 켭니다.', solution_type: 'technology',
      technologies: ['IoT 센서', '\tLoRa'], impact: 4, feasibility: 3, expected_effects: '저녁 시간 공기질 개선, 상인 건강 보호', linked_problem_ids: ['ps-1'],
    },
  })));
  const rnd = approved(mustOk(createOutcome({
    kind: 'rnd_demand', id: 'rd-1', at: AT, provenance,
    content: {
      title: '저전력 지하공간 공기질 예측 제어 기술', development_goal: '지하상가 공기질을 예측해 환기를 최적 제어',
      background_and_need: '야간 환기 중단으로 고농도 발생', development_content: '센서망, 예측 모델, 제어 연동',
      domestic_overseas_trends: '국내 실증 사례 적음', ripple_effects: '전국 지하상가 확산 가능',
      demand_side_users: ['상인회', '원주시 환경과'], test_site: { region: '원주시', description: '중앙 지하상가' },
      linked_problem_ids: ['ps-1'], linked_idea_ids: ['idea-1'],
    },
  })));
  return {
    session: { id: 'session-1', title: '원주 지하상가 공기 워크숍 3회차', starts_at: '2026-05-12T18:00:00+09:00', ends_at: '2026-05-12T21:00:00+09:00' },
    records: [problem, idea, rnd],
    roster,
    identities,
    notes,
    votes,
    labels: Object.fromEntries(clusters.map((c) => [c.id, c.label])),
  };
}

/** Everything personal in a sample session: none of it may appear in a `public` package. */
export function samplePersonalStrings(): string[] {
  return [...SAMPLE_REAL_NAMES, ...SAMPLE_DISPLAY_NAMES, ...SAMPLE_CONTACTS, ...SAMPLE_REVIEWERS, '오세훈', '010-5555-9999', '익명 호랑이'];
}
