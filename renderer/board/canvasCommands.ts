// What the canvas's toolbar, keys and double-clicks do to the selection: each one a single
// command of shared/board (one undo step), then the selection and the text editor set for what
// comes next. BoardRenderer and the toolbar call these; they read the canvas through CanvasContext.
import type { Board } from '../../shared/board/board';
import {
  addNoteHere, connect, createFrame, deleteRecords, frameAround, groupNotes, moveRecords, recolorNotes, ungroupClusters, type Move,
} from '../../shared/board/commands';
import { duplicateRecords } from '../../shared/board/clipboard';
import { DEFAULT_NOTE_COLOR, isNoteColor, type NoteColor } from '../../shared/board/types';
import { capabilities, hasGeometry, inOutline, isLink, mayHold } from '../../shared/board/records/registry';
import { noteType } from '../../shared/board/records/note';
import { frameType } from '../../shared/board/records/frame';
import { clusterType } from '../../shared/board/records/cluster';
import type { Translate } from '../i18n';
import type { Selection } from './selection';
import type { SceneIndex } from './sceneIndex';
import type { TextOverlay } from './textOverlay';
import { copyToClipboard, pasteFromClipboard } from './boardClipboard';
import { selectOnOpen } from './textEditing';
import { roundRect, type Point, type Rect } from './viewport';

/** What of an undo manager the canvas uses (Y.UndoManager / BoardUndoManager fits). */
export interface UndoLike {
  undo(): unknown;
  redo(): unknown;
  canUndo(): boolean;
  canRedo(): boolean;
  on?(event: 'stack-item-added' | 'stack-item-popped' | 'stack-cleared', fn: () => void): void;
  off?(event: 'stack-item-added' | 'stack-item-popped' | 'stack-cleared', fn: () => void): void;
}

/** The canvas as the commands see it. */
export interface CanvasContext {
  board: Board;
  selection: Selection;
  index: SceneIndex;
  editor: TextOverlay;
  undo: UndoLike | null;
  author: string;
  t: Translate;
  /** Sets the selection without scrolling to it (the canvas just made or picked it). */
  selectHere(ids: string[], focused?: string | null): void;
  revealSelection(): void;
  focusCanvas(): void;
  viewCentre(): Point;
  /** The part of the board on screen. */
  viewRect(): Rect;
  /** Where the pointer is on the board, when it is over the canvas. */
  pointerOverCanvas(): Point | undefined;
  /** False once the canvas is gone. */
  alive(): boolean;
}

export class CanvasCommands {
  /** The colour of notes added here until the user picks another. */
  private noteColor: NoteColor;

  constructor(private readonly c: CanvasContext, noteColor: NoteColor = DEFAULT_NOTE_COLOR) {
    this.noteColor = noteColor;
  }

  /** The selected records still on the canvas. */
  selectedIds(): string[] {
    return [...this.c.selection.get().selected].filter((id) => this.c.index.get(id));
  }

  /** A double-click: a note right there, in the container under it. */
  addNoteAt(world: Point, open = true): string | null {
    return this.placeNote({ at: world }, open);
  }

  /** N, Enter, the toolbar: a note in the middle of the view, or the nearest free spot beside it (freeSpotNear). */
  addNote(): string | null {
    return this.placeNote({ at: this.c.viewCentre(), findFree: true }, true);
  }

  private placeNote(here: { at: Point; findFree?: boolean }, open: boolean): string | null {
    if (this.c.board.readOnly) return null;
    const id = addNoteHere(this.c.board, { ...here, color: this.noteColor, author: this.c.author });
    if (!id) return null;
    this.c.selectHere([id]);
    if (open) this.c.editor.open({ id, kind: noteType.type });
    return id;
  }

  /** A frame around the selection, holding it (one undo step); with nothing selected, a frame in the middle of the view. */
  addFrame(): string | null {
    if (this.c.board.readOnly) return null;
    const title = this.c.t('canvas.newFrame');
    let id = frameAround(this.c.board, this.selectedIds(), { title, author: this.c.author });
    if (!id) {
      const c = this.c.viewCentre();
      const view = this.c.viewRect();
      const w = Math.min(960, view.w * 0.6);
      const h = Math.min(640, view.h * 0.6);
      id = createFrame(this.c.board, { title, author: this.c.author, ...roundRect({ x: c.x - w / 2, y: c.y - h / 2, w, h }) });
    }
    if (!id) return null;
    this.c.selectHere([id]);
    this.c.editor.open({ id, kind: frameType.type }, { select: 'all' });
    return id;
  }

  deleteSelected(): void {
    if (this.c.board.readOnly) return;
    const ids = this.selectedIds();
    if (ids.length === 0) return;
    if (this.c.editor.currentMode === 'editing') this.c.editor.close(false, false);
    deleteRecords(this.c.board, ids);
    this.c.selection.clear();
    this.c.focusCanvas();
  }

  groupSelected(): string | null {
    if (this.c.board.readOnly) return null;
    const notes = this.selectedIds().filter((id) => {
      const v = this.c.index.get(id);
      return !!v && mayHold(clusterType.type, v.kind);
    });
    if (notes.length === 0) return null;
    const id = groupNotes(this.c.board, notes, this.c.t('canvas.newCluster'));
    if (!id) return null;
    this.c.selectHere([id]);
    this.c.editor.open({ id, kind: clusterType.type }, { select: 'all' });
    return id;
  }

