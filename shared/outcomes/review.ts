// The review flow of an outcome record: draft → agreed (in session) → approved (by the official),
// each step recorded with who and when. Pure: each function returns a new record or says why not.
import type { z } from 'zod';
import type { ReviewState, ReviewerRole } from './record';
import { emptyProvenance, type Provenance } from './record';
import { outcomeType, type OutcomeKind, type OutcomeRecord } from './registry';

/** Which step each role may take from each state. Approved is final: changing it starts a new version. */
const ALLOWED: Record<ReviewState, Partial<Record<ReviewState, readonly ReviewerRole[]>>> = {
  draft: { agreed: ['facilitator', 'official'] },
  agreed: { approved: ['official'], draft: ['facilitator', 'official'] },
  approved: {},
};

export type OutcomeRefusal =
  | { ok: false; reason: 'illegalTransition' | 'roleNotAllowed' }
  | { ok: false; reason: 'invalidRecord'; issues: z.core.$ZodIssue[] };
export type OutcomeResult = { ok: true; record: OutcomeRecord } | OutcomeRefusal;

export interface Reviewer {
  name: string;
  role: ReviewerRole;
}

export function mayTransition(from: ReviewState, to: ReviewState, role: ReviewerRole): boolean {
  return ALLOWED[from][to]?.includes(role) ?? false;
}

export function nextStates(from: ReviewState, role: ReviewerRole): ReviewState[] {
  return (Object.keys(ALLOWED[from]) as ReviewState[]).filter((to) => mayTransition(from, to, role));
}

/** Moves a record to `to`; a record must be valid to be agreed or approved. */
export function transition(record: OutcomeRecord, to: ReviewState, by: Reviewer, at: string): OutcomeResult {
  if (!(to in ALLOWED[record.status])) return { ok: false, reason: 'illegalTransition' };
  if (!mayTransition(record.status, to, by.role)) return { ok: false, reason: 'roleNotAllowed' };
  const next = {
    ...record,
    status: to,
    transitions: [...record.transitions, { from: record.status, to, by: by.name, role: by.role, at }],
    updated_at: at,
  };
  return check(next);
}

/**
 * Changes content fields. A draft changes in place; an agreed or approved record keeps its
 * agreed text as it was and gets a new draft version that points back to it.
 */
export function revise(record: OutcomeRecord, changes: Record<string, unknown>, at: string): OutcomeResult {
  const type = outcomeType(record.kind);
  const content: Record<string, unknown> = {};
  for (const field of type.fields) if (Object.hasOwn(changes, field.name)) content[field.name] = changes[field.name];
  const base = record.status === 'draft'
    ? record
    : { ...record, version: record.version + 1, previous_version: record.version, status: 'draft' as const, transitions: [] };
  return check({ ...base, ...content, updated_at: at });
}

export interface NewOutcome {
  kind: OutcomeKind;
  id: string;
  at: string;
  content?: Record<string, unknown>;
  provenance?: Provenance;
}

export function createOutcome({ kind, id, at, content = {}, provenance = emptyProvenance() }: NewOutcome): OutcomeResult {
  const type = outcomeType(kind);
  return check({
    ...type.defaults(),
    ...content,
    kind,
    id,
    reference: '',
    version: 1,
    previous_version: null,
    status: 'draft',
    transitions: [],
    provenance,
    license: 'KOGL-1',
    created_at: at,
    updated_at: at,
  });
}

function check(candidate: unknown): OutcomeResult {
  const kind = (candidate as { kind: OutcomeKind }).kind;
  const parsed = outcomeType(kind).schema.safeParse(candidate);
  if (!parsed.success) return { ok: false, reason: 'invalidRecord', issues: parsed.error.issues };
  return { ok: true, record: parsed.data as OutcomeRecord };
}
