// Board: the read side of one board Y.Doc. Plain snapshots are cached per record and dropped
// only when that record changes, so a keystroke in one note of 5,000 re-reads one record.
import * as Y from 'yjs';
import {
  BOARD_SCHEMA_VERSION, LOCAL, docSchemaVersion, locksMap, metaMap, recordsMap, sessionMap, type YRecord,
} from './schema';
import { compareZ, type BoardChange, type BoardRecord, type NoteRecord } from './types';
import { inOutline, parentRefs, readRecord, recordType, refOf } from './records/registry';
import { runMigrations } from './migrations';
import { isViewOnly, mayDelete, mayEdit, onlyLooks, roomRole, type Actor, type RoomRole } from './policy';

type Listener = (change: BoardChange) => void;

export class Board {
  readonly doc: Y.Doc;
  /** Pseudonym stamped on records made by commands that take no explicit author (group, connect, paste…). */
  author = '';
  /** Who this client is in a room; null off a room: everything is allowed. */
  actor: Actor | null = null;
  private readonly records: Y.Map<YRecord>;
  private readonly cache = new Map<string, BoardRecord | null>();
  private sorted: BoardRecord[] | null = null;
  private childIndex: Map<string | null, BoardRecord[]> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly onDeep: (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, txn: Y.Transaction) => void;

  private constructor(doc: Y.Doc) {
    this.doc = doc;
    this.records = recordsMap(doc);
    this.onDeep = (events, txn) => this.handle(events, txn);
    this.records.observeDeep(this.onDeep);
  }

  /** Sets meta on a fresh doc (one LOCAL transaction); on a doc that already has a board, same as open. */
  static create(doc: Y.Doc, init: { boardId: string; title?: string }): Board {
    const meta = metaMap(doc);
    if (!meta.has('boardId')) {
      doc.transact(() => {
        meta.set('boardId', init.boardId);
        meta.set('title', init.title ?? '');
        // Records without a version must still go through migrations (open does that).
        if (recordsMap(doc).size === 0) meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
      }, LOCAL);
    }
    return Board.open(doc);
  }

  /** Brings an older board up to date (origin MIGRATION); a newer one opens read-only. */
  static open(doc: Y.Doc): Board {
    const version = docSchemaVersion(doc);
    const empty = metaMap(doc).size === 0 && recordsMap(doc).size === 0;
    // An empty doc is usually one still waiting for its first sync: write nothing yet.
    if (!empty && version < BOARD_SCHEMA_VERSION) runMigrations(doc);
    return new Board(doc);
  }

  /** Live: a peer running a newer app can raise the version, or the facilitator make the room view-only. */
  get readOnly(): boolean {
    return this.readOnlyReason !== undefined;
  }

  get readOnlyReason(): 'newerSchema' | 'viewOnly' | 'observer' | undefined {
    if (docSchemaVersion(this.doc) > BOARD_SCHEMA_VERSION) return 'newerSchema';
    const role = roomRole(this.doc, this.actor);
    if (onlyLooks(role)) return 'observer';
    if (role === 'participant' && isViewOnly(this.doc)) return 'viewOnly';
    return undefined;
  }

  /** What this client may do in the room, as the facilitator set it (policy.ts). */
  role(): RoomRole {
    return roomRole(this.doc, this.actor);
  }

  /** The room connection says who we are (the host's member token), or null when we leave the room. */
  setActor(actor: Actor | null): void {
    this.actor = actor;
  }

  /** Whether this client may change the record (not locked, room not view-only); the hub has the last word. */
  mayEdit(id: string): boolean {
    return mayEdit(this.doc, this.actor, id);
  }

  /** Whether this client may delete the record (participants: only their own, unlocked). */
  mayDelete(id: string): boolean {
    return mayDelete(this.doc, this.actor, id);
  }

  boardId(): string {
    const v = metaMap(this.doc).get('boardId');
    return typeof v === 'string' ? v : '';
  }

  title(): string {
    const v = metaMap(this.doc).get('title');
    return typeof v === 'string' ? v : '';
  }

