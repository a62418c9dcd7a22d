// The reference portal receiver: implements the ingest contract (resources/portal-openapi.json) on
// loopback for integrators and tests (`npm run portal:reference -- --port <p> --data <dir>`).
// It validates every submission with the same schema the app exports with, stores accepted
// packages in the data directory, and keeps each Idempotency-Key's answer on disk: the same key
// gets the same answer, even after a restart, and its package is stored once.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { validatePackage, PACKAGE_MAX_CHARS } from '../../../shared/outcomes/package/validate';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, INGEST_PATH, type IngestAnswer } from '../../../shared/outcomes/portal/contract';
import { readBody, requestPathname, sendJson } from '../http';

export interface ReceiverOptions {
  port: number;
  dataDir: string;
  /** Loopback only unless told otherwise. */
  host?: string;
  /** When set, submissions need `Authorization: Bearer <token>`. */
  token?: string;
  /** Answer every submission this late (a slow portal, for integrators' retry tests). */
  delayMs?: number;
  /** Answer the first N submissions 503 (a portal having a bad minute). */
  failFirst?: number;
}

export interface Receiver {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Accepted packages stored so far. */
  storedCount(): number;
}

interface KeyRecord { key: string; bodyHash: string; statusCode: number; answer: IngestAnswer }

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const keysDir = join(options.dataDir, 'keys');
  const packagesDir = join(options.dataDir, 'submissions');
  mkdirSync(keysDir, { recursive: true });
  mkdirSync(packagesDir, { recursive: true });
  const keys = new Map<string, KeyRecord>();
  for (const file of readdirSync(keysDir).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(join(keysDir, file), 'utf8')) as KeyRecord;
    keys.set(record.key, record);
  }
  const inFlight = new Map<string, Promise<KeyRecord | null>>();
  let failuresLeft = options.failFirst ?? 0;
  const expectedAuth = options.token ? Buffer.from(`Bearer ${options.token}`) : null;

  const answer = (status: IngestAnswer['status'], reasons: IngestAnswer['reasons'], ids: { submission_id?: string; package_id?: string } = {}): IngestAnswer => ({
    status, submission_id: ids.submission_id ?? null, package_id: ids.package_id ?? null, received_at: new Date().toISOString(), reasons,
  });
  const refuse = (res: ServerResponse, statusCode: number, code: string, message: string) => sendJson(res, statusCode, answer('rejected', [{ path: '$', code, message }]));

  /** Validates and stores one new submission; the record is what every later request with the key gets. */
  const ingest = (key: string, body: string): KeyRecord => {
    const result = validatePackage(body);
    let record: KeyRecord;
    if (!result.ok) {
      const statusCode = result.issues[0]?.code === 'notJson' ? 400 : 422;
      record = { key, bodyHash: sha256(body), statusCode, answer: answer('rejected', result.issues) };
    } else {
      const submissionId = randomUUID();
      writeAtomically(join(packagesDir, `${submissionId}.json`), body);
      record = { key, bodyHash: sha256(body), statusCode: 201, answer: answer('accepted', [], { submission_id: submissionId, package_id: result.package.package_id }) };
    }
    writeAtomically(join(keysDir, `${sha256(key)}.json`), JSON.stringify(record));
    keys.set(key, record);
    return record;
  };

  const handleSubmission = async (req: IncomingMessage, res: ServerResponse) => {
    if (expectedAuth) {
      const given = Buffer.from(String(req.headers.authorization ?? ''));
      if (given.length !== expectedAuth.length || !timingSafeEqual(given, expectedAuth)) return refuse(res, 401, 'unauthorized', 'missing or wrong bearer token');
    }
    const key = req.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) return refuse(res, 400, 'idempotencyKeyRequired', `an ${IDEMPOTENCY_HEADER} header of 8–200 letters, digits or _.:- is required`);
    const body = await readBody(req, PACKAGE_MAX_CHARS);
    if (!body.ok) return body.reason === 'tooLarge' ? refuse(res, 413, 'tooLarge', `the package is larger than ${PACKAGE_MAX_CHARS} bytes`) : undefined;
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    if (failuresLeft > 0) {
      failuresLeft--;
      res.setHeader('Retry-After', '0');
      return refuse(res, 503, 'unavailable', 'temporarily unavailable; retry with the same key');
    }
    // A request with a key already in progress waits for that one's answer.
    while (inFlight.has(key)) await inFlight.get(key);
    const known = keys.get(key);
    if (known) {
      if (known.bodyHash !== sha256(body.text)) return refuse(res, 409, 'idempotencyKeyReused', 'this Idempotency-Key was used with a different package');
      return sendJson(res, known.statusCode, known.answer, { 'Idempotent-Replayed': 'true' });
    }
    const work = Promise.resolve().then(() => ingest(key, body.text));
    inFlight.set(key, work.catch(() => null));
    try {
      const record = await work;
      sendJson(res, record.statusCode, record.answer);
    } finally {
      inFlight.delete(key);
    }
  };

  const server = createServer((req, res) => {
    const path = requestPathname(req.url);
    const done = (promise: Promise<unknown> | undefined) => promise?.catch(() => { if (!res.headersSent) refuse(res, 500, 'internal', 'the receiver failed'); });
    if (req.method === 'POST' && path === INGEST_PATH) return void done(handleSubmission(req, res));
    const match = /^\/v1\/submissions\/([0-9a-f-]{36})$/.exec(path);
    if (req.method === 'GET' && match) {
      const record = [...keys.values()].find((r) => r.answer.submission_id === match[1]);
      return record ? sendJson(res, 200, record.answer) : refuse(res, 404, 'notFound', 'no such submission');
    }
    if (req.method === 'GET' && path === '/v1/health') return sendJson(res, 200, { ok: true });
    refuse(res, 404, 'notFound', `no ${req.method} ${path} here`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    storedCount: () => readdirSync(packagesDir).filter((f) => f.endsWith('.json')).length,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
