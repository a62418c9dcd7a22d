// Row shapes of the two board tables (renderer/db/database.ts, version 2). Persistence stores
// opaque Yjs updates: nothing here knows what a note is.

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
