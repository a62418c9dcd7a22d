// Where outcome records and the roster live: on the facilitator's machine, keyed by session, never
// in the shared board document (participants' devices must not hold them). Every version of a
// record is kept; `list` gives the latest. Identities are a separate store (see IdentityStore).
import type { Identity, Participant } from './participants';
import type { OutcomeRecord } from './registry';

export interface OutcomeRepository {
  /** The latest version of every record of the session, in creation order. */
  list(sessionId: string): Promise<OutcomeRecord[]>;
  /** Every stored version of one record, oldest first. */
  history(sessionId: string, id: string): Promise<OutcomeRecord[]>;
  /** Stores a record version (the same id and version replaces it: a draft edited in place). */
  save(sessionId: string, record: OutcomeRecord): Promise<void>;
  roster(sessionId: string): Promise<Participant[]>;
  saveParticipant(sessionId: string, participant: Participant): Promise<void>;
}

/**
 * Real names and contacts. In Electron: encrypted at rest through the OS keychain (safeStorage,
 * behind IPC); in the browser build: none (`identities` returns [] and `save` refuses).
 */
export interface IdentityStore {
  identities(sessionId: string): Promise<Identity[]>;
  save(sessionId: string, identity: Identity): Promise<boolean>;
}

export function latestVersions(rows: readonly OutcomeRecord[]): OutcomeRecord[] {
  const latest = new Map<string, OutcomeRecord>();
  for (const row of rows) {
    const seen = latest.get(row.id);
    if (!seen || row.version > seen.version) latest.set(row.id, row);
  }
  return [...latest.values()].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1));
}

export class MemoryOutcomeRepository implements OutcomeRepository {
  private readonly records = new Map<string, OutcomeRecord>();
  private readonly people = new Map<string, Participant>();

  async list(sessionId: string): Promise<OutcomeRecord[]> {
    return latestVersions(this.rows(this.records, sessionId));
  }
  async history(sessionId: string, id: string): Promise<OutcomeRecord[]> {
    return this.rows(this.records, sessionId).filter((r) => r.id === id).sort((a, b) => a.version - b.version);
  }
  async save(sessionId: string, record: OutcomeRecord): Promise<void> {
    this.records.set(`${sessionId}\u0000${record.id}\u0000${record.version}`, structuredClone(record));
  }
  async roster(sessionId: string): Promise<Participant[]> {
    return this.rows(this.people, sessionId);
  }
  async saveParticipant(sessionId: string, participant: Participant): Promise<void> {
    this.people.set(`${sessionId}\u0000${participant.id}`, structuredClone(participant));
  }
  private rows<T>(map: Map<string, T>, sessionId: string): T[] {
    return rowsOf(map, sessionId);
  }
}

function rowsOf<T>(map: Map<string, T>, sessionId: string): T[] {
  return [...map].filter(([key]) => key.startsWith(`${sessionId}\u0000`)).map(([, value]) => structuredClone(value));
}

/** Identities kept in memory only (tests; a browser session that must not store them). */
export class MemoryIdentityStore implements IdentityStore {
  private readonly names = new Map<string, Identity>();
  async identities(sessionId: string): Promise<Identity[]> {
    return rowsOf(this.names, sessionId);
  }
  async save(sessionId: string, identity: Identity): Promise<boolean> {
    this.names.set(`${sessionId}\u0000${identity.participant_id}`, structuredClone(identity));
    return true;
  }
}

/** The browser build's identity store: real names and contacts are not stored at all. */
export const NO_IDENTITIES: IdentityStore = {
  identities: async () => [],
  save: async () => false,
};
