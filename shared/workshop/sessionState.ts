// Reading and writing one key of the board's session state (shared/board/schema.ts ROOT_SESSION).
// Each facilitation feature owns one key with a zod schema in its own module here. Reading is
// tolerant: a missing or malformed value (a peer running another version, a hostile write the hub
// has not undone yet) reads as the feature's default. Writing is a command: nothing is written
// unless this client may change the session (policy.ts; the hub checks it again).
import type { z } from 'zod';
import type { Board } from '../board/board';
import { mayChangeSession } from '../board/policy';
import { LOCAL, sessionMap } from '../board/schema';
import type * as Y from 'yjs';

export function readSession<S extends z.ZodType>(doc: Y.Doc, key: string, schema: S): z.infer<S> | null {
  const parsed = schema.safeParse(sessionMap(doc).get(key));
  return parsed.success ? (parsed.data as z.infer<S>) : null;
}

/** Writes `value` (undefined: removes the key) in one LOCAL transaction; false when not allowed. */
export function writeSession(board: Board, key: string, value: unknown): boolean {
  if (!mayChangeSession(board.doc, board.actor, key)) return false;
  board.doc.transact(() => {
    if (value === undefined) sessionMap(board.doc).delete(key);
    else sessionMap(board.doc).set(key, value);
  }, LOCAL);
  return true;
}

/** Calls `listener` after any change of the session key (and returns how to stop). */
export function observeSession(doc: Y.Doc, key: string, listener: () => void): () => void {
  const map = sessionMap(doc);
  const handler = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has(key)) listener();
  };
  map.observe(handler);
  return () => map.unobserve(handler);
}
