// The generic HTTP/JSON portal adapter: POSTs the package to `<endpoint>/v1/submissions` with a
// bearer token and the item's Idempotency-Key, and reads the answer per the ingest contract.
// 2xx accepted; 408, 425, 429 and 5xx (or no answer) are retried; any other 4xx is final.
import { IDEMPOTENCY_HEADER, INGEST_PATH, ingestAnswerSchema, type RejectionReason } from './contract';
import type { PortalAdapter, SubmitOutcome } from './outbox';

export interface HttpAdapterConfig {
  /** e.g. `https://portal.example/api` (no trailing slash needed). */
  endpoint: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const RETRIED = new Set([408, 425, 429]);

export function createHttpAdapter(config: HttpAdapterConfig): PortalAdapter {
  const doFetch = config.fetch ?? globalThis.fetch.bind(globalThis);
  const url = `${config.endpoint.replace(/\/+$/, '')}${INGEST_PATH}`;
  return {
    async submit({ idempotencyKey, body }): Promise<SubmitOutcome> {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), config.timeoutMs ?? 30_000);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, {
          method: 'POST',
          body,
          signal: controller.signal,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            [IDEMPOTENCY_HEADER]: idempotencyKey,
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
        });
        text = await response.text();
      } catch {
        return { kind: 'retry', error: controller.signal.aborted ? 'timeout' : 'network' };
      } finally {
        clearTimeout(timer);
      }
      let answer: ReturnType<typeof ingestAnswerSchema.safeParse>;
      try {
        answer = ingestAnswerSchema.safeParse(JSON.parse(text));
      } catch {
        answer = ingestAnswerSchema.safeParse(null);
      }
      if (response.status >= 500 || RETRIED.has(response.status)) {
        const retryAfter = Number(response.headers.get('retry-after'));
        return { kind: 'retry', error: `http ${response.status}`, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: Math.min(retryAfter, 3600) * 1000 } : {}) };
      }
      if (response.status >= 200 && response.status < 300 && answer.success && answer.data.status === 'accepted') {
        return { kind: 'accepted', submissionId: answer.data.submission_id };
      }
      const reasons: RejectionReason[] = answer.success && answer.data.reasons.length
        ? answer.data.reasons
        : [{ path: '$', code: `http_${response.status}`, message: response.statusText || `the portal answered ${response.status}` }];
      return { kind: 'rejected', reasons };
    },
  };
}
