// Row shapes of the board tables (renderer/db/database.ts, versions 2 and 4). Persistence stores
// opaque Yjs updates: nothing here knows what a note is, except the picture, which is a plain
// copy of the records for drawing only.
import type { BoardRecord } from '../../../shared/board';

/** One stored Yjs update (V1 encoding). A board's state is the merge of all its rows. */
export interface BoardUpdateRow {
  /** Auto-increment primary key: rows of one board apply in any order, but compaction deletes by key range. */
  key?: number;
  boardId: string;
  update: Uint8Array;
}

export const SNAPSHOT_KINDS = ['phase', 'manual', 'before-restore'] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** A version of a board: its full encoded state (`Y.encodeStateAsUpdate`), so GC can stay on. */
export interface BoardSnapshotRow {
  /** Auto-increment primary key, so creation order is key order. */
  id?: number;
  boardId: string;
  createdAt: number;
  /** Free text from the facilitator or the phase name; '' when none was given. */
  label: string;
  kind: SnapshotKind;
  state: Uint8Array;
}

/**
 * A plain copy of a board, drawn while its Y.Doc loads (renderer/board/picture). It is true only
 * while the board's stored rows have exactly `rowKeys`: it is never edited, only replaced.
 */
export interface BoardPictureRow {
  boardId: string;
  /** BOARD_SCHEMA_VERSION of the app that wrote `records`: another version's picture is not drawn. */
  schemaVersion: number;
  /** The keys of the boardUpdates rows whose merge the records show, sorted. */
  rowKeys: number[];
  savedAt: number;
  records: BoardRecord[];
  /** Ids of locked records (drawn with a padlock). */
  locked: string[];
}
