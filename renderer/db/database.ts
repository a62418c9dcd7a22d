// Local storage of every client (DESIGN.md §5). Every version declaration ever shipped stays
// here, in order; a new version is added below, never edited in place.
import Dexie, { type EntityTable } from 'dexie';
import type { SessionRecord } from '../../shared/session/session';

export interface SettingRecord {
  key: 'language' | 'displayName' | 'participantColor';
  value: string;
}

export class MadangDatabase extends Dexie {
  sessions!: EntityTable<SessionRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = 'madang') {
    super(name);
    // v1 (0.1.0): sessions and settings.
    this.version(1).stores({ sessions: 'id, updatedAt', settings: 'key' });
  }

  async getSetting(key: SettingRecord['key']): Promise<string | undefined> {
    return (await this.settings.get(key))?.value;
  }

  async setSetting(key: SettingRecord['key'], value: string): Promise<void> {
    await this.settings.put({ key, value });
  }
}