  get(id: string): BoardRecord | undefined {
    let record = this.cache.get(id);
    if (record === undefined) {
      const y: unknown = this.records.get(id);
      record = y instanceof Y.Map ? readRecord(id, y as YRecord) : null;
      this.cache.set(id, record);
    }
    return record ?? undefined;
  }

  all(): BoardRecord[] {
    return this.sortedRecords().slice();
  }

  notes(): NoteRecord[] {
    return this.sortedRecords().filter((r): r is NoteRecord => r.type === 'note');
  }

  /**
   * Outline parent: the nearest container the record's type may sit in that exists (a note's
   * cluster, else its frame; a cluster's frame); null for the top level; undefined for what the
   * outline does not list (connectors). Dangling refs fall through.
   */
  parentOf(id: string): string | null | undefined {
    return parentIn((recordId) => this.get(recordId), id);
  }

  children(parentId: string | null): BoardRecord[] {
    if (!this.childIndex) {
      const index = new Map<string | null, BoardRecord[]>();
      for (const r of this.sortedRecords()) {
        const parent = this.parentOf(r.id);
        if (parent === undefined) continue;
        const list = index.get(parent);
        if (list) list.push(r);
        else index.set(parent, [r]);
      }
      this.childIndex = index;
    }
    return (this.childIndex.get(parentId) ?? []).slice();
  }

  /** The Y.Text of a record with long text (a note), which two people can type in at once. */
  textOf(noteId: string): Y.Text | undefined {
    const y: unknown = this.records.get(noteId);
    if (!(y instanceof Y.Map) || !recordType(y.get('type'))?.capabilities.longText) return undefined;
    const text: unknown = y.get('text');
    return text instanceof Y.Text ? text : undefined;
  }

  /** Board metadata, locks or roles changed: what this client may do (readOnly, mayEdit) may have changed. */
  observeRules(listener: () => void): () => void {
    const maps = [metaMap(this.doc), locksMap(this.doc), sessionMap(this.doc)];
    const handler = () => listener();
    for (const map of maps) map.observe(handler);
    return () => {
      for (const map of maps) map.unobserve(handler);
    };
  }

  observe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.records.unobserveDeep(this.onDeep);
    this.listeners.clear();
  }

  private sortedRecords(): BoardRecord[] {
    if (!this.sorted) {
      const list: BoardRecord[] = [];
      for (const id of this.records.keys()) {
        const r = this.get(id);
        if (r) list.push(r);
      }
      this.sorted = list.sort(compareZ);
    }
    return this.sorted;
  }

  private handle(events: Array<Y.YEvent<Y.AbstractType<unknown>>>, txn: Y.Transaction): void {
    const added = new Set<string>();
    const updated = new Set<string>();
    const removed = new Set<string>();
    for (const event of events) {
      if (event.target === this.records) {
        for (const [key, change] of event.changes.keys) {
          if (change.action === 'add') added.add(key);
          else if (change.action === 'delete') removed.add(key);
          else updated.add(key); // the whole record was replaced under the same id
        }
      } else {
        const id = event.path[0];
        if (typeof id === 'string') updated.add(id);
      }
    }
    for (const id of added) updated.delete(id);
    for (const id of removed) updated.delete(id);
    if (added.size + updated.size + removed.size === 0) return;
    for (const set of [added, updated, removed]) for (const id of set) this.cache.delete(id);
    this.sorted = null;
    this.childIndex = null;
    const change: BoardChange = { added: [...added], updated: [...updated], removed: [...removed], local: txn.local, origin: txn.origin };
    let failure: unknown = null;
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        failure ??= error; // one broken view must not starve the others
      }
    }
    if (failure !== null) throw failure;
  }
}

/** The outline parent of `id` among the records `get` reads (the board's, or a Draft's planned ones). */
export function parentIn(get: (id: string) => BoardRecord | undefined, id: string): string | null | undefined {
  const r = get(id);
  if (!r || !inOutline(r)) return undefined;
  for (const { field, type } of parentRefs(r.type)) {
    const parentId = refOf(r, field);
    if (parentId && get(parentId)?.type === type) return parentId;
  }
  return null;
}
