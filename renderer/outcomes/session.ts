// Wiring of one session's outcomes in the app: the shared outcomes API over Dexie, the portal
// outbox and its worker, and the files an official takes away (JSON, ZIP with CSV/forms/report,
// PDF). What the board screen passes in (the board, votes, template items, who reviews) comes
// from the modules that own them.
import type { Board } from '../../shared/board';
import type { Language } from '../../shared/i18n';
import { createOutcomesApi, type OutcomesApi, type OutcomesApiDeps } from '../../shared/outcomes/api';
import { packageToJson } from '../../shared/outcomes/package/json';
import type { FramePicture } from '../../shared/outcomes/package/pdf';
import type { OutcomePackage, Profile } from '../../shared/outcomes/package/schema';
import { createHttpAdapter } from '../../shared/outcomes/portal/httpAdapter';
import { OutboxWorker, type OutboxStore, type PortalAdapter } from '../../shared/outcomes/portal/outbox';
import { NO_IDENTITIES, type IdentityStore } from '../../shared/outcomes/repository';
import { randomId } from '../../shared/util/randomId';
import type { MadangDatabase } from '../db/database';
import { loadReportFonts } from './reportFonts';
import { DexieOutboxStore, DexieOutcomeRepository } from './storage';

export interface SessionOutcomesOptions extends Pick<OutcomesApiDeps, 'votes' | 'templateItems' | 'reviewer'> {
  db: MadangDatabase;
  sessionId: string;
  session: OutcomesApiDeps['session'];
  board: () => Board | null;
  /** The portal, when one is configured; without it the outbox keeps items queued. */
  portal?: { endpoint: string; token?: string } | PortalAdapter;
  /** The app's one outbox (hostPortal.ts startAppOutbox); when given, `portal` is not used. */
  outbox?: { store: OutboxStore; worker: OutboxWorker };
  /** Electron's encrypted store; the browser build keeps no identities. */
  identities?: IdentityStore;
  appVersion: string;
  /** The clock (tests). */
  now?: () => number;
}

const NO_PORTAL: PortalAdapter = { submit: async () => ({ kind: 'retry', error: 'noPortal' }) };

export function createSessionOutcomes(options: SessionOutcomesOptions) {
  const now = options.now ?? (() => Date.now());
  const adapter = !options.portal ? NO_PORTAL : 'submit' in options.portal ? options.portal : createHttpAdapter(options.portal);
  const { store, worker } = options.outbox ?? (() => {
    const own = new DexieOutboxStore(options.db);
    return { store: own, worker: new OutboxWorker(own, adapter, { now }) };
  })();
  const api: OutcomesApi = createOutcomesApi({
    sessionId: options.sessionId,
    session: options.session,
    repository: new DexieOutcomeRepository(options.db),
    identities: options.identities ?? NO_IDENTITIES,
    board: options.board,
    votes: options.votes,
    templateItems: options.templateItems,
    reviewer: options.reviewer,
    outbox: { store, worker },
    now: () => new Date(now()),
    newId: () => randomId(),
    generator: { name: 'Madang', version: options.appVersion },
  });
  return { api, outbox: store, worker, board: options.board };
}

export interface ExportFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** The files of an export, named after the session and profile. */
export async function exportFiles(pkg: OutcomePackage, format: 'json' | 'zip' | 'pdf', language: Language, onProgress?: (fraction: number) => void, images?: Record<string, Uint8Array>, frames: readonly FramePicture[] = []): Promise<ExportFile> {
  const base = `madang-${pkg.session.id.slice(0, 12)}-${pkg.profile}-${pkg.published_at.slice(0, 10)}`;
  if (format === 'json') return { name: `${base}.llx.json`, type: 'application/json', bytes: new TextEncoder().encode(packageToJson(pkg)) };
  // The PDF and ZIP code (pdf-lib, fontkit, fflate, papaparse: most of the app's weight) loads on
  // the first export only, so a participant's page starts without it.
  const [{ renderReport }, { zipPackage }] = await Promise.all([import('../../shared/outcomes/package/pdf'), import('../../shared/outcomes/package/bundle')]);
  const fonts = await loadReportFonts(pkg, language, undefined, frames.map((f) => f.title).join(''));
  const pdf = await renderReport(pkg, fonts, { language, onProgress, frames });
  if (format === 'pdf') return { name: `${base}.pdf`, type: 'application/pdf', bytes: pdf };
  return { name: `${base}.zip`, type: 'application/zip', bytes: zipPackage(pkg, { pdf, bom: true, language, images }) };
}

/** Saves a file through the browser's download (Electron shows its save dialog for it). */
export function download(file: ExportFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export type { Profile };

export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Keeps the outbox moving while the app is open: a pass now, then one when the next item is due,
 * and one whenever the browser says the network is back. Returns a stop function.
 */
export function startOutboxLoop(worker: OutboxWorker, timers: OutboxTimers = { setTimeout: (cb, ms) => window.setTimeout(cb, ms), clearTimeout: (h) => window.clearTimeout(h as number), now: () => Date.now() }, target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window === 'undefined' ? null : window): () => void {
  let stopped = false;
  let timer: unknown = null;
  const run = async () => {
    if (stopped) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    await worker.kick();
    const due = await worker.nextDueAt();
    // Capped at a minute, so a changed clock or a new item never waits long.
    if (!stopped && due !== null) timer = timers.setTimeout(() => void run(), Math.min(60_000, Math.max(0, due - timers.now())));
  };
  const online = () => void run();
  target?.addEventListener('online', online);
  void run();
  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
    target?.removeEventListener('online', online);
  };
}
