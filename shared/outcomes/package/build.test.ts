import { describe, expect, it } from 'vitest';
import { buildPackage, packageToCsv, validatePackage, type Profile } from './index';
import { SAMPLE_REVIEWERS, samplePersonalStrings, sampleSession } from './sample';

const options = (profile: Profile) => ({ profile, packageId: 'pkg-1', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0.1.0' } });

describe('privacy profiles', () => {
  it('public: no name, contact, reviewer or anonymous board name of the roster anywhere in the JSON or the CSV bundle', () => {
    const pkg = buildPackage(sampleSession(), options('public'));
    const json = JSON.stringify(pkg);
    const csv = Object.values(packageToCsv(pkg)).join('\n');
    for (const text of samplePersonalStrings()) {
      expect(json, text).not.toContain(text);
      expect(csv, text).not.toContain(text);
    }
    expect(validatePackage(json)).toMatchObject({ ok: true });
  });

  it('public keeps counts, vote totals and the text of people who consented to publish it, with no author', () => {
    const input = sampleSession();
    const pkg = buildPackage(input, options('public'));
    expect(pkg.participants).toEqual([]);
    expect(pkg.votes).toEqual([]);
    expect(pkg.session.attendance.total).toBe(12);
    expect(pkg.session.attendance.counts_by_role.resident).toBe(3);
    expect(pkg.session.attendance.counts_by_age_band.under14).toBe(1);
    const consenting = new Set(input.roster.filter((p) => p.consent.publish_text && !p.consent.withdrawn_at).map((p) => p.board_author));
    const published = input.notes.filter((n) => consenting.has(n.author)).map((n) => n.id);
    expect(pkg.notes.map((n) => n.id)).toEqual(published);
    expect(pkg.notes.every((n) => n.author === '')).toBe(true);
    // Votes of the withdrawn participant (index 10) are not counted; everyone else's are.
    expect(pkg.vote_results.reduce((sum, r) => sum + r.count, 0)).toBe(11 * 3);
    expect(pkg.problem_statements[0]?.transitions.map((t) => [t.by, t.role])).toEqual([['', 'facilitator'], ['', 'official']]);
  });

  it('ranks vote results, equal totals sharing a rank', () => {
    const input = sampleSession();
    const votes = [{ voter: 'a', record_id: 'x', count: 3 }, { voter: 'b', record_id: 'y', count: 3 }, { voter: 'c', record_id: 'z', count: 1 }];
    const pkg = buildPackage({ ...input, votes }, options('official'));
    expect(pkg.vote_results.map((r) => [r.record_id, r.rank])).toEqual([['x', 1], ['y', 1], ['z', 3]]);
  });

  it('official: pseudonyms for notes and votes, never names; archive adds age bands', () => {
    const input = sampleSession();
    const official = buildPackage(input, options('official'));
    expect(official.participants).toHaveLength(11); // the withdrawn participant is gone
    expect(official.participants.every((p) => p.age_band === 'undisclosed')).toBe(true);
    expect(official.votes.length).toBe(33);
    expect(new Set(official.notes.map((n) => n.author))).toEqual(new Set([...official.participants.map((p) => p.pseudonym).filter((p) => p !== 'P-11'), '']));
    // The reviewers (acting for the authority) stay named for the official; participants never are.
    const json = JSON.stringify(official);
    for (const text of samplePersonalStrings().filter((t) => !SAMPLE_REVIEWERS.includes(t))) expect(json, text).not.toContain(text);
    const archive = buildPackage(input, options('archive'));
    expect(archive.participants.find((p) => p.pseudonym === 'P-12')?.age_band).toBe('under14');
    expect(validatePackage(archive)).toMatchObject({ ok: true });
  });

  it('credits a name only where the person consented and chose it', () => {
    const input = sampleSession();
    const roster = input.roster.map((p, i) => i === 1 ? { ...p, attribution: 'real_name' as const, consent: { ...p.consent, named_credit: true } } : p);
    const pkg = buildPackage({ ...input, roster }, options('public'));
    expect(pkg.credits).toEqual(['ps-1', 'idea-1', 'rd-1'].map((record_id) => ({ record_id, name: '이서연' })));
  });
});
