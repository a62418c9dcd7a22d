// The board canvas, imperative Konva. Three layers, and a fourth in a room:
//   content — one custom shape that draws the visible records (grid-culled, LOD), not listening;
//   drag    — what is being moved or resized right now, the marquee and the connector being drawn;
//   ui      — selection outlines, the Transformer and the connection handle (the only listening nodes);
//   presence — other people's cursors, selections and drags, when a room is attached (attachPresence).
// Hit-testing is geometry (SceneIndex's spatial grid), not thousands of listening nodes. Board
// change events update the index record by record; every redraw is one batchDraw per frame.
import { isLocked } from '../../shared/board/policy';
import { locksMap } from '../../shared/board/schema';
import Konva from 'konva/lib/Core';
import { Rect as KonvaRect } from 'konva/lib/shapes/Rect';
import { Circle } from 'konva/lib/shapes/Circle';
import { Transformer } from 'konva/lib/shapes/Transformer';
import type { Context } from 'konva/lib/Context';
import type * as Y from 'yjs';
import type { Board } from '../../shared/board/board';
import {
  connect, createFrame, createNote, deleteRecords, editText, groupNotes, moveRecords, recolorNotes, relabel, renameFrame,
  resizeRecord, setParent, ungroup, FRAME_TITLE_SPACE, type Move,
} from '../../shared/board/commands';
import { copyRecords, duplicateRecords, pasteRecords, parseClipboard } from '../../shared/board/clipboard';
import { DEFAULT_NOTE_COLOR, NOTE_SIZE, isNoteColor, type BoardChange, type NoteColor } from '../../shared/board/types';
import { hasGeometry } from '../../shared/board/records/registry';
import type { Selection } from './selection';
import { SceneIndex, type Hit, type ItemView, type VisibleSet } from './sceneIndex';
import { chooseLod, type Lod } from './lod';
import { THEME, drawScene, noteFill, noteTextBox, arrowHead } from './draw';
import { GlyphLoader, canvasWidthOf } from './fonts';
import { NOTE_TEXT, fitText, type TextLayout, type WidthOf } from './textLayout';
import { TextOverlay, type EditTarget, type OverlayLayout } from './textOverlay';
import { isImeKey, type DeltaOp } from './ime';
import { readClipboard, writeClipboard } from './clipboard';
import {
  fitRect, panBy, rectFromPoints, screenToWorld, visibleWorldRect, wheelZoomFactor, zoomAt, containsPoint,
  type Point, type Rect, type Viewport,
} from './viewport';
import type { BoardViewHandle, BoardViewStats } from './view';
import type { Translate } from '../i18n';
import { BoardPresence } from './presence/BoardPresence';
import { TextLimitHint } from './textLimit';
import type { PresenceChannel } from './presence/presenceChannel';

/** What the canvas needs of an undo manager (Y.UndoManager / BoardUndoManager fits). */
export interface UndoLike {
  undo(): unknown;
  redo(): unknown;
  canUndo(): boolean;
  canRedo(): boolean;
  captureTimeout?: number;
  on?(event: 'stack-item-added' | 'stack-item-popped' | 'stack-cleared', fn: () => void): void;
  off?(event: 'stack-item-added' | 'stack-item-popped' | 'stack-cleared', fn: () => void): void;
}

export interface BoardRendererOptions {
  /** Stage container (focusable, receives pointer and key events). */
  host: HTMLDivElement;
  /** Positioned parent of the text overlay (same origin as host). */
  overlayParent: HTMLElement;
  board: Board;
  selection: Selection;
  undo: UndoLike | null;
  author: string;
  /** The colour of notes added here until the user picks another (a participant's own colour). */
  noteColor?: NoteColor;
  t: Translate;
  onViewportChange?(vp: Viewport): void;
}

type Gesture =
  | { kind: 'pan'; pointerId: number; last: Point; moved: boolean; clickClears: boolean }
  | { kind: 'press'; pointerId: number; start: Point; hit: Hit; wasSelected: boolean; shift: boolean }
  | { kind: 'move'; pointerId: number; start: Point; explicit: string[] }
  | { kind: 'marquee'; pointerId: number; start: Point; current: Point; base: Set<string> }
  | { kind: 'connect'; pointerId: number; from: string; current: Point; target: string | null }
  | { kind: 'pinch'; distance: number; mid: Point };

interface Live {
  /** Records drawn on the drag layer instead of the content layer. */
  ids: Set<string>;
  dx: number;
  dy: number;
  resize: { id: string; rect: Rect } | null;
}

const DRAG_THRESHOLD = 4;
const HIT_SLOP_PX = 6;
const MIN_SIZE = 40;
const ZOOM_STEP = 1.25;

export class BoardRenderer {
  readonly index = new SceneIndex();
  readonly stage: Konva.Stage;
  private readonly contentLayer: Konva.Layer;
  private readonly dragLayer: Konva.Layer;
  private readonly uiLayer: Konva.Layer;
  private readonly transformer: Transformer;
  private readonly proxy: KonvaRect;
  private readonly handle: Circle;
  readonly editor: TextOverlay;
  private readonly board: Board;
  private readonly selection: Selection;
  private readonly undo: UndoLike | null;
  private readonly host: HTMLDivElement;
  private readonly opts: BoardRendererOptions;
  private readonly widthOf: WidthOf & { clear(): void };
  private readonly glyphs: GlyphLoader;
  private vp: Viewport = { x: 0, y: 0, scale: 1 };
  private width = 1;
  private height = 1;
  private lod: Lod = 'full';
  private live: Live | null = null;
  private gesture: Gesture | null = null;
  private readonly pointers = new Map<number, Point>();
  private spaceHeld = false;
  private lastPointerWorld: Point | null = null;
  private selectingHere = false;
  private noteColor: NoteColor = DEFAULT_NOTE_COLOR;
  private lastDrawn = 0;
  private stats: BoardViewStats = { createdAt: performance.now(), firstDrawAt: null, draws: 0, lastDrawMs: 0, lod: 'full' };
  private readonly disposers: Array<() => void> = [];
  private viewportNotify = 0;
  private destroyed = false;
  private presence: BoardPresence | null = null;
  /** Counter and cut message of the text being edited (assigned right after the editor). */
  private limitHint: TextLimitHint | null = null;

