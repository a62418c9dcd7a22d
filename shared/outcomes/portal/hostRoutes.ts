// The host's portal routes (main/host/api.ts), for the facilitator's machine only: the renderer may
// not reach a portal itself (its CSP allows connect-src 'self', and a portal sends no CORS headers),
// so the host forwards a package to the one endpoint the facilitator configured.
import { z } from 'zod';
import { rejectionReasonSchema } from './contract';

export const PORTAL_ROUTES = {
  /** GET: PortalConfigView; PUT: PortalConfigRequest → PortalConfigView. */
  config: '/api/portal',
  /** POST: body = the package JSON, header Idempotency-Key → PortalSubmitResult. */
  submissions: '/api/portal/submissions',
} as const;

const MAX_ENDPOINT_CHARS = 2000;
const MAX_TOKEN_CHARS = 4096;

/** An http(s) URL without credentials, query or fragment: where packages go, and nowhere else. */
export function isPortalEndpoint(text: string): boolean {
  if (text.length > MAX_ENDPOINT_CHARS) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password && !url.search && !url.hash && !!url.hostname;
}

export const PortalConfigRequestSchema = z.object({
  /** '' forgets the portal (and its token). */
  endpoint: z.string().trim().max(MAX_ENDPOINT_CHARS).refine((e) => e === '' || isPortalEndpoint(e)),
  /** Omitted: keep the token already set; '': no token. */
  token: z.string().max(MAX_TOKEN_CHARS).regex(/^[\x21-\x7e]*$/).optional(),
}).strict();
export type PortalConfigRequest = z.infer<typeof PortalConfigRequestSchema>;

/** What the app may know of the configuration: never the token itself. */
export const PortalConfigViewSchema = z.object({
  endpoint: z.string(),
  hasToken: z.boolean(),
  /** Whether the token survives a restart of the host (encrypted at rest); false: kept in memory only. */
  tokenPersists: z.boolean(),
});
export type PortalConfigView = z.infer<typeof PortalConfigViewSchema>;

/** The adapter's outcome (shared/outcomes/portal/outbox.ts SubmitOutcome), as the host answers it. */
export const PortalSubmitResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accepted'), submissionId: z.string().max(200).nullable() }),
  z.object({ kind: z.literal('rejected'), reasons: z.array(rejectionReasonSchema).max(1000) }),
  z.object({ kind: z.literal('retry'), error: z.string().max(200), retryAfterMs: z.number().int().nonnegative().optional() }),
]);
export type PortalSubmitResult = z.infer<typeof PortalSubmitResultSchema>;
