// Helpers for the host's tests: temp directories, a built-renderer stand-in, and WebSocket
// clients whose messages and close are awaited as promises (no sleeps anywhere).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import type { MemberRole } from '../../shared/board/policy';
import { MESSAGE } from '../../shared/sync/protocol';
import type { HubLink } from './hub/hubRoom';
import type { RoomSync } from '../../shared/sync/roomSync';
import type { RoomSyncState } from '../../shared/sync/types';
import { createMemoryLogger } from './log';
import { createHost, type Host, type HostOptions } from './server';

export function tempDir(prefix = 'madang-host-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A directory that looks like out/renderer: index.html and one hashed asset. */
export function fakeRenderer(dir: string): string {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Madang</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("madang")');
  return dir;
}

/** A host on a loopback port over `dataDir`, serving a stand-in renderer, logging to memory. */
export function startTestHost(dataDir: string, more: Partial<HostOptions> = {}): Promise<Host> {
  return createHost({
    port: 0, bind: '127.0.0.1', dataDir, staticDir: fakeRenderer(join(dataDir, 'www')), version: 'test',
    log: createMemoryLogger(), interfaces: () => ({}), ...more,
  });
}

export type Closed = { code: number; reason: string };

export class TestClient {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<Closed>;
  /** Resolves with the error of a refused handshake (e.g. "Unexpected server response: 404"). */
  readonly failed: Promise<Error>;
  private readonly queue: unknown[] = [];
  private readonly waiters: Array<(message: unknown) => void> = [];

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    this.ws = new WebSocket(url, options);
    this.opened = new Promise((resolve) => this.ws.once('open', () => resolve()));
    this.closed = new Promise((resolve) => this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    this.failed = new Promise((resolve) => this.ws.on('error', resolve));
    this.ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  next(): Promise<unknown> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The first message matching `match`, looking at no more than `limit` messages. */
  async waitFor(match: (message: Record<string, unknown>) => boolean, limit = 5000): Promise<Record<string, unknown>> {
    for (let i = 0; i < limit; i++) {
      const message = (await this.next()) as Record<string, unknown>;
      if (match(message)) return message;
    }
    throw new Error(`no matching message in ${limit}`);
  }

  /** Subscribes and waits for a pong, so the subscription is in place before going on. */
  async subscribe(topic: string): Promise<void> {
    await this.opened;
    this.send({ type: 'subscribe', topics: [topic] });
    this.send({ type: 'ping' });
    await this.waitFor((m) => m.type === 'pong');
  }

  close(): void {
    this.ws.close();
  }
}

/** Resolves when `test` holds for a room client, checked on each of its state changes and doc updates. */
export function untilSync(sync: RoomSync, test: (state: RoomSyncState) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!test(sync.getState())) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out; state ${JSON.stringify(sync.getState())}`));
    }, timeoutMs);
    const stop = sync.subscribe(check);
    sync.doc.on('update', check);
    const cleanup = () => {
      clearTimeout(timer);
      stop();
      sync.doc.off('update', check);
    };
    check();
  });
}

/** A participant's member token, got the way a browser gets it: POST /api/join with the code. */
export async function joinAsParticipant(hostUrl: string, joinCode: string): Promise<string> {
  const res = await fetch(`${hostUrl}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: joinCode }) });
  const body = (await res.json()) as { memberToken?: string };
  if (!res.ok || !body.memberToken) throw new Error(`join failed: ${res.status}`);
  return body.memberToken;
}

/**
 * An awareness message with any states a client might send, made by hand (y-protocols would only
 * encode a client's own): `[clientId, clock, state]`, each state JSON-encoded.
 */
export function rawPresenceMessage(states: Array<[clientId: number, clock: number, state: unknown]>): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, states.length);
  for (const [clientId, clock, state] of states) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

export type FakeLink = HubLink & { sent: Uint8Array[]; closed: string | null };

/** A hub link that records what the hub sends it and why it was closed. */
export function fakeLink(id: string, role: MemberRole = 'facilitator', memberId = id): FakeLink {
  const link: FakeLink = {
    id,
    transport: 'relay',
    memberId,
    actor: { memberId, role },
    sent: [],
    closed: null,
    send: (message) => link.sent.push(message),
    close: (reason) => (link.closed = reason),
  };
  return link;
}