  constructor(opts: BoardRendererOptions) {
    this.opts = opts;
    this.board = opts.board;
    this.selection = opts.selection;
    this.undo = opts.undo;
    this.host = opts.host;
    if (!this.board.author && opts.author) this.board.author = opts.author;
    if (opts.noteColor) this.noteColor = opts.noteColor;
    this.widthOf = canvasWidthOf();
    this.glyphs = new GlyphLoader(document.fonts, () => this.fontsArrived());

    this.editor = new TextOverlay(opts.overlayParent, {
      textOf: (target) => this.textOf(target),
      commit: (target, text) => this.commitText(target, text),
      rectOf: (target) => this.liveRectOf(target.id) ?? null,
      viewport: () => this.vp,
      watchRemote: (target, onDelta) => {
        const text = this.board.textOf(target.id);
        if (!text) return () => {};
        const listener = (event: Y.YTextEvent) => {
          if (!event.transaction.local) onDelta(event.delta as DeltaOp[]);
        };
        text.observe(listener);
        return () => text.unobserve(listener);
      },
      layoutFor: (target, text, rect) => this.overlayLayout(target, text, rect),
      label: (target, mode, text) => this.overlayLabel(target, mode, text),
      onModeChange: (mode, target) => {
        this.limitHint?.edit(mode === 'editing' && target ? target.kind : null);
        this.contentLayer.batchDraw();
        this.syncSelectionUi();
      },
    });
    this.limitHint = new TextLimitHint(opts.overlayParent, this.editor.el, opts.t);
    this.editor.onCloseFocus = () => this.host.focus({ preventScroll: true });

    const rect = this.host.getBoundingClientRect();
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height));
    this.stage = new Konva.Stage({ container: this.host, width: this.width, height: this.height });

    this.contentLayer = new Konva.Layer({ listening: false });
    this.contentLayer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.drawContent(ctx) }));
    this.dragLayer = new Konva.Layer({ listening: false });
    this.dragLayer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.drawDrag(ctx) }));
    this.uiLayer = new Konva.Layer();
    this.uiLayer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.drawSelection(ctx) }));
    this.proxy = new KonvaRect({ listening: false, visible: false, perfectDrawEnabled: false });
    this.transformer = new Transformer({
      rotateEnabled: false,
      flipEnabled: false,
      keepRatio: false,
      ignoreStroke: true,
      anchorSize: 10,
      anchorCornerRadius: 2,
      anchorStroke: THEME.accent,
      anchorStrokeWidth: 1.5,
      borderStroke: THEME.accent,
      borderStrokeWidth: 2,
      padding: 0,
      boundBoxFunc: (oldBox, newBox) => {
        const min = MIN_SIZE * this.vp.scale;
        return Math.abs(newBox.width) < min || Math.abs(newBox.height) < min ? oldBox : newBox;
      },
    });
    this.handle = new Circle({ radius: 8, fill: '#ffffff', stroke: THEME.accent, strokeWidth: 2, visible: false, perfectDrawEnabled: false, hitStrokeWidth: 12 });
    this.uiLayer.add(this.proxy, this.transformer, this.handle);
    this.stage.add(this.contentLayer, this.dragLayer, this.uiLayer);
    this.proxy.on('transformstart', () => this.resizeStart());
    this.proxy.on('transform', () => this.resizeMove());
    this.proxy.on('transformend', () => this.resizeEnd());

    this.index.load(this.board.all());
    this.disposers.push(this.board.observe((change) => this.onBoardChange(change)));
    // Locks and view-only change what is drawn (a padlock) and what may be done.
    this.disposers.push(this.board.observeRules(() => this.requestDraw()));
    this.disposers.push(this.selection.subscribe(() => this.onSelectionChange()));
    this.bindDom();
    this.fit();
    this.onSelectionChange();
    this.ready = true;
  }

  private ready = false;

  // ---------- public API ----------

  viewHandle(): BoardViewHandle {
    return {
      panBy: (dx, dy) => this.setViewport(panBy(this.vp, dx, dy)),
      zoomTo: (scale, cx, cy) => this.setViewport(zoomAt(this.vp, scale, cx, cy)),
      fit: () => this.fit(),
      scale: () => this.vp.scale,
      drawNow: () => {
        const t0 = performance.now();
        this.stage.draw();
        flushLayers(this.stage);
        return performance.now() - t0;
      },
      visibleNodeCount: () => this.lastDrawn,
      stats: () => ({ ...this.stats, lod: this.lod }),
      clientRectOf: (id) => {
        const r = this.liveRectOf(id);
        if (!r) return null;
        const box = this.host.getBoundingClientRect();
        return { x: box.left + this.vp.x + r.x * this.vp.scale, y: box.top + this.vp.y + r.y * this.vp.scale, width: r.w * this.vp.scale, height: r.h * this.vp.scale };
      },
      counts: () => {
        const counts = { note: 0, frame: 0, cluster: 0, connector: 0 };
        for (const v of this.index.views.values()) counts[v.kind]++;
        return counts;
      },
    };
  }

  viewport(): Viewport {
    return this.vp;
  }

  /** Shows other people's presence and publishes this user's; returns the detach. */
  attachPresence(channel: PresenceChannel): () => void {
    this.presence?.destroy();
    const presence = new BoardPresence(channel, {
      viewport: () => this.vp,
      size: () => ({ width: this.width, height: this.height }),
      shapeOf: (id) => {
        const v = this.index.get(id);
        if (!v || v.record.type === 'connector') return undefined;
        return { rect: v.rect, fill: v.record.type === 'note' ? noteFill(v.record.color) : null };
      },
    }, this.selection);
    this.presence = presence;
    this.stage.add(presence.layer);
    return () => {
      if (this.presence !== presence) return;
      presence.destroy();
      this.presence = null;
    };
  }

  get readOnly(): boolean {
    return this.board.readOnly;
  }

  resize(width: number, height: number): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    if (w === this.width && h === this.height) return;
    this.width = w;
    this.height = h;
    this.stage.size({ width: w, height: h });
    this.requestDraw();
  }

  fit(): void {
    this.setViewport(fitRect(this.index.contentBounds(), this.width, this.height, 64, 1));
  }

  zoomBy(factor: number, at?: Point): void {
    const c = at ?? { x: this.width / 2, y: this.height / 2 };
    this.setViewport(zoomAt(this.vp, this.vp.scale * factor, c.x, c.y));
  }

  zoomIn(): void {
    this.zoomBy(ZOOM_STEP);
  }

  zoomOut(): void {
    this.zoomBy(1 / ZOOM_STEP);
  }

  focusCanvas(): void {
    if (this.editor.currentMode !== 'off') this.editor.focus();
    else this.host.focus({ preventScroll: true });
  }

  destroy(): void {
    this.destroyed = true;
    for (const dispose of this.disposers.splice(0)) dispose();
    this.presence?.destroy();
    this.presence = null;
    this.glyphs.destroy();
    this.editor.destroy();
    this.limitHint?.destroy();
    cancelAnimationFrame(this.viewportNotify);
    this.stage.destroy();
  }

  // ---------- commands (toolbar and keyboard) ----------

  selectedIds(): string[] {
    return [...this.selection.get().selected].filter((id) => this.index.get(id));
  }

  addNoteAt(world: Point, open = true): string | null {
    if (this.readOnly) return null;
    const container = this.index.containerAt(world);
    const id = createNote(this.board, {
      x: Math.round(world.x - NOTE_SIZE.w / 2),
      y: Math.round(world.y - NOTE_SIZE.h / 2),
      color: this.noteColor,
      author: this.opts.author,
      ...container,
    });
    if (!id) return null;
    this.selectHere([id]);
    if (open) this.editor.open({ id, kind: 'note' });
    return id;
  }

  /** A new note in the middle of the view, or the nearest free spot beside it (never on top of another note). */
  addNote(): string | null {
    const centre = screenToWorld(this.vp, { x: this.width / 2, y: this.height / 2 });
    const { w, h } = NOTE_SIZE;
    const gap = 24;
    const candidates: Point[] = [];
    for (let ring = 0; ring <= 4; ring++) {
      for (let i = -ring; i <= ring; i++) {
        for (let j = -ring; j <= ring; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
          candidates.push({ x: centre.x + i * (w + gap), y: centre.y + j * (h + gap) });
        }
      }
    }
    const free = (p: Point) =>
      !this.index.grid.query({ x: p.x - w / 2 - gap / 2, y: p.y - h / 2 - gap / 2, w: w + gap, h: h + gap }).some((id) => this.index.get(id)?.kind === 'note');
    const sorted = candidates.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
    return this.addNoteAt(sorted.find(free) ?? centre);
  }

  addFrame(): string | null {
    if (this.readOnly) return null;
    // Selected notes that sit in a cluster bring the whole cluster (a frame holds clusters, and
    // moving a clustered note alone into a frame would take it out of its cluster).
    const items = new Map<string, ItemView>();
    for (const id of this.selectedIds()) {
      const v = this.index.get(id);
      if (!v || v.kind === 'connector' || v.kind === 'frame') continue;
      const clusterId = v.record.type === 'note' ? v.record.clusterId : undefined;
      const cluster = clusterId ? this.index.get(clusterId) : undefined;
      if (cluster) items.set(cluster.id, cluster);
      else items.set(v.id, v);
    }
    const selected = [...items.values()];
    let rect: Rect;
    if (selected.length > 0) {
      const box = selected.reduce<Rect | null>((acc, v) => (acc ? unionOf(acc, v.rect) : { ...v.rect }), null)!;
      rect = { x: box.x - 32, y: box.y - 32 - FRAME_TITLE_SPACE, w: box.w + 64, h: box.h + 64 + FRAME_TITLE_SPACE };
    } else {
      const c = screenToWorld(this.vp, { x: this.width / 2, y: this.height / 2 });
      const w = Math.min(960, (this.width * 0.6) / this.vp.scale);
      const h = Math.min(640, (this.height * 0.6) / this.vp.scale);
      rect = { x: c.x - w / 2, y: c.y - h / 2, w, h };
    }
    const id = createFrame(this.board, { title: this.opts.t('canvas.newFrame'), author: this.opts.author, ...roundRect(rect) });
    if (!id) return null;
    if (selected.length > 0) this.sameUndoStep(() => setParent(this.board, selected.map((v) => v.id), { frameId: id }));
    this.selectHere([id]);
    this.editor.open({ id, kind: 'frame' }, { select: 'all' });
    return id;
  }

  deleteSelected(): void {
    if (this.readOnly) return;
    const ids = this.selectedIds();
    if (ids.length === 0) return;
    if (this.editor.currentMode === 'editing') this.editor.close(false, false);
    deleteRecords(this.board, ids);
    this.selection.clear();
    this.host.focus({ preventScroll: true });
  }

  groupSelected(): string | null {
    if (this.readOnly) return null;
    const notes = this.selectedIds().filter((id) => this.index.get(id)?.kind === 'note');
    if (notes.length === 0) return null;
    const id = groupNotes(this.board, notes, this.opts.t('canvas.newCluster'));
    if (!id) return null;
    this.selectHere([id]);
    this.editor.open({ id, kind: 'cluster' }, { select: 'all' });
    return id;
  }

  ungroupSelected(): void {
    if (this.readOnly) return;
    const selected = this.selectedIds();
    const clusters = new Set<string>();
    for (const id of selected) {
      const v = this.index.get(id);
      if (v?.record.type === 'cluster') clusters.add(id);
      else if (v?.record.type === 'note' && v.record.clusterId) clusters.add(v.record.clusterId);
    }
    if (clusters.size === 0) return;
    const members = new Set<string>();
    for (const v of this.index.views.values()) if (v.record.type === 'note' && v.record.clusterId && clusters.has(v.record.clusterId)) members.add(v.id);
    let first = true;
    for (const id of clusters) {
      if (first) ungroup(this.board, id);
      else this.sameUndoStep(() => ungroup(this.board, id));
      first = false;
    }
    this.selectHere([...members]);
  }

  connectSelected(): string | null {
    if (this.readOnly) return null;
    const ids = this.selectedIds().filter((id) => this.index.get(id)?.kind !== 'connector');
    if (ids.length !== 2) return null;
    const focused = this.selection.get().focused;
    const [a, b] = focused === ids[0] ? [ids[1]!, ids[0]!] : [ids[0]!, ids[1]!];
    return connect(this.board, a, b);
  }

  recolorSelected(color: NoteColor): void {
    this.noteColor = color;
    if (this.readOnly) return;
    const notes = this.selectedIds().filter((id) => this.index.get(id)?.kind === 'note');
    if (notes.length) recolorNotes(this.board, notes, color);
  }

  selectedColor(): NoteColor | null {
    const colors = new Set<string>();
    for (const id of this.selectedIds()) {
      const r = this.index.get(id)?.record;
      if (r?.type === 'note') colors.add(r.color);
    }
    const only = colors.size === 1 ? [...colors][0] : null;
    return only && isNoteColor(only) ? only : null;
  }

  currentNoteColor(): NoteColor {
    return this.noteColor;
  }

  async copySelected(): Promise<boolean> {
    const ids = this.selectedIds();
    if (ids.length === 0) return false;
    await writeClipboard(JSON.stringify(copyRecords(this.board, ids)));
    return true;
  }

  async cutSelected(): Promise<void> {
    if (this.readOnly) return;
    if (await this.copySelected()) this.deleteSelected();
  }

  async paste(): Promise<string[]> {
    if (this.readOnly) return [];
    const text = await readClipboard();
    if (!text || this.destroyed) return [];
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
    const at = this.pointerInside() ? this.lastPointerWorld ?? undefined : undefined;
    let ids: string[] | null = null;
    if (parseClipboard(payload)) ids = pasteRecords(this.board, payload, at);
    else if (text.trim()) {
      // Plain text from elsewhere becomes a note.
      const p = at ?? screenToWorld(this.vp, { x: this.width / 2, y: this.height / 2 });
      const id = createNote(this.board, { text: text.trim(), x: Math.round(p.x - NOTE_SIZE.w / 2), y: Math.round(p.y - NOTE_SIZE.h / 2), color: this.noteColor, author: this.opts.author });
      ids = id ? [id] : null;
    }
    if (!ids || ids.length === 0) return [];
    this.selectHere(ids.filter((id) => this.index.get(id)?.kind !== 'connector'));
    this.revealSelection();
    return ids;
  }

  duplicateSelected(): string[] {
    if (this.readOnly) return [];
    const ids = this.selectedIds();
    if (ids.length === 0) return [];
    const made = duplicateRecords(this.board, ids, { x: 24, y: 24 }) ?? [];
    const top = made.filter((id) => {
      const r = this.index.get(id)?.record;
      return r && r.type !== 'connector' && !(r.type === 'note' && made.includes(r.clusterId ?? '')) && !made.includes((r as { frameId?: string }).frameId ?? '');
    });
    this.selectHere(top);
    return made;
  }

  doUndo(): void {
    if (this.editor.currentMode === 'editing') this.editor.close(true, false);
    this.undo?.undo();
    this.afterHistory();
  }

  doRedo(): void {
    if (this.editor.currentMode === 'editing') this.editor.close(true, false);
    this.undo?.redo();
    this.afterHistory();
  }

  selectAll(): void {
    const ids: string[] = [];
    for (const v of this.index.views.values()) if (v.kind === 'note') ids.push(v.id);
    this.selectHere(ids);
  }

  /** Opens the text editor on the focused selected item (Enter, F2). */
  editSelected(): boolean {
    if (this.readOnly) return false;
    const ids = this.selectedIds();
    if (ids.length !== 1) return false;
    const view = this.index.get(ids[0]!);
    if (!view) return false;
    this.editor.open({ id: view.id, kind: view.kind }, { select: view.kind === 'note' ? 'end' : 'all' });
    return true;
  }

  nudge(dx: number, dy: number): void {
    if (this.readOnly) return;
    const moves: Move[] = [];
    for (const id of this.selectedIds()) {
      const r = this.index.get(id)?.record;
      if (r && hasGeometry(r)) moves.push({ id, x: r.geometry.x + dx, y: r.geometry.y + dy });
    }
    if (moves.length) moveRecords(this.board, moves);
  }

  // ---------- keyboard ----------

  /** Canvas shortcuts. Returns true when the key was used. Typing keys on a selected note are left alone. */
  handleKey(e: KeyboardEvent): boolean {
    if (this.editor.currentMode === 'editing' && e.target === this.editor.el) return false;
    if (isImeKey(e)) return false;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const inSink = e.target === this.editor.el && this.editor.currentMode === 'sink';
    const hasSelection = this.selectedIds().length > 0;
    const run = (fn: () => void) => {
      e.preventDefault();
      fn();
      return true;
    };
    if (mod && !e.altKey) {
      if (key === 'z' && !e.shiftKey) return run(() => this.doUndo());
      if ((key === 'z' && e.shiftKey) || key === 'y') return run(() => this.doRedo());
      if (key === 'c') return run(() => void this.copySelected());
      if (key === 'x') return run(() => void this.cutSelected());
      if (key === 'v') return run(() => void this.paste());
      if (key === 'd') return run(() => void this.duplicateSelected());
      if (key === 'g' && !e.shiftKey) return run(() => void this.groupSelected());
      if (key === 'g' && e.shiftKey) return run(() => this.ungroupSelected());
      if (key === 'a') return run(() => this.selectAll());
      if (key === 'Enter') return run(() => void this.editSelected());
      if (key === '=' || key === '+') return run(() => this.zoomIn());
      if (key === '-') return run(() => this.zoomOut());
      if (key === '0') return run(() => this.fit());
      return false;
    }
    if (e.altKey) return false;
    switch (key) {
      case 'Delete':
      case 'Backspace':
        if (!hasSelection) return false;
        return run(() => this.deleteSelected());
      case 'Escape':
        if (!hasSelection) return false;
        return run(() => {
          this.selection.clear();
          this.host.focus({ preventScroll: true });
        });
      case 'Enter':
        if (hasSelection) return run(() => void this.editSelected());
        return run(() => void this.addNote());
      case 'F2':
        return run(() => void this.editSelected());
      case ' ':
        e.preventDefault();
        this.spaceHeld = true;
        this.host.style.cursor = 'grab';
        return true;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'ArrowUp':
      case 'ArrowDown': {
        const step = e.shiftKey ? 50 : 10;
        const dx = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
        const dy = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
        if (hasSelection && !this.readOnly) return run(() => this.nudge(dx * step, dy * step));
        return run(() => this.setViewport(panBy(this.vp, -dx * step * 5, -dy * step * 5)));
      }
      default:
        break;
    }
    // Single-letter shortcuts only where they cannot be typing into a note: there, the key goes
    // (with its IME composition) into the focused textarea untouched.
    if (inSink) return false;
    if (key === 'n' || e.code === 'KeyN') return run(() => void this.addNote());
    if (key === '+' || key === '=') return run(() => this.zoomIn());
    if (key === '-') return run(() => this.zoomOut());
    if (key === '!' || (key === '1' && e.shiftKey)) return run(() => this.fit());
    return false;
  }

  handleKeyUp(e: KeyboardEvent): void {
    if (e.key === ' ') {
      this.spaceHeld = false;
      if (!this.gesture) this.host.style.cursor = '';
    }
  }

  // ---------- board events ----------

  private onBoardChange(change: BoardChange): void {
    const touched = this.index.apply(change, this.board);
    for (const id of touched) this.editor.documentChanged(id);
    if (change.removed.length) this.selection.retain((id) => this.index.views.has(id));
    this.requestDraw();
    this.syncSelectionUi();
  }

  private onSelectionChange(): void {
    const { selected, focused } = this.selection.get();
    const ids = [...selected].filter((id) => this.index.get(id));
    const single = ids.length === 1 ? this.index.get(ids[0]!) : undefined;
    // Read before the overlay changes mode: hiding a focused textarea drops focus to <body>.
    const hadFocus = this.focusWithin();
    if (single?.kind === 'note' && !this.readOnly) this.editor.setSink({ id: single.id, kind: 'note' });
    else if (!(single && this.editor.isEditing(single.id))) this.editor.setSink(null);
    if (hadFocus) this.focusCanvas();
    if (!this.selectingHere && focused && this.index.get(focused)) this.revealItem(focused);
    this.syncSelectionUi();
  }

  private afterHistory(): void {
    this.selection.retain((id) => this.index.views.has(id));
  }

  // ---------- viewport ----------

  private setViewport(vp: Viewport): void {
    if (!Number.isFinite(vp.x) || !Number.isFinite(vp.y) || !Number.isFinite(vp.scale)) return;
    this.vp = vp;
    this.stage.position({ x: vp.x, y: vp.y });
    this.stage.scale({ x: vp.scale, y: vp.scale });
    this.lod = chooseLod(vp.scale, this.lod);
    this.editor.reposition();
    this.syncSelectionUi();
    this.requestDraw();
    if (!this.viewportNotify && this.opts.onViewportChange) {
      this.viewportNotify = requestAnimationFrame(() => {
        this.viewportNotify = 0;
        this.opts.onViewportChange?.(this.vp);
      });
    }
  }

  private dots: { step: number; pattern: CanvasPattern } | null = null;

  /**
   * The dot grid, in screen space: one fillRect with a repeating one-dot tile. (A CSS
   * radial-gradient background repainted on every pan cost 15–30 ms a frame in software raster.)
   */
  private drawDots(ctx: CanvasRenderingContext2D, pixelRatio: number): void {
    let step = 24 * this.vp.scale;
    while (step < 14) step *= 5;
    const tile = Math.max(4, Math.round(step * pixelRatio));
    if (!this.dots || this.dots.step !== tile) {
      const canvas = document.createElement('canvas');
      canvas.width = tile;
      canvas.height = tile;
      const c = canvas.getContext('2d');
      const pattern = c && (c.fillStyle = '#c4cad2', c.fillRect(0, 0, Math.max(1, Math.round(1.6 * pixelRatio)), Math.max(1, Math.round(1.6 * pixelRatio))), ctx.createPattern(canvas, 'repeat'));
      if (!pattern) return;
      this.dots = { step: tile, pattern };
    }
    // Whole-pixel offsets: a pattern at a fractional offset is resampled (filtered) per pixel,
    // which measured 6× slower than the plain copy.
    const ox = Math.round((((this.vp.x * pixelRatio) % tile) + tile) % tile);
    const oy = Math.round((((this.vp.y * pixelRatio) % tile) + tile) % tile);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, ox, oy);
    ctx.fillStyle = this.dots.pattern;
    ctx.fillRect(-ox, -oy, this.width * pixelRatio, this.height * pixelRatio);
    ctx.restore();
  }

  private revealItem(id: string): void {
    const rect = this.liveRectOf(id);
    if (!rect) return;
    const view = visibleWorldRect(this.vp, this.width, this.height);
    const inside = rect.x >= view.x && rect.y >= view.y && rect.x + rect.w <= view.x + view.w && rect.y + rect.h <= view.y + view.h;
    if (inside) return;
    const scale = rect.w * this.vp.scale > this.width * 0.9 || rect.h * this.vp.scale > this.height * 0.9 ? fitRect(rect, this.width, this.height, 64, this.vp.scale).scale : this.vp.scale;
    this.setViewport({ scale, x: this.width / 2 - (rect.x + rect.w / 2) * scale, y: this.height / 2 - (rect.y + rect.h / 2) * scale });
  }

  private revealSelection(): void {
    const focused = this.selection.get().focused;
    if (focused) this.revealItem(focused);
  }

  // ---------- drawing ----------

  private requestDraw(): void {
    this.contentLayer.batchDraw();
    this.dragLayer.batchDraw();
    this.uiLayer.batchDraw();
    this.presence?.redraw();
  }

  private hiddenIds(): Set<string> | null {
    if (!this.live) return null;
    const hidden = new Set(this.live.ids);
    for (const id of this.live.ids) for (const c of this.index.connectorsAttachedTo(id)) hidden.add(c);
    return hidden;
  }

  private drawContent(context: Context): void {
    const t0 = performance.now();
    const ctx = context._context;
    this.drawDots(ctx, context.canvas.getPixelRatio());
    const set = this.index.visible(visibleWorldRect(this.vp, this.width, this.height));
    this.lastDrawn = drawScene(ctx, set, this.index, {
      scale: this.vp.scale,
      lod: this.lod,
      hidden: this.liveHidden,
      textHidden: this.editor.currentMode === 'editing' ? (this.editor.currentTarget?.id ?? null) : null,
      layoutOf: (view) => this.layoutOf(view),
      rectOf: (view) => view.rect,
      locked: this.lockedCheck(),
    });
    const now = performance.now();
    this.stats.draws++;
    this.stats.lastDrawMs = now - t0;
    if (this.ready && this.stats.firstDrawAt === null && (this.index.size === 0 || this.lastDrawn > 0)) {
      this.stats.firstDrawAt = now;
      performance.mark?.('madang:board-first-draw');
    }
  }

  private liveHidden: Set<string> | null = null;

  /** Whether a record is locked, or undefined when nothing on the board is (no cost per record). */
  private lockedCheck(): ((id: string) => boolean) | undefined {
    if (locksMap(this.board.doc).size === 0) return undefined;
    return (id) => isLocked(this.board.doc, id);
  }

  private drawDrag(context: Context): void {
    const ctx = context._context;
    const px = 1 / this.vp.scale;
    if (this.live && this.liveHidden) {
      const set: VisibleSet = { frames: [], clusters: [], notes: [], connectors: [] };
      for (const id of this.liveHidden) {
        const v = this.index.get(id);
        if (!v) continue;
        (v.kind === 'note' ? set.notes : v.kind === 'frame' ? set.frames : v.kind === 'cluster' ? set.clusters : set.connectors).push(v);
      }
      for (const list of Object.values(set) as ItemView[][]) list.sort((a, b) => a.order - b.order);
      drawScene(ctx, set, this.index, {
        scale: this.vp.scale,
        lod: this.lod,
        hidden: null,
        textHidden: this.editor.currentMode === 'editing' ? (this.editor.currentTarget?.id ?? null) : null,
        layoutOf: (view) => this.layoutOf(view, this.liveRect(view)),
        rectOf: (view) => this.liveRect(view),
        connectorRect: (id) => {
          const v = this.index.get(id);
          return v && this.live?.ids.has(id) ? this.liveRect(v) : undefined;
        },
      });
    }
    const g = this.gesture;
    if (g?.kind === 'marquee') {
      const r = rectFromPoints(g.start, g.current);
      ctx.fillStyle = 'rgba(11, 92, 173, 0.08)';
      ctx.fillRect(r.x, r.y, r.w, r.h);
      ctx.lineWidth = px;
      ctx.strokeStyle = THEME.accent;
      ctx.setLineDash([4 * px, 3 * px]);
      ctx.strokeRect(r.x, r.y, r.w, r.h);
      ctx.setLineDash([]);
    }
    if (g?.kind === 'connect') {
      const from = this.index.get(g.from);
      if (from) {
        const target = g.target ? this.index.get(g.target) : undefined;
        if (target) {
          ctx.lineWidth = 3 * px;
          ctx.strokeStyle = THEME.accent;
          ctx.strokeRect(target.rect.x - 3 * px, target.rect.y - 3 * px, target.rect.w + 6 * px, target.rect.h + 6 * px);
        }
        const a = { x: from.rect.x + from.rect.w / 2, y: from.rect.y + from.rect.h / 2 };
        ctx.lineWidth = 2 * px;
        ctx.strokeStyle = THEME.accent;
        ctx.setLineDash([6 * px, 4 * px]);
        ctx.beginPath();
        ctx.moveTo(a.x, a.y);
        ctx.lineTo(g.current.x, g.current.y);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = THEME.accent;
        ctx.beginPath();
        arrowHead(ctx, a, g.current, 12 * px);
        ctx.fill();
      }
    }
  }

  private drawSelection(context: Context): void {
    const ctx = context._context;
    const px = 1 / this.vp.scale;
    const ids = this.selectedIds();
    if (ids.length === 0) return;
    const view = visibleWorldRect(this.vp, this.width, this.height, 8);
    const withTransformer = this.transformer.nodes().length > 0 ? ids[0] : null;
    ctx.lineWidth = 2 * px;
    ctx.strokeStyle = THEME.accent;
    ctx.beginPath();
    for (const id of ids) {
      if (id === withTransformer) continue;
      const v = this.index.get(id);
      if (!v) continue;
      if (v.record.type === 'connector') {
        const ends = this.index.connectorEnds(v.record, (cid) => {
          const cv = this.index.get(cid);
          return cv && this.live?.ids.has(cid) ? this.liveRect(cv) : undefined;
        });
        if (!ends) continue;
        ctx.moveTo(ends[0].x, ends[0].y);
        ctx.lineTo(ends[1].x, ends[1].y);
        continue;
      }
      const r = this.liveRect(v);
      if (r.x > view.x + view.w || r.y > view.y + view.h || r.x + r.w < view.x || r.y + r.h < view.y) continue;
      const o = 3 * px;
      ctx.rect(r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o);
    }
    ctx.stroke();
    const connectorSelected = ids.some((id) => this.index.get(id)?.kind === 'connector');
    if (connectorSelected) {
      ctx.lineWidth = 6 * px;
      ctx.strokeStyle = 'rgba(11, 92, 173, 0.3)';
      ctx.stroke();
    }
  }

  private layoutOf(view: ItemView, rect: Rect = view.rect): TextLayout {
    const record = view.record;
    const text = record.type === 'note' ? record.text : '';
    // A live resize lays out at the live size; a move keeps the cached layout.
    if (rect.w !== view.rect.w || rect.h !== view.rect.h) return fitText(text, noteTextBox(rect), this.widthOf, NOTE_TEXT);
    if (!view.layout) {
      const layout = fitText(text, noteTextBox(view.rect), this.widthOf, NOTE_TEXT);
      // Never measure against a fallback font and keep it: until the glyphs arrive, hint the text.
      if (!this.glyphs.ready(text)) {
        this.glyphs.need(text);
        return { ...layout, pending: true };
      }
      view.layout = layout;
    }
    return view.layout;
  }

  private fontsArrived(): void {
    this.widthOf.clear();
    for (const v of this.index.views.values()) v.layout = null;
    this.requestDraw();
    this.editor.reposition();
  }

  // ---------- geometry helpers ----------

  private liveRect(view: ItemView): Rect {
    const live = this.live;
    if (!live) return view.rect;
    if (live.resize && live.resize.id === view.id) return live.resize.rect;
    if (live.ids.has(view.id) && view.kind !== 'connector') return { x: view.rect.x + live.dx, y: view.rect.y + live.dy, w: view.rect.w, h: view.rect.h };
    return view.rect;
  }

  private liveRectOf(id: string): Rect | undefined {
    const v = this.index.get(id);
    if (!v) return undefined;
    if (v.record.type === 'connector') {
      const ends = this.index.connectorEnds(v.record);
      if (!ends) return undefined;
      const mid = { x: (ends[0].x + ends[1].x) / 2, y: (ends[0].y + ends[1].y) / 2 };
      return { x: mid.x - 110, y: mid.y - 22, w: 220, h: 44 };
    }
    return this.liveRect(v);
  }

  private screenPoint(e: { clientX: number; clientY: number }): Point {
    const box = this.host.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  }

  private pointerInside(): boolean {
    if (!this.lastPointerWorld) return false;
    return containsPoint(visibleWorldRect(this.vp, this.width, this.height), this.lastPointerWorld);
  }

  private focusWithin(): boolean {
    const active = document.activeElement;
    return !!active && (active === this.host || active === this.editor.el);
  }

  // ---------- text ----------

  private textOf(target: EditTarget): string | null {
    const r = this.board.get(target.id);
    if (!r) return null;
    if (r.type === 'note') return r.text;
    if (r.type === 'frame') return r.title;
    return r.label;
  }

  private commitText(target: EditTarget, text: string): void {
    if (this.readOnly) return;
    const r = this.board.get(target.id);
    if (!r) return;
    if (r.type === 'note') editText(this.board, r.id, text);
    else if (r.type === 'frame') {
      if (r.title !== text) renameFrame(this.board, r.id, text);
    } else if (r.label !== text) relabel(this.board, r.id, text);
  }

  private overlayLayout(target: EditTarget, text: string, rect: Rect): OverlayLayout {
    const r = this.board.get(target.id);
    if (target.kind === 'note') {
      const box = noteTextBox(rect);
      const layout = fitText(text, box, this.widthOf, NOTE_TEXT);
      this.glyphs.need(text);
      const lines = Math.max(1, layout.lines.length);
      const paddingTop = Math.max(NOTE_TEXT.padding, (box.h - lines * layout.lineHeight) / 2);
      return {
        fontSize: layout.fontSize, lineHeight: layout.lineHeight, paddingTop, padding: NOTE_TEXT.padding, align: 'center', fontWeight: 400,
        background: r?.type === 'note' ? noteFill(r.color) : noteFill(DEFAULT_NOTE_COLOR),
      };
    }
    if (target.kind === 'connector') return { fontSize: 14, lineHeight: 20, paddingTop: 11, padding: 8, align: 'center', fontWeight: 400, background: '#ffffff' };
    const size = target.kind === 'frame' ? 22 : 17;
    const band = target.kind === 'frame' ? 48 : 32;
    return { fontSize: size, lineHeight: band - 8, paddingTop: 4, padding: 8, align: 'left', fontWeight: 700, background: '#ffffff' };
  }

  private overlayLabel(target: EditTarget, mode: 'sink' | 'editing', text: string): string {
    const { t } = this.opts;
    if (target.kind === 'note') {
      if (mode === 'editing') return t('canvas.editNote');
      const short = text.length > 80 ? `${text.slice(0, 80)}…` : text;
      return t('canvas.noteSelected', { text: short || t('canvas.emptyNote') });
    }
    return t(target.kind === 'frame' ? 'canvas.editFrame' : target.kind === 'cluster' ? 'canvas.editCluster' : 'canvas.editConnector');
  }

  // ---------- selection UI ----------

  private syncSelectionUi(): void {
    const ids = this.selectedIds();
    const single = ids.length === 1 ? this.index.get(ids[0]!) : undefined;
    const canTransform = !!single && single.kind !== 'connector' && !this.readOnly && (!this.live || !!this.live.resize) && !this.editor.isEditing(single.id);
    if (canTransform && single) {
      if (!this.live?.resize) {
        const r = single.rect;
        this.proxy.setAttrs({ x: r.x, y: r.y, width: r.w, height: r.h, scaleX: 1, scaleY: 1, visible: true });
      }
      if (this.transformer.nodes()[0] !== this.proxy) this.transformer.nodes([this.proxy]);
      this.transformer.forceUpdate();
    } else if (this.transformer.nodes().length) {
      this.transformer.nodes([]);
      this.proxy.visible(false);
    }
    const showHandle = !!single && (single.kind === 'note' || single.kind === 'cluster') && !this.readOnly && !this.live && !this.editor.isEditing();
    this.handle.visible(showHandle);
    if (showHandle && single) {
      const s = 1 / this.vp.scale;
      this.handle.setAttrs({ x: single.rect.x + single.rect.w + 18 * s, y: single.rect.y + single.rect.h / 2, scaleX: s, scaleY: s });
    }
    this.uiLayer.batchDraw();
  }

  private selectHere(ids: string[], focused?: string | null): void {
    this.selectingHere = true;
    try {
      this.selection.set(ids, focused);
    } finally {
      this.selectingHere = false;
    }
  }

  // ---------- pointer ----------

  private bindDom(): void {
    const host = this.host;
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions) => {
      host.addEventListener(type, fn as EventListener, options);
      this.disposers.push(() => host.removeEventListener(type, fn as EventListener, options));
    };
    on('pointerdown', (e) => this.onPointerDown(e));
    on('pointermove', (e) => this.onPointerMove(e));
    on('pointerup', (e) => this.onPointerUp(e));
    on('pointercancel', (e) => this.onPointerUp(e, true));
    // Focus is managed here (the canvas or the note's textarea), not by the browser's mousedown.
    on('mousedown', (e) => e.preventDefault());
    on('dblclick', (e) => this.onDoubleClick(e));
    on('wheel', (e) => this.onWheel(e), { passive: false });
    on('contextmenu', (e) => e.preventDefault());
    on('pointerleave', () => {
      this.lastPointerWorld = null;
      this.presence?.pointer(null);
    });
    on('blur', () => {
      this.spaceHeld = false;
    });
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const p = this.screenPoint(e);
    if (e.ctrlKey || e.metaKey) {
      // Ctrl/⌘+wheel, and trackpad pinch (which browsers report as ctrl+wheel): zoom to the cursor.
      this.setViewport(zoomAt(this.vp, this.vp.scale * wheelZoomFactor(e.deltaY, e.deltaMode), p.x, p.y));
      return;
    }
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.height : 1;
    const dx = (e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX) * unit;
    const dy = (e.shiftKey && !e.deltaX ? 0 : e.deltaY) * unit;
    this.setViewport(panBy(this.vp, -dx, -dy));
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button === 2) return;
    const p = this.screenPoint(e);
    this.pointers.set(e.pointerId, p);
    // Leaving the editor by clicking the canvas: blur commits it (or waits for the IME to finish).
    if (this.editor.currentMode === 'editing') this.host.focus({ preventScroll: true });
    if (this.pointers.size === 2) {
      this.cancelGesture();
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      this.gesture = { kind: 'pinch', distance: Math.hypot(a.x - b.x, a.y - b.y), mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
      return;
    }
    if (this.pointers.size > 2 || this.gesture) return;
    const world = screenToWorld(this.vp, p);
    this.lastPointerWorld = world;

    // Konva's own nodes first: the Transformer's anchors (Konva drives those) and the connection handle.
    const konvaHit = this.stage.getIntersection(p);
    if (konvaHit && konvaHit !== this.handle && konvaHit.getParent() === this.transformer) {
      this.pointers.delete(e.pointerId);
      return;
    }
    this.host.setPointerCapture?.(e.pointerId);
    if (konvaHit === this.handle) {
      const from = this.selectedIds()[0];
      if (from && !this.readOnly) {
        this.gesture = { kind: 'connect', pointerId: e.pointerId, from, current: world, target: null };
        this.handle.visible(false);
        this.uiLayer.batchDraw();
        return;
      }
    }

    if (e.button === 1 || this.spaceHeld) {
      this.startPan(e.pointerId, p, false);
      return;
    }
    const hit = this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale);
    if (!hit) {
      if (e.shiftKey) {
        this.gesture = { kind: 'marquee', pointerId: e.pointerId, start: world, current: world, base: new Set(this.selection.get().selected) };
      } else this.startPan(e.pointerId, p, true);
      this.focusCanvas();
      return;
    }
    const selected = this.selection.get().selected;
    const wasSelected = selected.has(hit.id);
    if (e.shiftKey) {
      this.selectingHere = true;
      try {
        this.selection.toggle(hit.id);
      } finally {
        this.selectingHere = false;
      }
    } else if (!wasSelected) this.selectHere([hit.id]);
    else this.selectHere([...selected], hit.id);
    this.focusCanvas();
    this.gesture = { kind: 'press', pointerId: e.pointerId, start: p, hit, wasSelected, shift: e.shiftKey };
  }

  private startPan(pointerId: number, p: Point, clickClears: boolean): void {
    this.gesture = { kind: 'pan', pointerId, last: p, moved: false, clickClears };
    this.host.style.cursor = 'grabbing';
  }

  private onPointerMove(e: PointerEvent): void {
    const p = this.screenPoint(e);
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, p);
    const world = screenToWorld(this.vp, p);
    this.lastPointerWorld = world;
    this.presence?.pointer(world);
    const g = this.gesture;
    if (!g) {
      this.updateCursor(world);
      return;
    }
    if (g.kind === 'pinch') {
      if (this.pointers.size < 2) return;
      const [a, b] = [...this.pointers.values()] as [Point, Point];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      let vp = panBy(this.vp, mid.x - g.mid.x, mid.y - g.mid.y);
      if (g.distance > 0) vp = zoomAt(vp, vp.scale * (distance / g.distance), mid.x, mid.y);
      this.gesture = { kind: 'pinch', distance, mid };
      this.setViewport(vp);
      return;
    }
    if ('pointerId' in g && g.pointerId !== e.pointerId) return;
    switch (g.kind) {
      case 'pan': {
        const dx = p.x - g.last.x;
        const dy = p.y - g.last.y;
        if (!g.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        g.moved = true;
        g.last = p;
        this.setViewport(panBy(this.vp, dx, dy));
        return;
      }
      case 'press': {
        if (Math.hypot(p.x - g.start.x, p.y - g.start.y) < DRAG_THRESHOLD) return;
        if (this.readOnly) {
          this.startPan(g.pointerId, p, false);
          return;
        }
        this.startMove(g, screenToWorld(this.vp, g.start));
        this.onPointerMove(e);
        return;
      }
      case 'move': {
        if (!this.live) return;
        this.live.dx = Math.round(world.x - g.start.x);
        this.live.dy = Math.round(world.y - g.start.y);
        this.presence?.drag({ ids: g.explicit, dx: this.live.dx, dy: this.live.dy });
        this.editor.reposition();
        this.dragLayer.batchDraw();
        this.uiLayer.batchDraw();
        return;
      }
      case 'marquee': {
        g.current = world;
        const inside = this.index.inMarquee(rectFromPoints(g.start, g.current));
        this.selectHere([...new Set([...g.base, ...inside])]);
        this.dragLayer.batchDraw();
        return;
      }
      case 'connect': {
        g.current = world;
        const hit = this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale);
        g.target = hit && hit.id !== g.from && hit.kind !== 'connector' ? hit.id : null;
        this.dragLayer.batchDraw();
        return;
      }
    }
  }

  private onPointerUp(e: PointerEvent, cancelled = false): void {
    this.pointers.delete(e.pointerId);
    const g = this.gesture;
    if (!g) return;
    if (g.kind === 'pinch') {
      if (this.pointers.size < 2) this.gesture = null;
      return;
    }
    if (g.pointerId !== e.pointerId) return;
    this.gesture = null;
    this.host.releasePointerCapture?.(e.pointerId);
    if (e.pointerType === 'touch' && !cancelled && (g.kind === 'press' || (g.kind === 'pan' && !g.moved))) this.detectDoubleTap(e);
    this.host.style.cursor = this.spaceHeld ? 'grab' : '';
    switch (g.kind) {
      case 'pan':
        if (!g.moved && g.clickClears && !cancelled) this.selection.clear();
        return;
      case 'press':
        // A click on one of several selected items (no drag) selects just that one.
        if (!cancelled && g.wasSelected && !g.shift) this.selectHere([g.hit.id]);
        return;
      case 'move':
        this.endMove(g, cancelled);
        return;
      case 'marquee':
        this.dragLayer.batchDraw();
        return;
      case 'connect':
        if (!cancelled && g.target) connect(this.board, g.from, g.target);
        this.dragLayer.batchDraw();
        this.syncSelectionUi();
        return;
    }
  }

  private lastTap: { at: number; p: Point } | null = null;
  private lastDoubleTapAt = -Infinity;

  /** Touch screens get no reliable dblclick with touch-action: none; two quick taps count as one. */
  private detectDoubleTap(e: PointerEvent): void {
    const p = this.screenPoint(e);
    const last = this.lastTap;
    if (last && e.timeStamp - last.at < 350 && Math.hypot(p.x - last.p.x, p.y - last.p.y) < 24) {
      this.lastTap = null;
      this.onDoubleClick(e);
      return;
    }
    this.lastTap = { at: e.timeStamp, p };
  }

  private cancelGesture(): void {
    const g = this.gesture;
    if (g?.kind === 'move') this.endMove(g, true);
    this.gesture = null;
    this.dragLayer.batchDraw();
  }

  private updateCursor(world: Point): void {
    if (this.spaceHeld) {
      this.host.style.cursor = 'grab';
      return;
    }
    const hit = this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale);
    this.host.style.cursor = hit ? (this.readOnly ? 'pointer' : 'move') : '';
  }

  private onDoubleClick(e: MouseEvent): void {
    if (e.type === 'dblclick' && e.timeStamp - this.lastDoubleTapAt < 600) return;
    if (e.type !== 'dblclick') this.lastDoubleTapAt = e.timeStamp;
    const p = this.screenPoint(e);
    const world = screenToWorld(this.vp, p);
    if (this.readOnly) return;
    const konvaHit = this.stage.getIntersection(p);
    if (konvaHit && konvaHit.getParent() === this.transformer) {
      // Double-click on the selection border of a note: edit it.
      this.editSelected();
      return;
    }
    const hit = this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale);
    if (!hit || (hit.kind === 'cluster' && hit.part === 'body')) {
      this.addNoteAt(world);
      return;
    }
    this.selectHere([hit.id]);
    this.editor.open({ id: hit.id, kind: hit.kind }, { select: hit.kind === 'note' ? 'end' : 'all' });
  }

  // ---------- move ----------

  private startMove(press: Extract<Gesture, { kind: 'press' }>, start: Point): void {
    const explicit = this.selectedIds().filter((id) => {
      const v = this.index.get(id);
      return v && v.kind !== 'connector';
    });
    if (explicit.length === 0) {
      this.gesture = null;
      return;
    }
    const ids = new Set<string>();
    for (const id of explicit) {
      ids.add(id);
      for (const d of this.descendantsOf(id)) ids.add(d);
    }
    this.live = { ids, dx: 0, dy: 0, resize: null };
    this.liveHidden = this.hiddenIds();
    this.gesture = { kind: 'move', pointerId: press.pointerId, start, explicit };
    this.handle.visible(false);
    this.transformer.nodes([]);
    this.proxy.visible(false);
    this.host.style.cursor = 'grabbing';
    this.requestDraw();
  }

  private endMove(g: Extract<Gesture, { kind: 'move' }>, cancelled: boolean): void {
    const live = this.live;
    if (!live) return;
    const { dx, dy } = live;
    // Before the move is written: others drop the ghost before the note lands, not after.
    this.presence?.drag(null);
    if (!cancelled && (dx !== 0 || dy !== 0)) {
      const moves: Move[] = [];
      for (const id of g.explicit) {
        const r = this.index.get(id)?.record;
        if (r && hasGeometry(r)) moves.push({ id, x: r.geometry.x + dx, y: r.geometry.y + dy });
      }
      // One drag, one undo step: the move, plus (merged into it) any change of frame or cluster.
      if (moveRecords(this.board, moves)) this.sameUndoStep(() => this.reparentAfterMove(g.explicit));
    }
    this.live = null;
    this.liveHidden = null;
    this.requestDraw();
    this.syncSelectionUi();
    this.editor.reposition();
  }

  /** A note dropped into a cluster or frame joins it; dragged out of its cluster, it leaves. */
  private reparentAfterMove(ids: string[]): boolean {
    const moved = new Set(ids);
    const byTarget = new Map<string, { parent: { frameId?: string | null; clusterId?: string | null }; ids: string[] }>();
    for (const id of ids) {
      const r = this.board.get(id);
      if (!r || (r.type !== 'note' && r.type !== 'cluster')) continue;
      // Children travelling with a moved cluster or frame keep their parent.
      const parentId = r.type === 'note' ? (r.clusterId ?? r.frameId) : r.frameId;
      if (parentId && moved.has(parentId)) continue;
      const c = { x: r.geometry.x + r.geometry.w / 2, y: r.geometry.y + r.geometry.h / 2 };
      let cluster: ItemView | null = null;
      let frame: ItemView | null = null;
      for (const cid of this.index.grid.queryPoint(c.x, c.y)) {
        const v = this.index.get(cid);
        if (!v || moved.has(v.id) || v.id === id || !containsPoint(v.rect, c)) continue;
        if (v.kind === 'cluster' && r.type === 'note' && (!cluster || v.order > cluster.order)) cluster = v;
        if (v.kind === 'frame' && (!frame || v.order > frame.order)) frame = v;
      }
      const currentCluster = r.type === 'note' ? (r.clusterId ?? null) : null;
      const currentFrame = r.frameId ?? null;
      const nextCluster = cluster?.id ?? null;
      const nextFrame = cluster ? ((cluster.record as { frameId?: string }).frameId ?? null) : (frame?.id ?? null);
      if (nextCluster === currentCluster && nextFrame === currentFrame) continue;
      const key = nextCluster ? `c:${nextCluster}` : nextFrame ? `f:${nextFrame}` : 'top';
      const parent = nextCluster ? { clusterId: nextCluster } : nextFrame ? { frameId: nextFrame } : {};
      const entry = byTarget.get(key) ?? { parent, ids: [] };
      entry.ids.push(id);
      byTarget.set(key, entry);
    }
    let changed = false;
    for (const { parent, ids: group } of byTarget.values()) changed = setParent(this.board, group, parent) || changed;
    return changed;
  }

  private descendantsOf(id: string): string[] {
    const v = this.index.get(id);
    if (!v || (v.kind !== 'frame' && v.kind !== 'cluster')) return [];
    const out: string[] = [];
    for (const child of this.board.children(id)) {
      out.push(child.id);
      if (child.type === 'cluster') for (const n of this.board.children(child.id)) out.push(n.id);
    }
    return out;
  }

  /** Runs a follow-up command in the same undo step as the command just before it. */
  private sameUndoStep(fn: () => unknown): void {
    const undo = this.undo;
    if (!undo || typeof undo.captureTimeout !== 'number') {
      fn();
      return;
    }
    const saved = undo.captureTimeout;
    undo.captureTimeout = Number.MAX_SAFE_INTEGER;
    try {
      fn();
    } finally {
      undo.captureTimeout = saved;
    }
  }

  // ---------- resize (Konva Transformer on a proxy rect) ----------

  private proxyRect(): Rect {
    const p = this.proxy;
    return { x: p.x(), y: p.y(), w: Math.max(MIN_SIZE, p.width() * Math.abs(p.scaleX())), h: Math.max(MIN_SIZE, p.height() * Math.abs(p.scaleY())) };
  }

  private resizeStart(): void {
    const id = this.selectedIds()[0];
    if (!id || this.readOnly) return;
    this.live = { ids: new Set([id]), dx: 0, dy: 0, resize: { id, rect: this.proxyRect() } };
    this.liveHidden = this.hiddenIds();
    this.handle.visible(false);
    this.requestDraw();
  }

  private resizeMove(): void {
    if (!this.live?.resize) return;
    this.live.resize.rect = this.proxyRect();
    this.editor.reposition();
    this.dragLayer.batchDraw();
  }

  private resizeEnd(): void {
    const resize = this.live?.resize;
    if (resize) resizeRecord(this.board, resize.id, roundRect(this.proxyRect()));
    this.live = null;
    this.liveHidden = null;
    this.proxy.scale({ x: 1, y: 1 });
    this.requestDraw();
    this.syncSelectionUi();
    this.editor.reposition();
  }
}

/**
 * Chrome records 2D canvas calls and rasterizes them later; reading one pixel back forces the
 * raster now, so a timed draw includes it (benchmarks only).
 */
export function flushLayers(stage: Konva.Stage): void {
  for (const layer of stage.getLayers()) layer.getCanvas()._canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
}

function unionOf(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

function roundRect(r: Rect): { x: number; y: number; w: number; h: number } {
  // `+ 0` turns the -0 that a hair-below-zero proxy rounds to into 0 before it is stored.
  return { x: Math.round(r.x) + 0, y: Math.round(r.y) + 0, w: Math.max(1, Math.round(r.w)), h: Math.max(1, Math.round(r.h)) };
}
