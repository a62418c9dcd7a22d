// A command's view of the board while it plans its writes: the records as they will be once the
// writes planned so far are made. An intent of several steps (move, then join the container it was
// dropped in; make a frame, then put the selection in it) plans every step on one Draft and writes
// once: one transaction, one undo step, and no step reads a snapshot the step before made stale.
import type { Board } from './board';
import { compareZ, type BoardRecord } from './types';
import { parentIn } from './board';
import { deleteWithConnectors, insertRecord, local, update, type Fields } from './write';
import { recordsMap } from './schema';

function merge(record: BoardRecord, fields: Fields): BoardRecord {
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as unknown as BoardRecord;
}

export class Draft {
  private readonly writes = new Map<string, Fields>();
  private readonly added = new Map<string, BoardRecord>();
  private readonly removed = new Set<string>();

  constructor(readonly board: Board) {}

  get(id: string): BoardRecord | undefined {
    const added = this.added.get(id);
    if (added) return added;
    const record = this.board.get(id);
    const fields = this.writes.get(id);
    return record && fields ? merge(record, fields) : record;
  }

  /** A new record, written whole on commit. */
  insert(record: BoardRecord): void {
    this.added.set(record.id, record);
  }

  /** Fields to change on a record; undefined deletes one. */
  set(id: string, fields: Fields): void {
    const added = this.added.get(id);
    if (added) this.added.set(id, merge(added, fields));
    else if (this.board.get(id)) this.writes.set(id, { ...this.writes.get(id), ...fields });
  }

  /** Deletes records on commit (with the connectors attached to them); reads still see them. */
  remove(id: string): void {
    this.removed.add(id);
  }

  get empty(): boolean {
    return this.writes.size === 0 && this.added.size === 0 && this.removed.size === 0;
  }

  /** Every record in stacking order, as planned. */
  all(): BoardRecord[] {
    if (this.writes.size === 0 && this.added.size === 0) return this.board.all();
    const out = this.board.all().map((r) => (this.writes.has(r.id) ? (this.get(r.id) as BoardRecord) : r));
    return [...out, ...this.added.values()].sort(compareZ);
  }

  /** As Board.parentOf, on the planned records. */
  parentOf(id: string): string | null | undefined {
    if (this.writes.size === 0 && this.added.size === 0) return this.board.parentOf(id);
    return parentIn((recordId) => this.get(recordId), id);
  }

  /** As Board.children, on the planned records: the board's (cached) children, corrected by what was planned. */
  children(parentId: string | null): BoardRecord[] {
    if (this.writes.size === 0 && this.added.size === 0) return this.board.children(parentId);
    const out = new Map<string, BoardRecord>();
    for (const r of this.board.children(parentId)) if (!this.writes.has(r.id)) out.set(r.id, r);
    for (const id of [...this.writes.keys(), ...this.added.keys()]) {
      const r = this.get(id);
      if (r && this.parentOf(id) === parentId) out.set(id, r);
    }
    return [...out.values()].sort(compareZ);
  }

  /** Makes the planned writes as one LOCAL transaction (one undo step); nothing planned writes nothing. */
  commit(now: number): boolean {
    if (this.empty) return false;
    const records = recordsMap(this.board.doc);
    local(this.board, () => {
      for (const record of this.added.values()) insertRecord(records, record);
      this.writes.forEach((fields, id) => update(this.board, id, fields, now));
      if (this.removed.size > 0) deleteWithConnectors(this.board, this.removed);
    });
    return true;
  }
}
