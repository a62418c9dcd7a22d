// A Node participant for the crowd bench: the app's own sync client and board model, relay only
// (or the room's sync server when the ticket names one), bundled with one copy of Yjs
// (scripts/lib/import-ts.mjs) so the bench script never mixes two.
import * as Y from 'yjs';
import { RoomSync, type RoomSyncOptions } from '../../../shared/sync/roomSync';
import { Board, createNotes } from '../../../shared/board';
import { memberOfToken } from '../../../shared/room/api';

export interface CrowdPeer {
  synced(): boolean;
  notes(): number;
  addNote(text: string, x: number, y: number): void;
  /** Many notes in one transaction (a board that is already full). */
  addNotes(notes: Array<{ text: string; x: number; y: number }>): void;
  destroy(): void;
}

/** `server`: the room's external sync server, from the join ticket (scripts/bench/lib/crowdHocuspocus.mjs). */
export async function openCrowdPeer(options: { roomId: string; joinCode: string; hostOrigin: string; memberToken: string; WebSocket: unknown; server?: RoomSyncOptions['server'] }): Promise<CrowdPeer> {
  const doc = new Y.Doc();
  const sync = await RoomSync.open({ ...options, doc, wrtc: null, WebSocket: options.WebSocket as RoomSyncOptions['WebSocket'] });
  const board = Board.open(doc);
  // As the app does: a participant's board never writes what only the facilitator may.
  board.setActor(memberOfToken(options.memberToken));
  return {
    synced: () => sync.getState().synced,
    notes: () => board.notes().length,
    addNote: (text, x, y) => void createNotes(board, [{ text, x, y, author: 'node' }]),
    addNotes: (notes) => void createNotes(board, notes.map((n) => ({ ...n, author: 'node' }))),
    destroy: () => sync.destroy(),
  };
}
