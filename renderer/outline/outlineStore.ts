// Bridges board.observe to React with the narrowest re-render: a text or colour edit notifies only
// that item's subscribers; structure (the tree snapshot) is rebuilt only when a change can alter it.
// Remote additions and removals are turned into RemoteChange events for the announcer.
import { hasLongText, isLink, labelOf, type Board, type BoardChange, type BoardRecord } from '../../shared/board';
import { changesStructure, snapshotTree, type TreeSnapshot } from './tree';
import { shorten, type RemoteChange } from './announce';

type Listener = () => void;

export class OutlineStore {
  private snapshot: TreeSnapshot;
  private readonly structureListeners = new Set<Listener>();
  private readonly recordListeners = new Map<string, Set<Listener>>();
  private readonly remoteListeners = new Set<(changes: RemoteChange[]) => void>();
  /** Last seen version of every record, to name what a peer removed. */
  private readonly seen = new Map<string, BoardRecord>();
  private unobserve: (() => void) | null = null;

  constructor(readonly board: Board) {
    this.snapshot = snapshotTree(board);
  }

  /** Starts listening to the board (idempotent); returns the stop function. */
  start(): () => void {
    if (!this.unobserve) {
      for (const record of this.board.all()) this.seen.set(record.id, record);
      this.unobserve = this.board.observe((change) => this.handle(change));
      // Anything that happened between construction and start.
      this.refresh();
    }
    return () => {
      this.unobserve?.();
      this.unobserve = null;
      this.seen.clear();
    };
  }

  getSnapshot = (): TreeSnapshot => this.snapshot;

  subscribeStructure = (listener: Listener): (() => void) => {
    this.structureListeners.add(listener);
    return () => this.structureListeners.delete(listener);
  };

  subscribeRecord(id: string, listener: Listener): () => void {
    let set = this.recordListeners.get(id);
    if (!set) this.recordListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.recordListeners.delete(id);
    };
  }

  subscribeRemote(listener: (changes: RemoteChange[]) => void): () => void {
    this.remoteListeners.add(listener);
    return () => this.remoteListeners.delete(listener);
  }

  /** Recomputes the structure and tells everyone (used after start and by tests). */
  refresh(): void {
    this.snapshot = snapshotTree(this.board);
    for (const listener of [...this.structureListeners]) listener();
  }

  private handle(change: BoardChange): void {
    const remote = change.local ? null : this.describeRemote(change);
    for (const id of change.removed) this.seen.delete(id);
    for (const id of [...change.added, ...change.updated]) {
      const record = this.board.get(id);
      if (record) this.seen.set(id, record);
    }
    if (changesStructure(this.board, this.snapshot, change)) this.refresh();
    for (const id of change.updated) {
      const set = this.recordListeners.get(id);
      if (set) for (const listener of [...set]) listener();
    }
    if (remote && remote.length > 0) for (const listener of [...this.remoteListeners]) listener(remote);
  }

  /** Names of added and removed records, read before `seen` forgets the removed ones. */
  private describeRemote(change: BoardChange): RemoteChange[] {
    const out: RemoteChange[] = [];
    const nameOf = (id: string): string => {
      const r = this.board.get(id) ?? this.seen.get(id);
      return r ? shorten(textOf(r), 40) : '';
    };
    const describe = (record: BoardRecord | undefined, kind: RemoteChange['change']) => {
      if (!record) return;
      const text = isLink(record) ? `${nameOf(record.from)} → ${nameOf(record.to)}` : shorten(textOf(record));
      // Who wrote it is announced for long text (a note), not for a frame or a label.
      out.push({ id: record.id, change: kind, kind: record.type, author: hasLongText(record.type) ? record.author : '', text });
    };
    for (const id of change.added) describe(this.board.get(id), 'added');
    for (const id of change.removed) describe(this.seen.get(id), 'removed');
    return out;
  }
}

/** The record's words (note text, frame title, label), as its type keeps them. */
export function textOf(record: BoardRecord): string {
  return labelOf(record);
}
