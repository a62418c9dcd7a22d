// The one function that decides what leaves the machine: a session's outcome records, roster and
// board contributions become a package under a privacy profile (domain.md §5, §8.1). Everything
// else (CSV, forms, PDF, submission) is made from its result, never from the inputs.
import { ACCOMMODATIONS, AGE_BANDS, SSG_ROLES, creditName, isWithdrawn, type Identity, type Participant } from '../participants';
import type { OutcomeRecord } from '../registry';
import { PACKAGE_SCHEMA_HREF, SCHEMA_VERSION, type OutcomePackage, type Profile } from './schema';

export interface BoardNote {
  id: string;
  text: string;
  /** The author string the board stamped (a display name: personal). */
  author: string;
  cluster_id: string;
  frame_id: string;
}

export interface BoardVote {
  /** The voter's board author string (personal). */
  voter: string;
  record_id: string;
  count: number;
}

export interface SessionExport {
  session: { id: string; title: string; starts_at: string | null; ends_at: string | null };
  records: readonly OutcomeRecord[];
  roster: readonly Participant[];
  /** Real names and contacts: read only for consented named credit. */
  identities: readonly Identity[];
  notes: readonly BoardNote[];
  votes: readonly BoardVote[];
  /** Labels of voted board records that are not notes (cluster labels, frame titles, template items). */
  labels: Readonly<Record<string, string>>;
}

export interface PackageOptions {
  profile: Profile;
  packageId: string;
  publishedAt: string;
  generator: { name: string; version: string };
  language?: 'ko' | 'en';
}

const zeros = <T extends readonly string[]>(keys: T) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<T[number], number>;

export function buildPackage(input: SessionExport, options: PackageOptions): OutcomePackage {
  const { profile } = options;
  const byAuthor = new Map(input.roster.map((p) => [p.board_author, p]));
  const active = input.roster.filter((p) => !isWithdrawn(p));
  // A withdrawn person's notes and votes leave no trace; someone not on the roster is anonymous.
  const withdrawn = (author: string) => { const p = byAuthor.get(author); return p ? isWithdrawn(p) : false; };
  const pseudonymOf = (author: string) => byAuthor.get(author)?.pseudonym ?? '';

  const keptNotes = input.notes.filter((n) => !withdrawn(n.author)).filter((n) => {
    if (profile !== 'public') return true;
    const p = byAuthor.get(n.author);
    return p !== undefined && p.consent.publish_text;
  });
  const notes = keptNotes.map((n) => ({
    id: n.id, text: n.text, author: profile === 'public' ? '' : pseudonymOf(n.author), cluster_id: n.cluster_id, frame_id: n.frame_id,
  }));
  const countedVotes = input.votes.filter((v) => !withdrawn(v.voter));
  const noteText = new Map(notes.map((n) => [n.id, n.text]));

  const totals = new Map<string, number>();
  for (const v of countedVotes) totals.set(v.record_id, (totals.get(v.record_id) ?? 0) + v.count);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Competition ranking: equal totals share a rank (1, 1, 3…).
  let rank = 0;
  const vote_results = ranked.map(([record_id, count], i) => {
    if (i === 0 || ranked[i - 1]?.[1] !== count) rank = i + 1;
    return { record_id, count, rank, label: input.labels[record_id] ?? noteText.get(record_id) ?? '' };
  });

  const attendance = {
    total: input.roster.length,
    counts_by_role: zeros(SSG_ROLES),
    counts_by_age_band: zeros(AGE_BANDS),
    accommodations: zeros(ACCOMMODATIONS),
  };
  for (const p of input.roster) {
    attendance.counts_by_role[p.role]++;
    attendance.counts_by_age_band[p.age_band]++;
    for (const a of p.accommodations) attendance.accommodations[a]++;
  }

  const records = input.records.map((r) => profile === 'public'
    ? { ...r, transitions: r.transitions.map((t) => ({ ...t, by: '' })) }
    : r);
  const authorOfNote = new Map(input.notes.map((n) => [n.id, n.author]));
  const credits = records.flatMap((r) => {
    const authors = new Set(r.provenance.note_ids.map((id) => authorOfNote.get(id)));
    return active.filter((p) => authors.has(p.board_author)).flatMap((p) => {
      const name = creditName(p, input.identities);
      return name ? [{ record_id: r.id, name }] : [];
    });
  });

  return {
    schema_version: SCHEMA_VERSION,
    links: [{ rel: 'describedby', href: PACKAGE_SCHEMA_HREF }],
    package_id: options.packageId,
    profile,
    published_at: options.publishedAt,
    generator: options.generator,
    license: 'KOGL-1',
    language: options.language ?? 'ko',
    session: { ...input.session, attendance },
    participants: profile === 'public' ? [] : active.map((p) => ({
      pseudonym: p.pseudonym, role: p.role, age_band: profile === 'archive' ? p.age_band : 'undisclosed' as const,
    })),
    credits,
    notes,
    votes: profile === 'public' ? [] : countedVotes.map((v) => ({ voter: pseudonymOf(v.voter), record_id: v.record_id, count: v.count })),
    vote_results,
    problem_statements: records.filter((r) => r.kind === 'problem_statement'),
    ideas: records.filter((r) => r.kind === 'idea'),
    rnd_demands: records.filter((r) => r.kind === 'rnd_demand'),
    extensions: {},
  };
}
