// Local storage of every client (docs/architecture.md, "Storage"). Every version declaration ever shipped stays
// here, in order; a new version is added below, never edited in place.
import Dexie, { type EntityTable } from 'dexie';
import type { SessionRecord } from '../../shared/session/session';
import type { OutboxItem } from '../../shared/outcomes/portal/outbox';
import type { OutcomeRecord } from '../../shared/outcomes/registry';
import type { Participant } from '../../shared/outcomes/participants';
import type { BoardPictureRow, BoardSnapshotRow, BoardUpdateRow } from '../board/persistence/schema';

export interface SettingRecord {
  /** `memberId`: a client-made id of earlier versions, no longer used (the host issues member tokens). */
  key: 'language' | 'displayName' | 'participantColor' | 'memberId' | 'savedAgendas';
  value: string;
}

export interface OutcomeRecordRow {
  sessionId: string;
  id: string;
  version: number;
  record: OutcomeRecord;
}

export interface ParticipantRow {
  sessionId: string;
  id: string;
  participant: Participant;
}

export class MadangDatabase extends Dexie {
  sessions!: EntityTable<SessionRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  /** Yjs updates of every board, batched and compacted (renderer/board/persistence). */
  boardUpdates!: EntityTable<BoardUpdateRow, 'key'>;
  /** Full-state versions of boards (per phase, on demand, before a restore). */
  boardSnapshots!: EntityTable<BoardSnapshotRow, 'id'>;
  /** A plain copy of each board as last stored, drawn while the board itself loads (renderer/board/picture). */
  boardPictures!: EntityTable<BoardPictureRow, 'boardId'>;
  /** Outcome records, every version (renderer/outcomes/storage.ts). */
  outcomeRecords!: Dexie.Table<OutcomeRecordRow, [string, string, number]>;
  /** The roster (pseudonymous; real names are never stored here). */
  rosterParticipants!: Dexie.Table<ParticipantRow, [string, string]>;
  /** Packages waiting for, or answered by, the portal. */
  portalOutbox!: EntityTable<OutboxItem, 'id'>;

  constructor(name = 'madang') {
    super(name);
    // v1 (0.1.0): sessions and settings.
    this.version(1).stores({ sessions: 'id, updatedAt', settings: 'key' });
    // v2 (0.1.0): board persistence. boardUpdates rows are { key (auto), boardId, update: Uint8Array }
    // (one Yjs update each, V1), read per board through the boardId index. boardSnapshots rows are
    // { id (auto), boardId, createdAt, label, kind: 'phase' | 'manual' | 'before-restore',
    // state: Uint8Array (Y.encodeStateAsUpdate) }; the compound index lets the version list read
    // index keys only, never the multi-megabyte states. No data to migrate.
    this.version(2).stores({ boardUpdates: '++key, boardId', boardSnapshots: '++id, boardId, [boardId+createdAt+kind+label]' });
    // v3 (0.1.0): outcomes on the facilitator's machine. outcomeRecords rows are { sessionId, id,
    // version, record } (every version kept); rosterParticipants rows { sessionId, id, participant };
    // portalOutbox rows are OutboxItem (shared/outcomes/portal/outbox.ts). New tables only: nothing to migrate.
    this.version(3).stores({
      outcomeRecords: '[sessionId+id+version], sessionId',
      rosterParticipants: '[sessionId+id], sessionId',
      portalOutbox: 'id, sessionId, status, nextAttemptAt',
    });
    // v4 (0.1.0): boardPictures rows are BoardPictureRow, one per board (primary key boardId),
    // replaced whole on every write. A new table only: nothing to migrate; a board without a
    // picture opens as before.
    this.version(4).stores({ boardPictures: 'boardId' });
  }

  async getSetting(key: SettingRecord['key']): Promise<string | undefined> {
    return (await this.settings.get(key))?.value;
  }

  async setSetting(key: SettingRecord['key'], value: string): Promise<void> {
    await this.settings.put({ key, value });
  }
}
