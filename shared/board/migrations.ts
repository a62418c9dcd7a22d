// Schema evolution for board docs: additive, named, idempotent steps,
// all run in ONE transaction with origin MIGRATION. Steps only set missing values, computed the
// same way on every peer, so two peers migrating at once converge.
import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION, MIGRATION, docSchemaVersion, metaMap, recordsMap, type YRecord,
} from './schema';
import { DEFAULT_NOTE_COLOR, isNoteColor } from './types';
import { keysAfter } from './keys';
import { RECORD_TYPES } from './records/registry';
import type { RecordTypeDef } from './records/recordType';

export { BOARD_SCHEMA_VERSION };

export interface Migration {
  /** Stable name, never reused. */
  id: string;
  /** The schema version this step brings a doc up to. */
  toVersion: number;
  up(doc: Y.Doc): void;
}

/**
 * Keys that were once written and must never be written again with another meaning: old peers and
 * CRDT history can bring them back. Nothing has been retired yet; add, never remove.
 */
export const RETIRED_KEYS: readonly string[] = [];

export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 0 boards had notes without a colour and records without a z-order key.
    id: 'board.v1.noteColorAndZ',
    toVersion: 1,
    up(doc) {
      const missingZ: Array<{ id: string; y: YRecord; createdAt: number }> = [];
      let top: string | null = null;
      recordsMap(doc).forEach((y, id) => {
        const z: unknown = y.get('z');
        if (typeof z === 'string' && z !== '') {
          if (top === null || z > top) top = z;
        } else {
          const createdAt: unknown = y.get('createdAt');
          missingZ.push({ id, y, createdAt: typeof createdAt === 'number' ? createdAt : 0 });
        }
        if (y.get('type') === 'note' && !isNoteColor(y.get('color'))) y.set('color', DEFAULT_NOTE_COLOR);
        if (typeof y.get('updatedAt') !== 'number' && typeof y.get('createdAt') === 'number') y.set('updatedAt', y.get('createdAt'));
      });
      // Oldest first, above everything that already has a key; the same order on every peer.
      missingZ.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const keys = keysAfter(top, missingZ.length);
      missingZ.forEach((entry, i) => entry.y.set('z', keys[i]));
    },
  },
];

export interface MigrationResult {
  from: number;
  to: number;
  ran: string[];
}

/**
 * No-op on a current or newer doc. Safe to call again: steps only fill what is missing. Version by
 * version, the board's steps run first, then each record type's own steps (records/*.ts) on every
 * record of that type.
 */
export function runMigrations(
  doc: Y.Doc, migrations: readonly Migration[] = MIGRATIONS, types: readonly RecordTypeDef[] = RECORD_TYPES,
): MigrationResult {
  const from = docSchemaVersion(doc);
  if (from >= BOARD_SCHEMA_VERSION) return { from, to: from, ran: [] };
  const ran: string[] = [];
  const versions = [...new Set([...migrations, ...types.flatMap((t) => t.migrations)].map((s) => s.toVersion))]
    .filter((v) => v > from && v <= BOARD_SCHEMA_VERSION)
    .sort((a, b) => a - b);
  doc.transact(() => {
    for (const version of versions) {
      for (const step of migrations) {
        if (step.toVersion !== version) continue;
        step.up(doc);
        ran.push(step.id);
      }
      for (const type of types) {
        for (const step of type.migrations) {
          if (step.toVersion !== version) continue;
          recordsMap(doc).forEach((y) => {
            if (y instanceof Y.Map && y.get('type') === type.type) step.up(y as YRecord);
          });
          ran.push(step.id);
        }
      }
    }
    metaMap(doc).set('schemaVersion', BOARD_SCHEMA_VERSION);
  }, MIGRATION);
  return { from, to: BOARD_SCHEMA_VERSION, ran };
}
