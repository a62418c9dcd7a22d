// Reading a package someone hands us (an import, a submission): the schema, then what a schema
// cannot say (references between records, what a profile may carry). Every problem comes back
// with the JSON path it is at, a stable code and a precise message.
import { packageSchema, PROFILES, SCHEMA_MAJOR, RECORD_COLLECTIONS, type OutcomePackage } from './schema';

/** Larger packages are refused before parsing (a 5,000-note session is a few megabytes). */
export const PACKAGE_MAX_CHARS = 64 * 1024 * 1024;

export interface PackageIssue {
  /** JSONPath-like: `$.problem_statements[0].title`. */
  path: string;
  code: string;
  message: string;
}

export type PackageValidation = { ok: true; package: OutcomePackage } | { ok: false; issues: PackageIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`), '$');
}

/** Parses and validates JSON text or an already-parsed value. */
export function validatePackage(input: string | unknown): PackageValidation {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > PACKAGE_MAX_CHARS) return fail('$', 'tooLarge', `package is ${input.length} characters; the limit is ${PACKAGE_MAX_CHARS}`);
    try {
      value = JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
    } catch (error) {
      return fail('$', 'notJson', `not JSON: ${(error as Error).message}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('$', 'notAnObject', 'a package is a JSON object');
  const version = (value as { schema_version?: unknown }).schema_version;
  if (typeof version !== 'string') return fail('$.schema_version', 'missingSchemaVersion', 'schema_version is missing: this is not a Madang package');
  const major = Number(version.split('.')[0]);
  if (/^\d+\.\d+\.\d+$/.test(version) && major !== SCHEMA_MAJOR) {
    return fail('$.schema_version', 'unsupportedSchemaVersion', `schema_version ${version} is not readable by this app (reads ${SCHEMA_MAJOR}.x.x)`);
  }

  const parsed = packageSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), code: i.code, message: i.message })) };
  }
  const issues = [...referenceIssues(parsed.data), ...profileIssues(parsed.data)];
  return issues.length ? { ok: false, issues } : { ok: true, package: parsed.data };
}

function referenceIssues(pkg: OutcomePackage): PackageIssue[] {
  const issues: PackageIssue[] = [];
  const ids = (list: readonly { id: string }[], collection: string) => {
    const seen = new Set<string>();
    list.forEach((r, i) => {
      if (seen.has(r.id)) issues.push({ path: `$.${collection}[${i}].id`, code: 'duplicateId', message: `id ${r.id} appears more than once in ${collection}` });
      seen.add(r.id);
    });
    return seen;
  };
  const problems = ids(pkg.problem_statements, 'problem_statements');
  const ideas = ids(pkg.ideas, 'ideas');
  ids(pkg.rnd_demands, 'rnd_demands');
  ids(pkg.notes, 'notes');
  const dangling = (refs: readonly string[], known: Set<string>, path: string, what: string) => refs.forEach((ref, j) => {
    if (!known.has(ref)) issues.push({ path: `${path}[${j}]`, code: 'unknownReference', message: `${ref} is not a ${what} in this package` });
  });
  pkg.ideas.forEach((idea, i) => dangling(idea.linked_problem_ids, problems, `$.ideas[${i}].linked_problem_ids`, 'problem statement'));
  pkg.rnd_demands.forEach((d, i) => {
    dangling(d.linked_problem_ids, problems, `$.rnd_demands[${i}].linked_problem_ids`, 'problem statement');
    dangling(d.linked_idea_ids, ideas, `$.rnd_demands[${i}].linked_idea_ids`, 'idea');
  });
  const records = new Set(RECORD_COLLECTIONS.flatMap((c) => pkg[c].map((r) => r.id)));
  pkg.credits.forEach((c, i) => {
    if (!records.has(c.record_id)) issues.push({ path: `$.credits[${i}].record_id`, code: 'unknownReference', message: `${c.record_id} is not a record in this package` });
  });
  for (const collection of RECORD_COLLECTIONS) {
    pkg[collection].forEach((r, i) => {
      if ((r.version === 1) !== (r.previous_version === null) || (r.previous_version !== null && r.previous_version >= r.version)) {
        issues.push({ path: `$.${collection}[${i}].previous_version`, code: 'badVersionChain', message: `version ${r.version} cannot follow ${String(r.previous_version)}` });
      }
      const last = r.transitions.at(-1);
      if ((last?.to ?? 'draft') !== r.status) {
        issues.push({ path: `$.${collection}[${i}].status`, code: 'statusWithoutTransition', message: `status ${r.status} does not match the last recorded transition (${last?.to ?? 'none'})` });
      }
    });
  }
  return issues;
}

/** What a `public` package may not carry, whoever wrote it. */
function profileIssues(pkg: OutcomePackage): PackageIssue[] {
  if (pkg.profile !== PROFILES[0]) return [];
  const issues: PackageIssue[] = [];
  if (pkg.participants.length) issues.push({ path: '$.participants', code: 'personalDataInPublic', message: 'a public package lists no participants' });
  if (pkg.votes.length) issues.push({ path: '$.votes', code: 'personalDataInPublic', message: 'a public package has no per-person votes' });
  pkg.notes.forEach((n, i) => {
    if (n.author) issues.push({ path: `$.notes[${i}].author`, code: 'personalDataInPublic', message: 'a public package names no note author' });
  });
  for (const collection of RECORD_COLLECTIONS) {
    pkg[collection].forEach((r, i) => r.transitions.forEach((t, j) => {
      if (t.by) issues.push({ path: `$.${collection}[${i}].transitions[${j}].by`, code: 'personalDataInPublic', message: 'a public package names no reviewer' });
    }));
  }
  return issues;
}

function fail(path: string, code: string, message: string): PackageValidation {
  return { ok: false, issues: [{ path, code, message }] };
}
