// The catalogue of invalid packages: each is refused with the path and code a developer (or a
// portal's integrator) needs to find the problem.
import { describe, expect, it } from 'vitest';
import { buildPackage, validatePackage, type OutcomePackage } from './index';
import { sampleSession } from './sample';

const valid = (profile: OutcomePackage['profile'] = 'official'): OutcomePackage =>
  buildPackage(sampleSession(), { profile, packageId: 'pkg-1', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0.1.0' } });
type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const edit = (change: (pkg: Mutable) => void, profile?: OutcomePackage['profile']): Mutable => {
  const pkg = structuredClone(valid(profile)) as Mutable;
  change(pkg);
  return pkg;
};

/** [what is wrong, the input, the first issue expected]. */
const CATALOGUE: Array<[string, unknown, { path: string; code: string; message?: string | RegExp }]> = [
  ['not JSON', '{"schema_version": "1.0.0",', { path: '$', code: 'notJson' }],
  ['JSON but an array', '[]', { path: '$', code: 'notAnObject' }],
  ['JSON null', 'null', { path: '$', code: 'notAnObject' }],
  ['no schema_version (a .madang board file)', { format: 'madang-board', version: 1 }, { path: '$.schema_version', code: 'missingSchemaVersion' }],
  ['a newer major version', edit((p) => { p.schema_version = '2.0.0'; }), { path: '$.schema_version', code: 'unsupportedSchemaVersion', message: /2\.0\.0.*1\.x\.x/ }],
  ['schema_version not semver', edit((p) => { p.schema_version = 'v1'; }), { path: '$.schema_version', code: 'invalid_format' }],
  ['unknown profile', edit((p) => { p.profile = 'everyone'; }), { path: '$.profile', code: 'invalid_value' }],
  ['published_at without an offset', edit((p) => { p.published_at = '2026-05-13 12:00'; }), { path: '$.published_at', code: 'invalid_format' }],
  ['missing session', edit((p) => { delete p.session; }), { path: '$.session', code: 'invalid_type' }],
  ['negative attendance count', edit((p) => { p.session.attendance.counts_by_role.resident = -1; }), { path: '$.session.attendance.counts_by_role.resident', code: 'too_small' }],
  ['fractional vote count', edit((p) => { p.votes[0].count = 1.5; }), { path: '$.votes[0].count', code: 'invalid_type' }],
  ['blank problem title', edit((p) => { p.problem_statements[0].title = '  '; }), { path: '$.problem_statements[0].title', code: 'invalid_format', message: 'required' }],
  ['title over 500 characters', edit((p) => { p.ideas[0].title = '가'.repeat(501); }), { path: '$.ideas[0].title', code: 'too_big' }],
  ['record of the wrong kind in a collection', edit((p) => { p.ideas[0].kind = 'problem_statement'; }), { path: '$.ideas[0].kind', code: 'invalid_value' }],
  ['unknown review status', edit((p) => { p.rnd_demands[0].status = 'published'; }), { path: '$.rnd_demands[0].status', code: 'invalid_value' }],
  ['impact outside 1–5', edit((p) => { p.ideas[0].impact = 6; }), { path: '$.ideas[0].impact', code: 'too_big' }],
  ['unknown solution type', edit((p) => { p.ideas[0].solution_type = 'magic'; }), { path: '$.ideas[0].solution_type', code: 'invalid_value' }],
  ['unknown evidence type', edit((p) => { p.problem_statements[0].evidence[0].type = 'rumour'; }), { path: '$.problem_statements[0].evidence[0].type', code: 'invalid_value' }],
  ['list field given as a string', edit((p) => { p.problem_statements[0].effects = '두통'; }), { path: '$.problem_statements[0].effects', code: 'invalid_type' }],
  ['provenance vote without a record id', edit((p) => { p.ideas[0].provenance.votes[0].record_id = ''; }), { path: '$.ideas[0].provenance.votes[0].record_id', code: 'too_small' }],
  ['bad pseudonym', edit((p) => { p.participants[0].pseudonym = '김민수'; }), { path: '$.participants[0].pseudonym', code: 'invalid_format' }],
  ['idea linked to a missing problem', edit((p) => { p.ideas[0].linked_problem_ids = ['ps-404']; }), { path: '$.ideas[0].linked_problem_ids[0]', code: 'unknownReference', message: 'ps-404 is not a problem statement in this package' }],
  ['R&D demand linked to a missing idea', edit((p) => { p.rnd_demands[0].linked_idea_ids = ['idea-404']; }), { path: '$.rnd_demands[0].linked_idea_ids[0]', code: 'unknownReference' }],
  ['credit for a missing record', edit((p) => { p.credits = [{ record_id: 'nope', name: '누구' }]; }), { path: '$.credits[0].record_id', code: 'unknownReference' }],
  ['duplicate record id', edit((p) => { p.problem_statements.push(structuredClone(p.problem_statements[0])); }), { path: '$.problem_statements[1].id', code: 'duplicateId' }],
  ['version 2 without a previous version', edit((p) => { p.ideas[0].version = 2; }), { path: '$.ideas[0].previous_version', code: 'badVersionChain' }],
  ['approved without a recorded approval', edit((p) => { p.ideas[0].transitions = []; }), { path: '$.ideas[0].status', code: 'statusWithoutTransition' }],
  ['public package listing participants', edit((p) => { p.participants = [{ pseudonym: 'P-01', role: 'resident', age_band: 'undisclosed' }]; }, 'public'), { path: '$.participants', code: 'personalDataInPublic' }],
  ['public package with per-person votes', edit((p) => { p.votes = [{ voter: 'P-01', record_id: 'cluster-1', count: 1 }]; }, 'public'), { path: '$.votes', code: 'personalDataInPublic' }],
  ['public package naming a note author', edit((p) => { p.notes[0].author = 'P-02'; }, 'public'), { path: '$.notes[0].author', code: 'personalDataInPublic' }],
  ['public package naming a reviewer', edit((p) => { p.problem_statements[0].transitions[0].by = '홍길동'; }, 'public'), { path: '$.problem_statements[0].transitions[0].by', code: 'personalDataInPublic' }],
  ['larger than the limit', `{"schema_version":"1.0.0","x":"${'a'.repeat(64 * 1024 * 1024)}"}`, { path: '$', code: 'tooLarge' }],
];

describe('package validation', () => {
  it.each(['public', 'official', 'archive'] as const)('accepts a %s package as JSON text and as a value', (profile) => {
    expect(validatePackage(JSON.stringify(valid(profile)))).toMatchObject({ ok: true });
    expect(validatePackage(`\uFEFF${JSON.stringify(valid(profile))}`)).toMatchObject({ ok: true });
  });

  it('ignores fields it does not know (permissive readers, schema MINOR additions)', () => {
    const result = validatePackage(edit((p) => { p.future_field = 1; p.ideas[0].budget_krw = 5; }));
    expect(result.ok).toBe(true);
  });

  it.each(CATALOGUE.map(([name, input, issue]) => ({ name, input, issue })))('refuses $name', ({ input, issue }) => {
    const result = validatePackage(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ path: issue.path, code: issue.code });
    if (issue.message) expect(result.issues[0]?.message).toMatch(issue.message);
  });
});