  ungroupSelected(): void {
    if (this.c.board.readOnly) return;
    const selected = this.selectedIds();
    // A selected cluster, or the cluster a selected note is in.
    const clusters = new Set<string>();
    for (const id of selected) {
      const parentId = this.c.board.parentOf(id);
      for (const candidate of [id, parentId]) {
        if (candidate && this.c.board.get(candidate)?.type === clusterType.type) {
          clusters.add(candidate);
          break;
        }
      }
    }
    if (clusters.size === 0) return;
    const members = [...clusters].flatMap((c) => this.c.board.children(c).map((r) => r.id));
    ungroupClusters(this.c.board, [...clusters]);
    this.c.selectHere(members);
  }

  connectSelected(): string | null {
    if (this.c.board.readOnly) return null;
    const ids = this.selectedIds().filter((id) => {
      const v = this.c.index.get(id);
      return !!v && capabilities(v.kind).linkable;
    });
    if (ids.length !== 2) return null;
    const focused = this.c.selection.get().focused;
    const [a, b] = focused === ids[0] ? [ids[1]!, ids[0]!] : [ids[0]!, ids[1]!];
    return connect(this.c.board, a, b);
  }

  recolorSelected(color: NoteColor): void {
    this.noteColor = color;
    if (this.c.board.readOnly) return;
    const notes = this.selectedIds().filter((id) => {
      const r = this.c.index.get(id)?.record;
      return !!r && 'color' in r;
    });
    if (notes.length) recolorNotes(this.c.board, notes, color);
  }

  selectedColor(): NoteColor | null {
    const colors = new Set<string>();
    for (const id of this.selectedIds()) {
      const r = this.c.index.get(id)?.record;
      if (r && 'color' in r) colors.add(r.color);
    }
    const only = colors.size === 1 ? [...colors][0] : null;
    return only && isNoteColor(only) ? only : null;
  }

  currentNoteColor(): NoteColor {
    return this.noteColor;
  }

  async copySelected(): Promise<boolean> {
    return copyToClipboard(this.c.board, this.selectedIds());
  }

  async cutSelected(): Promise<void> {
    if (this.c.board.readOnly) return;
    if (await this.copySelected()) this.deleteSelected();
  }

  async paste(): Promise<string[]> {
    if (this.c.board.readOnly) return [];
    const ids = await pasteFromClipboard(this.c.board, {
      at: this.c.pointerOverCanvas(),
      centre: () => this.c.viewCentre(),
      color: this.noteColor,
      author: this.c.author,
      alive: () => this.c.alive(),
    });
    if (ids.length === 0) return [];
    this.c.selectHere(ids.filter((id) => {
      const r = this.c.index.get(id)?.record;
      return !!r && !isLink(r);
    }));
    this.c.revealSelection();
    return ids;
  }

  duplicateSelected(): string[] {
    if (this.c.board.readOnly) return [];
    const ids = this.selectedIds();
    if (ids.length === 0) return [];
    const made = duplicateRecords(this.c.board, ids, { x: 24, y: 24 }) ?? [];
    // Select the copies at the top: not links, and not what sits in a copied container.
    const top = made.filter((id) => {
      const r = this.c.index.get(id)?.record;
      return !!r && inOutline(r) && !made.includes(this.c.board.parentOf(id) ?? '');
    });
    this.c.selectHere(top);
    return made;
  }

  doUndo(): void {
    if (this.c.editor.currentMode === 'editing') this.c.editor.close(true, false);
    this.c.undo?.undo();
    this.forgetGone();
  }

  doRedo(): void {
    if (this.c.editor.currentMode === 'editing') this.c.editor.close(true, false);
    this.c.undo?.redo();
    this.forgetGone();
  }

  selectAll(): void {
    const ids: string[] = [];
    for (const v of this.c.index.views.values()) if (v.kind === 'note') ids.push(v.id);
    this.c.selectHere(ids);
  }

  /** Opens the text editor on the focused selected item (Enter, F2). */
  editSelected(): boolean {
    if (this.c.board.readOnly) return false;
    const ids = this.selectedIds();
    if (ids.length !== 1) return false;
    const view = this.c.index.get(ids[0]!);
    if (!view) return false;
    this.c.editor.open({ id: view.id, kind: view.kind }, { select: selectOnOpen(view.kind) });
    return true;
  }

  nudge(dx: number, dy: number): void {
    if (this.c.board.readOnly) return;
    const moves: Move[] = [];
    for (const id of this.selectedIds()) {
      const r = this.c.index.get(id)?.record;
      if (r && hasGeometry(r)) moves.push({ id, x: r.geometry.x + dx, y: r.geometry.y + dy });
    }
    if (moves.length) moveRecords(this.c.board, moves);
  }

  /** After undo or redo: what is gone leaves the selection. */
  private forgetGone(): void {
    this.c.selection.retain((id) => this.c.index.views.has(id));
  }
}
