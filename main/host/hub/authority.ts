// The room's rules, enforced where the board lives. Every change a link sends is applied, then
// checked (shared/board/policy.ts); one that breaks a rule is undone at once by the hub, in the
// same turn of the event loop, so the merged message every other participant receives carries
// no net change and the sender gets the undo. Records made by a link are marked as its member's.
import * as Y from 'yjs';
import { addedRecordIds, checkTransaction, type Actor, type Refusal } from '../../../shared/board/policy';
import { BOARD_ROOTS, ownersMap } from '../../../shared/board/schema';

/** Origin of the hub's own writes (owners of new records). */
export const HUB_ORIGIN = 'hub';

export class RoomAuthority {
  private readonly undo: Y.UndoManager;
  private readonly actors = new Map<unknown, Actor>();
  /** For origins made per message (an external server's): who a change of that origin is. */
  private readonly resolvers: Array<(origin: unknown) => Actor | null> = [];
  /** The refused transaction being undone, released once the undo has run. */
  private refused: Y.Transaction | null = null;
  private readonly onTransaction = (txn: Y.Transaction) => this.check(txn);

  constructor(
    private readonly doc: Y.Doc,
    private readonly onRefused: (origin: unknown, refusal: Refusal) => void,
  ) {
    // The board's roots exist as their types before any update arrives: a root an update creates
    // first is a placeholder that Yjs swaps for the Y.Map later, which the checks would not recognise.
    for (const root of BOARD_ROOTS) doc.getMap(root);
    // Registered before our handler, so the change is on its stack when we look at it.
    this.undo = new Y.UndoManager(doc, { captureTimeout: 0, trackedOrigins: new Set() });
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Changes arriving with this origin are `actor`'s. */
  track(origin: unknown, actor: Actor): void {
    this.actors.set(origin, actor);
    this.undo.trackedOrigins.add(origin);
  }

  /**
   * Changes whose origin is an instance of `originClass` are `actorOf(origin)`'s, when it names
   * one: for a server (Hocuspocus) whose transaction origins are a new object per message.
   */
  trackBy(originClass: abstract new (...args: never[]) => unknown, actorOf: (origin: unknown) => Actor | null): void {
    this.resolvers.push(actorOf);
    this.undo.trackedOrigins.add(originClass);
  }

  untrack(origin: unknown): void {
    this.actors.delete(origin);
    this.undo.trackedOrigins.delete(origin);
  }

  private resolve(origin: unknown): Actor | null {
    if (origin === null || typeof origin !== 'object') return null;
    for (const actorOf of this.resolvers) {
      const actor = actorOf(origin);
      if (actor) return actor;
    }
    return null;
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.undo.destroy();
    this.actors.clear();
  }

  private check(txn: Y.Transaction): void {
    if (txn.origin === this.undo) {
      this.undo.clear();
      if (this.refused) releaseDeleted(this.refused);
      this.refused = null;
      return;
    }
    const actor = this.actors.get(txn.origin) ?? this.resolve(txn.origin);
    if (!actor) {
      // Tracked by its class but nobody's (the server's own writes): nothing to keep for undo.
      if (this.resolvers.length > 0) this.undo.clear();
      return;
    }
    const refusal = checkTransaction(txn, actor);
    if (refusal) {
      this.refused = txn;
      // Runs as its own transaction right after this one (Yjs queues it during cleanup).
      this.undo.undo();
      this.onRefused(txn.origin, refusal);
      return;
    }
    // Kept: nothing to undo, and deleted content may be garbage-collected as usual.
    this.undo.clear();
    // A record without an owner is the facilitator's to delete (policy.ts), so the facilitator's
    // records need no entry: a board of thousands brought into the room costs nothing more here.
    if (actor.role === 'facilitator') return;
    const added = addedRecordIds(txn);
    if (added.length === 0) return;
    const owners = ownersMap(this.doc);
    this.doc.transact(() => {
      for (const id of added) owners.set(id, actor.memberId);
    }, HUB_ORIGIN);
  }
}

/**
 * The undo manager keeps what a tracked change deleted (so it can bring it back). The undo has
 * brought back copies; the originals may now be collected like any deleted content.
 */
function releaseDeleted(txn: Y.Transaction): void {
  Y.iterateDeletedStructs(txn, txn.deleteSet, (struct) => {
    let item: Y.Item | null = struct instanceof Y.Item ? struct : null;
    while (item !== null && item.keep) {
      item.keep = false;
      const parent = item.parent;
      item = parent instanceof Y.AbstractType ? parent._item : null;
    }
  });
  Y.tryGc(txn.deleteSet, txn.doc.store, txn.doc.gcFilter);
}
