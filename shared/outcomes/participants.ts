// The roster on the facilitator's machine (domain.md §5, §7.1). Two stores, never joined in a
// contribution: Participant (pseudonymous: role, age band, accommodations, consent) and Identity
// (real name and contact). Exports read identities only for consented named credit.
import { z } from 'zod';
import { idSchema, shortText, timestamp } from './fields';

/** Roles in the Self-Solving Group. */
export const SSG_ROLES = ['resident', 'local_official', 'researcher', 'company', 'civil_society'] as const;
export type SsgRole = (typeof SSG_ROLES)[number];

/** Age bands of domain.md §7.1: under 14 needs a legal representative's consent (PIPA Art. 22-2). */
export const AGE_BANDS = ['under14', '14_18', '19_34', '35_64', '65_plus', 'undisclosed'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** What someone asked for, never a diagnosis (PIPA Art. 23); exported only as counts. */
export const ACCOMMODATIONS = ['sign_language', 'captioning', 'large_print', 'easy_language', 'wheelchair_access', 'seating', 'interpreter'] as const;

export const CONSENT_PURPOSES = ['workshop_participation', 'outcome_publication', 'research_statistics', 'follow_up_contact'] as const;
export const CONSENT_ITEMS = ['display_name', 'role', 'age_band', 'contributions', 'votes', 'photos', 'real_name', 'contact'] as const;
/** How a person is credited on records they contributed to. */
export const ATTRIBUTIONS = ['anonymous', 'display_name', 'real_name'] as const;

export const consentSchema = z.object({
  /** The notice text's version that was shown (the four PIPA Art. 15 points). */
  notice_version: shortText(),
  purposes: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length),
  items: z.array(z.enum(CONSENT_ITEMS)).max(CONSENT_ITEMS.length),
  /** Date after which the roster entry and identity are purged. */
  retention_until: z.iso.date(),
  refusal_rights_shown: z.boolean(),
  /** Optional consents: participation never depends on them. */
  named_credit: z.boolean(),
  photos: z.boolean(),
  /** The person's own note text may appear in a `public` package. */
  publish_text: z.boolean(),
  given_by: z.enum(['self', 'legal_representative']),
  method: z.enum(['paper', 'electronic']),
  given_at: timestamp(),
  withdrawn_at: timestamp().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const participantSchema = z.object({
  id: idSchema,
  /** Stable per-project pseudonym, e.g. P-07: what `official` and `archive` packages show. */
  pseudonym: z.string().regex(/^P-\d{2,4}$/),
  /** The name or handle they chose for the board (may be a real name: treated as personal). */
  display_name: z.string().max(100),
  /** The author string the board stamped on their notes and votes (their name in the room). */
  board_author: z.string().max(200),
  role: z.enum(SSG_ROLES),
  age_band: z.enum(AGE_BANDS),
  accommodations: z.array(z.enum(ACCOMMODATIONS)).max(ACCOMMODATIONS.length),
  attribution: z.enum(ATTRIBUTIONS),
  consent: consentSchema,
}).superRefine((p, ctx) => {
  if (!p.display_name.trim()) ctx.addIssue({ code: 'custom', path: ['display_name'], message: 'required' });
  // Consent without the PIPA Art. 15 notice (purpose, items, retention, right to refuse) is no consent.
  if (!p.consent.refusal_rights_shown) ctx.addIssue({ code: 'custom', path: ['consent', 'refusal_rights_shown'], message: 'noticeRequired' });
  if (p.age_band === 'under14' && p.consent.given_by !== 'legal_representative') {
    ctx.addIssue({ code: 'custom', path: ['consent', 'given_by'], message: 'guardianConsentRequired' });
  }
  if (p.attribution !== 'anonymous' && !p.consent.named_credit) {
    ctx.addIssue({ code: 'custom', path: ['attribution'], message: 'namedCreditNotConsented' });
  }
});
export type Participant = z.infer<typeof participantSchema>;

/** Real name and contact: kept apart, encrypted at rest in Electron, never in a contribution. */
export const identitySchema = z.object({
  participant_id: idSchema,
  real_name: z.string().min(1).max(100),
  contact: z.object({ channel: z.enum(['phone', 'email', 'other']), value: z.string().max(200) }),
  guardian: z.object({ name: z.string().max(100), contact: z.string().max(200), relation: z.string().max(100) }).nullable(),
});
export type Identity = z.infer<typeof identitySchema>;

export function isWithdrawn(p: Participant): boolean {
  return p.consent.withdrawn_at !== null;
}

/** The name a `public` package may print for this person, or null (anonymous, no consent, withdrawn). */
export function creditName(p: Participant, identities: readonly Identity[]): string | null {
  if (isWithdrawn(p) || !p.consent.named_credit) return null;
  if (p.attribution === 'display_name') return p.display_name || null;
  if (p.attribution === 'real_name' && p.consent.items.includes('real_name')) {
    return identities.find((i) => i.participant_id === p.id)?.real_name ?? null;
  }
  return null;
}

/** The next free pseudonym: P-01, P-02… */
export function nextPseudonym(roster: readonly Participant[]): string {
  const used = new Set(roster.map((p) => p.pseudonym));
  for (let n = 1; n < 10_000; n++) {
    const candidate = `P-${String(n).padStart(2, '0')}`;
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('roster full');
}

/**
 * The roster after its retention date (PIPA: keep no longer than consented): a person whose
 * `retention_until` has passed is removed with their identity; their contributions stay anonymous
 * (exports already treat authors who are not on the roster as anonymous).
 */
export function purgeExpired(roster: readonly Participant[], identities: readonly Identity[], today: string): { roster: Participant[]; identities: Identity[]; purged: string[] } {
  const purged = roster.filter((p) => p.consent.retention_until < today).map((p) => p.id);
  const gone = new Set(purged);
  return { roster: roster.filter((p) => !gone.has(p.id)), identities: identities.filter((i) => !gone.has(i.participant_id)), purged };
}
