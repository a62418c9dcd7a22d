// The portal ingest contract: what the generic HTTP adapter sends and what a portal answers. The
// reference receiver (main/host/portal/) implements it; resources/portal-openapi.json publishes it.
import { z } from 'zod';
import { SCHEMA_VERSION } from '../package/schema';

export const INGEST_PATH = '/v1/submissions';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

export const rejectionReasonSchema = z.object({ path: z.string().max(1000), code: z.string().max(100), message: z.string().max(2000) });
export type RejectionReason = z.infer<typeof rejectionReasonSchema>;

/** The body of every answer to a submission, accepted or not. */
export const ingestAnswerSchema = z.object({
  status: z.enum(['accepted', 'rejected']),
  submission_id: z.string().max(200).nullable(),
  package_id: z.string().max(200).nullable(),
  received_at: z.string().max(100),
  reasons: z.array(rejectionReasonSchema).max(1000),
});
export type IngestAnswer = z.infer<typeof ingestAnswerSchema>;

const answer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestAnswer' } } } });

/** OpenAPI 3.1 document of the ingest contract. */
export function portalOpenApi(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Madang portal ingest',
      version: SCHEMA_VERSION,
      description: 'How a portal receives an outcome package from Madang. Submissions are idempotent: the same Idempotency-Key always gets the answer the first request got, and the package is stored once. A 5xx or 429 answer, or no answer, is retried with the same key; a 4xx answer is final.',
    },
    servers: [{ url: 'http://127.0.0.1:4790', description: 'the reference receiver (npm run portal:reference)' }],
    paths: {
      [INGEST_PATH]: {
        post: {
          operationId: 'submitPackage',
          summary: 'Submit an outcome package',
          security: [{ bearer: [] }, {}],
          parameters: [{ name: IDEMPOTENCY_HEADER, in: 'header', required: true, schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source } }],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: './schemas/package.schema.json' } } } },
          responses: {
            201: answer('Accepted and stored. A replay of the same key answers the same, with the header Idempotent-Replayed: true.'),
            400: answer('Not JSON, or no valid Idempotency-Key.'),
            401: answer('Missing or wrong bearer token.'),
            409: answer('The Idempotency-Key was used before with a different package.'),
            413: answer('The package is larger than the receiver accepts.'),
            422: answer('The package does not validate; `reasons` lists each problem with its JSON path.'),
            503: answer('Temporarily unavailable: retry later with the same key (Retry-After may say when).'),
          },
        },
      },
      [`${INGEST_PATH}/{submission_id}`]: {
        get: {
          operationId: 'getSubmission',
          summary: 'The stored answer of an earlier submission',
          parameters: [{ name: 'submission_id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: answer('The answer given when the package was accepted.'), 404: { description: 'No such submission.' } },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { IngestAnswer: z.toJSONSchema(ingestAnswerSchema, { target: 'draft-2020-12' }) },
    },
  };
}
