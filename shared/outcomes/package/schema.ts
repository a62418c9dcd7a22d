// The export package (domain.md §8): one self-describing, versioned envelope around the session's
// outcome records, after OCDS. The same zod schema validates imports and submissions and is what
// the JSON Schemas in resources/schemas/ are generated from (scripts/outcome-schemas.mjs).
import { z } from 'zod';
import { idSchema, longText, shortText, timestamp, ID_MAX } from '../fields';
import { ACCOMMODATIONS, AGE_BANDS, SSG_ROLES } from '../participants';
import { LICENSES } from '../record';
import { ideaType } from '../idea';
import { problemStatementType } from '../problemStatement';
import { rndDemandType } from '../rndDemand';

/** MAJOR for breaking renames or removals, MINOR for additive fields, PATCH for docs only. */
export const SCHEMA_VERSION = '1.0.0';
export const SCHEMA_MAJOR = 1;
export const PACKAGE_SCHEMA_HREF = `https://madang.invalid/schemas/${SCHEMA_VERSION}/package.schema.json`;

/**
 * What leaves the machine. `public`: no names, contacts, per-person votes or personal free text
 * unless consented. `official` (the local government): adds pseudonyms, notes with pseudonymous
 * authors and per-person votes. `archive` (PIPA Art. 28-2): as official, plus age bands.
 */
export const PROFILES = ['public', 'official', 'archive'] as const;
export type Profile = (typeof PROFILES)[number];

const count = () => z.number().int().min(0).max(1_000_000);
const countsBy = <T extends readonly string[]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count()])) as { [K in T[number]]: ReturnType<typeof count> });

export const packageSchema = z.object({
  schema_version: z.string().regex(/^\d+\.\d+\.\d+$/),
  links: z.array(z.object({ rel: shortText(), href: shortText() })).max(20),
  package_id: idSchema,
  profile: z.enum(PROFILES),
  published_at: timestamp(),
  generator: z.object({ name: shortText(), version: shortText() }),
  license: z.enum(LICENSES),
  language: z.enum(['ko', 'en']),
  session: z.object({
    id: idSchema,
    title: shortText(),
    starts_at: timestamp().nullable(),
    ends_at: timestamp().nullable(),
    /** Counts only: who attended is never listed in a package. */
    attendance: z.object({
      total: count(),
      counts_by_role: countsBy(SSG_ROLES),
      counts_by_age_band: countsBy(AGE_BANDS),
      accommodations: countsBy(ACCOMMODATIONS),
    }),
  }),
  /** `official`/`archive` only: pseudonyms and roles (age band only in `archive`). */
  participants: z.array(z.object({ pseudonym: z.string().regex(/^P-\d{2,4}$/), role: z.enum(SSG_ROLES), age_band: z.enum(AGE_BANDS) })).max(10_000),
  /** Names of people who chose to be credited on a record (consent given, not withdrawn). */
  credits: z.array(z.object({ record_id: idSchema, name: z.string().min(1).max(100) })).max(100_000),
  /** Board notes: in `public` only the text of people who consented, with no author. */
  notes: z.array(z.object({
    id: idSchema, text: longText(), author: z.string().max(ID_MAX), cluster_id: z.string().max(ID_MAX), frame_id: z.string().max(ID_MAX),
  })).max(100_000),
  /** Per-person votes (`official`/`archive`), voter as pseudonym ('' when not on the roster). */
  votes: z.array(z.object({ voter: z.string().max(ID_MAX), record_id: idSchema, count: count() })).max(1_000_000),
  /** Totals per voted board record, ranked; in every profile. */
  vote_results: z.array(z.object({ record_id: idSchema, label: longText(), count: count(), rank: z.number().int().min(1) })).max(100_000),
  problem_statements: z.array(problemStatementType.schema).max(10_000),
  ideas: z.array(ideaType.schema).max(10_000),
  rnd_demands: z.array(rndDemandType.schema).max(10_000),
  /** Reserved for portal-specific fields, namespaced by the portal. */
  extensions: z.record(z.string(), z.unknown()),
});

export type OutcomePackage = z.infer<typeof packageSchema>;
export const RECORD_COLLECTIONS = ['problem_statements', 'ideas', 'rnd_demands'] as const;
