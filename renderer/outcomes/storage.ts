// Dexie implementations of the outcome repository and the portal outbox (interfaces in
// shared/outcomes). Both live only on the facilitator's machine and survive restarts.
import type { MadangDatabase } from '../db/database';
import type { OutboxItem, OutboxStore } from '../../shared/outcomes/portal/outbox';
import type { Participant } from '../../shared/outcomes/participants';
import type { OutcomeRecord } from '../../shared/outcomes/registry';
import { latestVersions, type OutcomeRepository } from '../../shared/outcomes/repository';

export class DexieOutcomeRepository implements OutcomeRepository {
  constructor(private readonly db: MadangDatabase) {}

  async list(sessionId: string): Promise<OutcomeRecord[]> {
    const rows = await this.db.outcomeRecords.where('sessionId').equals(sessionId).toArray();
    return latestVersions(rows.map((row) => row.record));
  }

  async history(sessionId: string, id: string): Promise<OutcomeRecord[]> {
    const rows = await this.db.outcomeRecords.where('[sessionId+id+version]').between([sessionId, id, 0], [sessionId, id, Infinity]).toArray();
    return rows.map((row) => row.record).sort((a, b) => a.version - b.version);
  }

  async save(sessionId: string, record: OutcomeRecord): Promise<void> {
    await this.db.outcomeRecords.put({ sessionId, id: record.id, version: record.version, record });
  }

  async roster(sessionId: string): Promise<Participant[]> {
    return (await this.db.rosterParticipants.where('sessionId').equals(sessionId).toArray()).map((row) => row.participant);
  }

  async saveParticipant(sessionId: string, participant: Participant): Promise<void> {
    await this.db.rosterParticipants.put({ sessionId, id: participant.id, participant });
  }
}

export class DexieOutboxStore implements OutboxStore {
  constructor(private readonly db: MadangDatabase) {}

  async put(item: OutboxItem): Promise<void> {
    await this.db.portalOutbox.put(item);
  }

  get(id: string): Promise<OutboxItem | undefined> {
    return this.db.portalOutbox.get(id);
  }

  async list(): Promise<OutboxItem[]> {
    return this.db.portalOutbox.orderBy('id').toArray();
  }
}
