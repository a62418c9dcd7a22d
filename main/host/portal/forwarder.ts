// The facilitator's portal, as the host knows it: the endpoint (kept in the data folder) and its
// token (sealed by a SecretBox when the platform has one, Electron's safeStorage; otherwise kept
// in memory only, so the plain-Node host asks for it again after a restart). Submissions are
// forwarded to that endpoint and nowhere else: redirects are not followed.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createHttpAdapter } from '../../../shared/outcomes/portal/httpAdapter';
import { isPortalEndpoint, type PortalConfigRequest, type PortalConfigView, type PortalSubmitResult } from '../../../shared/outcomes/portal/hostRoutes';
import type { Logger } from '../log';

/** Encrypts short secrets at rest with a key the OS keeps (Electron's safeStorage). */
export interface SecretBox {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

const FILE = 'portal.json';
const storedSchema = z.object({ endpoint: z.string(), sealedToken: z.string().optional() });

export interface PortalForwarderOptions {
  dataDir: string;
  secrets: SecretBox | null;
  log: Logger;
  /** Test seam. */
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export class PortalForwarder {
  private endpoint = '';
  private token = '';

  private constructor(private readonly options: PortalForwarderOptions) {}

  static async load(options: PortalForwarderOptions): Promise<PortalForwarder> {
    const forwarder = new PortalForwarder(options);
    let text: string;
    try {
      text = await readFile(join(options.dataDir, FILE), 'utf8');
    } catch {
      return forwarder;
    }
    try {
      const stored = storedSchema.parse(JSON.parse(text));
      if (!isPortalEndpoint(stored.endpoint)) return forwarder;
      forwarder.endpoint = stored.endpoint;
      if (stored.sealedToken && options.secrets) forwarder.token = await options.secrets.open(stored.sealedToken);
    } catch (error) {
      // A damaged file or a token the OS can no longer open: the facilitator enters it again.
      options.log.warn('portal.configUnreadable', { error: error instanceof Error ? error.message : String(error) });
    }
    return forwarder;
  }

  view(): PortalConfigView {
    return { endpoint: this.endpoint, hasToken: this.token !== '', tokenPersists: this.options.secrets !== null };
  }

  async configure(request: PortalConfigRequest): Promise<PortalConfigView> {
    const previous = this.endpoint;
    this.endpoint = request.endpoint;
    // Another endpoint never inherits the token meant for the last one.
    if (request.token !== undefined) this.token = request.token;
    else if (this.endpoint !== previous) this.token = '';
    if (!this.endpoint) this.token = '';
    const sealedToken = this.token && this.options.secrets ? await this.options.secrets.seal(this.token) : undefined;
    await mkdir(this.options.dataDir, { recursive: true });
    const path = join(this.options.dataDir, FILE);
    await writeFile(`${path}.tmp`, JSON.stringify({ endpoint: this.endpoint, ...(sealedToken ? { sealedToken } : {}) }), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    this.options.log.info('portal.configured', { endpoint: this.endpoint, hasToken: this.token !== '' });
    return this.view();
  }

  /** null: no portal configured. */
  async submit(idempotencyKey: string, body: string): Promise<PortalSubmitResult | null> {
    if (!this.endpoint) return null;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const adapter = createHttpAdapter({
      endpoint: this.endpoint,
      token: this.token || undefined,
      timeoutMs: this.options.timeoutMs ?? 20_000,
      // A redirect would send the package (and the token) somewhere the facilitator did not set.
      fetch: (url, init) => doFetch(url, { ...init, redirect: 'manual' }),
    });
    const outcome = await adapter.submit({ idempotencyKey, body });
    this.options.log.info('portal.submitted', { kind: outcome.kind, ...(outcome.kind === 'retry' ? { error: outcome.error } : {}) });
    return outcome;
  }
}
