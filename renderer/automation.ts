// window.madang: the automation API for e2e tests and benchmarks (README, "Automation API").
// Installed only with ?automation=1 (web) or --automation (Electron). Users never see it.
import type { ConnectionState } from './sync/roomConnection';
import { automationNotes, createNotes, type AutomationNote, type Board } from '../shared/board';
import type { BoardViewHandle } from './board/BoardWorkspace';
import type { RoomInfo } from '../shared/room/api';
import type { RoomLogEntry } from '../shared/sync/protocol';
import { LOCAL, recordsMap } from '../shared/board/schema';
import { workshopAutomation, type WorkshopAutomation } from './workshop/automation';
import type { RoomControls } from './workshop/roomControls';
import { controlsAutomation, type ControlsAutomation } from './workshop/controlsAutomation';
import type { OutcomesAutomation } from './outcomes/automation';

export interface MadangAutomation {
  /** Resolves once start-up is done and the first screen is shown. */
  ready: Promise<void>;
  /** The session on screen, or '' on the home screen. */
  sessionId(): string;
  /** People present in the room (this client included), or [] when no room is connected. */
  peers(): Array<{ name: string; color: string; role: string; self: boolean }>;
  /** Connected to the room's hub and nothing known to be missing either way. */
  synced(): boolean;
  /** How this window reaches its room: 'webrtc', 'relay', 'server' (the room's external sync server), 'connecting', 'offline', or 'local' (no room). */
  transport(): 'webrtc' | 'relay' | 'server' | 'connecting' | 'offline' | 'local';
  /** The board on screen ('' when none). */
  boardId(): string;
  /** Every note of the board on screen. */
  notes(): AutomationNote[];
  /** Adds notes in one transaction (one undo step, one sync message); returns their ids. */
  addNotes(notes: Array<{ text: string; x: number; y: number }>): string[];
  /** Camera control and draw timing, for benchmarks; null until the canvas is mounted. */
  view(): BoardViewHandle | null;
  /** The facilitator's open room (join URL and code); null elsewhere. */
  room(): { joinUrl: string; joinCode: string } | null;
  /** The room's log of changes the hub undid (facilitator's screen; [] elsewhere). */
  roomLog(): RoomLogEntry[];
  /**
   * Deletes records straight from the document, skipping this client's own permission checks, as
   * a modified client would: for tests that the room's hub undoes what it must.
   */
  deleteRecordsUnchecked(ids: string[]): void;
  /**
   * The workshop: its structure (agenda, current step, templates read as records;
   * renderer/workshop/automation.ts) and the facilitator's controls (timer, vote, private mode;
   * renderer/workshop/controlsAutomation.ts).
   */
  workshop: WorkshopAutomation & ControlsAutomation;
  /** The session's outcomes (issue 12) on the facilitator's board screen; null elsewhere. */
  readonly outcomes: OutcomesAutomation | null;
}

declare global {
  interface Window {
    madang?: MadangAutomation;
  }
}

/** What window.madang reads; screens tell it what is on screen. */
export class AutomationSource {
  sessionId = '';
  connection: (() => ConnectionState) | null = null;
  board: Board | null = null;
  view: BoardViewHandle | null = null;
  room: RoomInfo | null = null;
  roomLog: () => RoomLogEntry[] = () => [];
  controls: RoomControls | null = null;
  outcomes: OutcomesAutomation | null = null;

  show(screen: { sessionId: string; connection?: (() => ConnectionState) | null; board?: Board | null; room?: RoomInfo | null; roomLog?: () => RoomLogEntry[]; controls?: RoomControls | null }): void {
    this.sessionId = screen.sessionId;
    this.connection = screen.connection ?? null;
    this.board = screen.board ?? null;
    this.room = screen.room ?? null;
    this.roomLog = screen.roomLog ?? (() => []);
    this.controls = screen.controls ?? null;
    if (!this.board) this.view = null;
  }

  showView(view: BoardViewHandle | null): void {
    this.view = view;
  }

  showOutcomes(outcomes: OutcomesAutomation | null): void {
    this.outcomes = outcomes;
  }
}

export function installAutomation(source: AutomationSource): { markReady(): void } {
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  window.madang = {
    ready,
    sessionId: () => source.sessionId,
    peers: () => (source.connection?.().people ?? []).map(({ name, color, role, self }) => ({ name, color, role, self })),
    synced: () => source.connection?.().synced ?? false,
    transport: () => source.connection?.().transport ?? 'local',
    boardId: () => source.board?.boardId() ?? '',
    notes: () => (source.board ? automationNotes(source.board) : []),
    addNotes: (notes) => {
      const board = source.board;
      if (!board) throw new Error('no board is open');
      return createNotes(board, notes.map((n) => ({ ...n, author: board.author }))) ?? [];
    },
    view: () => source.view,
    room: () => (source.room ? { joinUrl: source.room.joinUrl, joinCode: source.room.joinCode } : null),
    roomLog: () => source.roomLog(),
    deleteRecordsUnchecked: (ids) => {
      const board = source.board;
      if (!board) throw new Error('no board is open');
      const records = recordsMap(board.doc);
      board.doc.transact(() => ids.forEach((id) => records.delete(id)), LOCAL);
    },
    workshop: {
      ...workshopAutomation(() => source.board),
      // ---- the facilitator's controls (issue 11) ----
      ...controlsAutomation(() => source.controls),
    },
    get outcomes() {
      return source.outcomes;
    },
  };
  return { markReady };
}
