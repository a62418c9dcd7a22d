// Follow and presentation (session key `follow`): the facilitator's view for everyone to follow
// ("follow me", updated as they move), one jump ("bring everyone here"), or a frame in the
// spotlight. Following moves the camera only; a participant may stop following on their screen.
import { z } from 'zod';
import type { Board } from '../board/board';
import type * as Y from 'yjs';
import { COORD_MAX } from '../board/types';
import { readSession, writeSession } from './sessionState';

export const FOLLOW_KEY = 'follow';
export const FOLLOW_MODES = ['follow', 'bring', 'spotlight'] as const;
export type FollowMode = (typeof FOLLOW_MODES)[number];

const coord = z.number().finite().min(-COORD_MAX).max(COORD_MAX);
const extent = z.number().finite().min(1).max(COORD_MAX);
export const ViewRectSchema = z.object({ x: coord, y: coord, w: extent, h: extent });
export type ViewRect = z.infer<typeof ViewRectSchema>;

export const FollowSchema = z.object({
  mode: z.enum(FOLLOW_MODES),
  /** Board area to show (the facilitator's view, or the spotlit frame). */
  rect: ViewRectSchema,
  /** The spotlit frame. */
  frameId: z.string().min(1).max(200).nullable(),
  /** Grows with every write, so "bring everyone here" twice to the same place still moves people. */
  seq: z.number().int().nonnegative(),
});
export type Follow = z.infer<typeof FollowSchema>;

export function readFollow(doc: Y.Doc): Follow | null {
  return readSession(doc, FOLLOW_KEY, FollowSchema);
}

function write(board: Board, mode: FollowMode, rect: ViewRect, frameId: string | null): boolean {
  const parsed = ViewRectSchema.safeParse(rect);
  if (!parsed.success) return false;
  const seq = (readFollow(board.doc)?.seq ?? 0) + 1;
  return writeSession(board, FOLLOW_KEY, { mode, rect: parsed.data, frameId, seq } satisfies Follow);
}

/** Everyone follows this view (call again as it moves). */
export function followMe(board: Board, rect: ViewRect): boolean {
  return write(board, 'follow', rect, null);
}

/** Everyone jumps here once, then looks around freely. */
export function bringEveryoneHere(board: Board, rect: ViewRect): boolean {
  return write(board, 'bring', rect, null);
}

/** Everyone looks at this frame. */
export function spotlightFrame(board: Board, frameId: string): boolean {
  const frame = board.get(frameId);
  if (frame?.type !== 'frame') return false;
  return write(board, 'spotlight', frame.geometry, frameId);
}

export function stopFollow(board: Board): boolean {
  return writeSession(board, FOLLOW_KEY, undefined);
}
