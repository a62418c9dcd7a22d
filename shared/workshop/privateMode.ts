// Private mode (session key `private`): while it is on, the notes a participant writes go to the
// host only (POST private-notes, main/host/workshop) and stay on their author's screen; when the
// facilitator ends the round the hub puts them on the board, with or without their authors.
import { z } from 'zod';
import type { Board } from '../board/board';
import { NOTE_COLOR_NAMES, COORD_MAX } from '../board/types';
import type * as Y from 'yjs';
import { randomId } from '../util/randomId';
import { readSession, writeSession } from './sessionState';
import { SESSION_PRIVATE_KEY } from '../board/policy';

/** The policy (shared/board/policy.ts) keeps participants' notes off the board while it is on. */
export const PRIVATE_KEY = SESSION_PRIVATE_KEY;
/** Private notes one person may write in one round, and all of a room's in one round. */
export const PRIVATE_LIMITS = { perMember: 100, perRoom: 3000 } as const;
/** Characters in one private note (a note on the board may hold more; these are held at the host). */
export const PRIVATE_TEXT_MAX = 2000;

export const PrivateModeSchema = z.object({
  on: z.boolean(),
  /** A new id each time it is switched on: the notes of a round are revealed together. */
  round: z.string().regex(/^[0-9a-f]{8,64}$/),
  /** Whether the revealed notes keep their authors' names. */
  anonymous: z.boolean(),
});
export type PrivateMode = z.infer<typeof PrivateModeSchema>;

const coord = z.number().finite().min(-COORD_MAX).max(COORD_MAX);
/** What a participant sends: one note of theirs for the current round. */
export const PrivateNoteInputSchema = z.object({
  round: PrivateModeSchema.shape.round,
  text: z.string().max(PRIVATE_TEXT_MAX),
  x: coord,
  y: coord,
  color: z.enum(NOTE_COLOR_NAMES).optional(),
  /** The author's display name, stamped on the note unless the round is anonymous. */
  author: z.string().max(80),
});
export type PrivateNoteInput = z.infer<typeof PrivateNoteInputSchema>;
/** A private note as its author reads it back (a reload keeps them on their screen). */
export const PrivateNoteSchema = PrivateNoteInputSchema.omit({ round: true }).extend({ id: z.string().regex(/^[0-9a-f]{8,64}$/) });
export type PrivateNote = z.infer<typeof PrivateNoteSchema>;
export const PrivateNotesResponseSchema = z.object({ round: z.string().nullable(), notes: z.array(PrivateNoteSchema) });

export function readPrivateMode(doc: Y.Doc): PrivateMode | null {
  return readSession(doc, PRIVATE_KEY, PrivateModeSchema);
}

/** On: a new private round. Off: the round ends and the hub reveals its notes. */
export function setPrivateMode(board: Board, on: boolean, options: { anonymous?: boolean } = {}): boolean {
  const current = readPrivateMode(board.doc);
  if (!on) return current?.on ? writeSession(board, PRIVATE_KEY, { ...current, on: false } satisfies PrivateMode) : false;
  if (current?.on) return false;
  return writeSession(board, PRIVATE_KEY, { on: true, round: randomId(8), anonymous: options.anonymous ?? false } satisfies PrivateMode);
}
