// Restoring a saved version of a board, in a client (its own versions) and in the host's hub (the
// room's versions): the live doc is made equal to the version as NEW changes on top of it, so the
// restore syncs to every peer like any edit and undo can revert it. syncRootMaps touches only what
// differs. Generic over values: nested Y.Maps are synced key by key, Y.Text by a common
// prefix/suffix edit, anything else is compared and, when different, replaced by a copy.
import * as Y from 'yjs';
import { Board } from './board';
import { textDiff } from './commands';
import { BOARD_SCHEMA_VERSION, ROOT_META, ROOT_RECORDS, docSchemaVersion } from './schema';

/**
 * A saved state (a full Yjs update) in a scratch doc of its own, brought up to today's schema, or
 * why it cannot be restored: undecodable ('damaged') or written by a newer app ('newer'). The
 * caller destroys the doc.
 */
export function readSavedBoard(saved: Uint8Array): { ok: true; doc: Y.Doc } | { ok: false; reason: 'damaged' | 'newer'; cause?: unknown } {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, saved);
  } catch (cause) {
    scratch.destroy();
    return { ok: false, reason: 'damaged', cause };
  }
  const version = Board.open(scratch);
  const newer = version.readOnly;
  version.dispose();
  if (newer) {
    scratch.destroy();
    return { ok: false, reason: 'newer' };
  }
  return { ok: true, doc: scratch };
}

/** True when the live board says a newer app wrote it (a client alone then refuses to restore). */
export function isNewerThanApp(live: Y.Doc): boolean {
  return docSchemaVersion(live) > BOARD_SCHEMA_VERSION;
}

/**
 * Makes `live` equal to `saved` (from readSavedBoard) in ONE transaction with `origin`: records
 * and meta both, so a damaged meta (say schemaVersion 999) comes back too.
 */
export function restoreBoardState(live: Y.Doc, saved: Y.Doc, origin: unknown, roots: readonly string[] = [ROOT_RECORDS, ROOT_META]): void {
  live.transact(() => syncRootMaps(live, saved, roots), origin);
}

export function syncRootMaps(live: Y.Doc, source: Y.Doc, roots: readonly string[]): void {
  for (const name of roots) syncMap(live.getMap<unknown>(name), source.getMap<unknown>(name));
}

export function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  for (const [key, value] of source.entries()) syncEntry(target, key, target.get(key), value);
}

function syncEntry(parent: Y.Map<unknown>, key: string, current: unknown, wanted: unknown): void {
  if (wanted instanceof Y.Map && current instanceof Y.Map) return syncMap(current as Y.Map<unknown>, wanted as Y.Map<unknown>);
  if (wanted instanceof Y.Text && current instanceof Y.Text && wanted.constructor === current.constructor) return syncText(current, wanted);
  if (wanted instanceof Y.AbstractType) {
    if (current instanceof Y.AbstractType && current.constructor === wanted.constructor && sameValue(current.toJSON(), wanted.toJSON())) return;
    parent.set(key, wanted.clone());
    return;
  }
  if (current instanceof Y.AbstractType || !sameValue(current, wanted)) parent.set(key, wanted);
}

/** Replaces only the changed middle of the text, so a concurrent edit elsewhere in it survives. */
export function syncText(target: Y.Text, source: Y.Text): void {
  const want = source.toDelta() as Array<{ insert: unknown; attributes?: unknown }>;
  const have = target.toDelta() as Array<{ insert: unknown; attributes?: unknown }>;
  if (sameValue(have, want)) return;
  const plain = (delta: typeof want) => delta.every((op) => typeof op.insert === 'string' && op.attributes === undefined);
  if (plain(want) && plain(have)) {
    const diff = textDiff(target.toString(), source.toString());
    if (diff?.remove) target.delete(diff.index, diff.remove);
    if (diff?.insert) target.insert(diff.index, diff.insert);
    return;
  }
  // Formatting or embeds: rewrite the whole text.
  target.delete(0, target.length);
  target.applyDelta(want.map((op) => (op.insert instanceof Y.AbstractType ? { ...op, insert: op.insert.clone() } : op)));
}

/** Structural equality of the values Yjs stores (JSON values and Uint8Array). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return Number.isNaN(a) && Number.isNaN(b);
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
