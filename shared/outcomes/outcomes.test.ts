import { describe, expect, it } from 'vitest';
import {
  OUTCOME_TYPES, createOutcome, creditName, ideaType, mayTransition, nextPseudonym, participantSchema, problemStatementType,
  purgeExpired, revise, rndDemandType, transition, type OutcomeRecord, type Participant,
} from './index';

const AT = '2026-05-12T18:30:00+09:00';
const LATER = '2026-05-12T19:00:00+09:00';
const facilitator = { name: '진행자', role: 'facilitator' as const };
const official = { name: '원주시 담당관', role: 'official' as const };

function draft(kind: OutcomeRecord['kind'] = 'problem_statement', content: Record<string, unknown> = { title: '지하상가 환기' }): OutcomeRecord {
  const result = createOutcome({ kind, id: `r-${kind}`, at: AT, content });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.record;
}

describe('outcome record types', () => {
  it('derive their field lists from their schemas, with the national form headings', () => {
    expect(problemStatementType.fields.map((f) => f.name)).toEqual([
      'title', 'summary', 'current_situation', 'problem_description', 'affected_groups', 'region', 'evidence',
      'root_causes', 'effects', 'hmw_questions', 'goals', 'constraints',
    ]);
    expect(rndDemandType.fields.map((f) => f.name)).toEqual(expect.arrayContaining([
      'development_goal', 'background_and_need', 'development_content', 'domestic_overseas_trends', 'ripple_effects', 'demand_side_users', 'test_site',
    ]));
    const kinds = Object.fromEntries(ideaType.fields.map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({ title: 'text', description: 'longText', solution_type: 'enum', technologies: 'textList', impact: 'rating', linked_problem_ids: 'idList' });
    expect(problemStatementType.fields.find((f) => f.name === 'goals')?.fields?.map((f) => f.name)).toEqual(['text', 'indicator', 'baseline', 'target']);
  });

  it('give empty defaults from the same schema, which a title makes valid', () => {
    for (const type of OUTCOME_TYPES) {
      const defaults = type.defaults() as Record<string, unknown>;
      expect(type.content.safeParse(defaults).success, type.kind).toBe(false); // no title yet
      expect(type.content.safeParse({ ...defaults, title: '제목' }).success, type.kind).toBe(true);
    }
    expect(ideaType.defaults()).toMatchObject({ impact: null, technologies: [], solution_type: 'technology' });
  });

  it('refuse a blank title and out-of-range ratings with the field path', () => {
    const blank = createOutcome({ kind: 'problem_statement', id: 'x', at: AT, content: { title: '   ' } });
    expect(blank.ok).toBe(false);
    if (!blank.ok && blank.reason === 'invalidRecord') expect(blank.issues[0]?.path).toEqual(['title']);
    const rating = createOutcome({ kind: 'idea', id: 'x', at: AT, content: { title: 'a', impact: 9 } });
    expect(!rating.ok && rating.reason === 'invalidRecord' && rating.issues[0]?.path).toEqual(['impact']);
  });
});

describe('review flow', () => {
  it('goes draft → agreed → approved, recording who and when', () => {
    const agreed = transition(draft(), 'agreed', facilitator, LATER);
    expect(agreed.ok).toBe(true);
    if (!agreed.ok) return;
    const approved = transition(agreed.record, 'approved', official, LATER);
    expect(approved.ok && approved.record.status).toBe('approved');
    expect(approved.ok && approved.record.transitions).toEqual([
      { from: 'draft', to: 'agreed', by: '진행자', role: 'facilitator', at: LATER },
      { from: 'agreed', to: 'approved', by: '원주시 담당관', role: 'official', at: LATER },
    ]);
  });

  it('refuses illegal steps and steps by the wrong role', () => {
    expect(transition(draft(), 'approved', official, LATER)).toEqual({ ok: false, reason: 'illegalTransition' });
    const agreed = transition(draft(), 'agreed', facilitator, LATER);
    if (!agreed.ok) throw new Error('agree');
    expect(transition(agreed.record, 'approved', facilitator, LATER)).toEqual({ ok: false, reason: 'roleNotAllowed' });
    const approved = transition(agreed.record, 'approved', official, LATER);
    if (!approved.ok) throw new Error('approve');
    expect(transition(approved.record, 'draft', official, LATER)).toEqual({ ok: false, reason: 'illegalTransition' });
    expect(mayTransition('agreed', 'draft', 'facilitator')).toBe(true);
  });

  it('edits a draft in place, but changing an agreed record makes a new version pointing back', () => {
    const edited = revise(draft(), { summary: '요약', status: 'approved', id: 'hijack' }, LATER);
    expect(edited.ok && edited.record).toMatchObject({ version: 1, summary: '요약', status: 'draft', id: 'r-problem_statement' });
    const agreed = transition(draft(), 'agreed', facilitator, LATER);
    if (!agreed.ok) throw new Error('agree');
    const next = revise(agreed.record, { title: '새 제목' }, LATER);
    expect(next.ok && next.record).toMatchObject({ version: 2, previous_version: 1, status: 'draft', transitions: [], title: '새 제목' });
    expect(agreed.record).toMatchObject({ version: 1, title: '지하상가 환기', status: 'agreed' });
  });
});

const consent = {
  notice_version: '2026-05', purposes: ['workshop_participation'], items: ['display_name', 'role', 'contributions'],
  retention_until: '2028-05-12', refusal_rights_shown: true, named_credit: false, photos: false, publish_text: false,
  given_by: 'self', method: 'electronic', given_at: AT, withdrawn_at: null,
} as const;
const person = (over: Partial<Participant> = {}): Participant => ({
  id: 'p1', pseudonym: 'P-01', display_name: '김민수', board_author: '김민수', role: 'resident', age_band: '35_64',
  accommodations: [], attribution: 'anonymous', consent: { ...consent, items: [...consent.items], purposes: [...consent.purposes] }, ...over,
});

describe('roster and consent', () => {
  it('requires a legal representative for under-14s and consent for named credit', () => {
    expect(participantSchema.safeParse(person()).success).toBe(true);
    const child = participantSchema.safeParse(person({ age_band: 'under14' }));
    expect(child.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['consent.given_by', 'guardianConsentRequired']]);
    const credit = participantSchema.safeParse(person({ attribution: 'display_name' }));
    expect(credit.error?.issues.map((i) => i.message)).toEqual(['namedCreditNotConsented']);
  });

  it('credits a name only with consent, and never after withdrawal', () => {
    const identities = [{ participant_id: 'p1', real_name: '김민수', contact: { channel: 'phone' as const, value: '010-0000-0000' }, guardian: null }];
    expect(creditName(person(), identities)).toBeNull();
    const named = person({ attribution: 'real_name', consent: { ...person().consent, named_credit: true, items: ['real_name'] } });
    expect(creditName(named, identities)).toBe('김민수');
    expect(creditName({ ...named, consent: { ...named.consent, withdrawn_at: LATER } }, identities)).toBeNull();
    expect(creditName(person({ attribution: 'display_name', display_name: '민수', consent: { ...person().consent, named_credit: true } }), identities)).toBe('민수');
  });

  it('purges people and their identities after the retention date, keeping the rest', () => {
    const identities = [{ participant_id: 'p1', real_name: '김민수', contact: { channel: 'phone' as const, value: '010' }, guardian: null }];
    const expiring = person({ consent: { ...person().consent, retention_until: '2026-01-01' } });
    const staying = person({ id: 'p2', pseudonym: 'P-02' });
    expect(purgeExpired([expiring, staying], identities, '2026-01-01')).toEqual({ roster: [expiring, staying], identities, purged: [] });
    expect(purgeExpired([expiring, staying], identities, '2026-01-02')).toEqual({ roster: [staying], identities: [], purged: ['p1'] });
  });

  it('hands out the next free pseudonym', () => {
    expect(nextPseudonym([person(), person({ id: 'p3', pseudonym: 'P-03' })])).toBe('P-02');
  });
});
