// What every outcome record carries besides its content: identity and version, review state with
// its recorded transitions, provenance back to the board, licence and times. The record types
// (problemStatement.ts, idea.ts, rndDemand.ts) add their content fields to this.
import { z } from 'zod';
import { ID_MAX, idList, idSchema, shortText, timestamp } from './fields';

export const REVIEW_STATES = ['draft', 'agreed', 'approved'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Who may move a record: the facilitator runs the session, the official approves for the authority. */
export const REVIEWER_ROLES = ['facilitator', 'official'] as const;
export type ReviewerRole = (typeof REVIEWER_ROLES)[number];

export const LICENSES = ['KOGL-1', 'CC-BY-4.0'] as const;

export const transitionSchema = z.object({
  from: z.enum(REVIEW_STATES),
  to: z.enum(REVIEW_STATES),
  /** The reviewer's name as they gave it; `public` packages blank it and keep the role. */
  by: shortText(),
  role: z.enum(REVIEWER_ROLES),
  at: timestamp(),
});
export type Transition = z.infer<typeof transitionSchema>;

export const voteResultSchema = z.object({ record_id: idSchema, count: z.number().int().min(0).max(1_000_000) });
export type VoteResult = z.infer<typeof voteResultSchema>;

/** Where a record came from on the board. Ids only: following them back needs the board itself. */
export const provenanceSchema = z.object({
  session_ids: idList(),
  note_ids: idList(),
  cluster_ids: idList(),
  frame_ids: idList(),
  /** Template records of the workshop structure (problem-tree nodes, HMW questions…). */
  template_record_ids: idList(),
  /** Which templates those were (e.g. `problem_tree`, `hmw`): readable without the board. */
  template_kinds: z.array(z.string().min(1).max(ID_MAX)).max(100),
  /** Vote results at the time of drafting: total dots per voted board record. */
  votes: z.array(voteResultSchema).max(10_000),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export function emptyProvenance(): Provenance {
  return { session_ids: [], note_ids: [], cluster_ids: [], frame_ids: [], template_record_ids: [], template_kinds: [], votes: [] };
}

/** The fields every outcome record has; `kind` is added per type as a literal. */
export const recordBaseShape = {
  id: idSchema,
  /** Stable human reference, e.g. KR0061-WONJU-2026-PS-001 ('' until one is assigned). */
  reference: shortText(),
  /** 1 for the first version; a new version starts when an agreed or approved record is changed. */
  version: z.number().int().min(1).max(1_000_000),
  /** The version this one replaced (null for version 1). */
  previous_version: z.number().int().min(1).max(1_000_000).nullable(),
  status: z.enum(REVIEW_STATES),
  transitions: z.array(transitionSchema).max(1_000),
  provenance: provenanceSchema,
  license: z.enum(LICENSES),
  created_at: timestamp(),
  updated_at: timestamp(),
};

export const BASE_FIELD_NAMES = [...Object.keys(recordBaseShape), 'kind'] as const;
