// The board canvas, imperative Konva. Three layers, and a fourth in a room:
//   content — one custom shape that draws the visible records (grid-culled, LOD), not listening;
//   drag    — what is being moved or resized right now, the marquee and the connector being drawn;
//   ui      — selection outlines, the Transformer and the connection handle (the only listening nodes);
//   presence — other people's cursors, selections and drags, when a room is attached (attachPresence).
// Hit-testing is geometry (SceneIndex's spatial grid), not thousands of listening nodes. Board
// change events update the index record by record; every redraw is one batchDraw per frame.
// What is not Konva wiring lives beside it: gestures.ts (pointer → intent), keymap.ts (key →
// command), textEditing.ts and boardClipboard.ts (glue), draw.ts (drawing); every change to the
// board is one command of shared/board/commands.ts.
import { isLocked } from '../../shared/board/policy';
import { locksMap } from '../../shared/board/schema';
import Konva from 'konva/lib/Core';
import type { Context } from 'konva/lib/Context';
import type { Board } from '../../shared/board/board';
import { connect, moveAndReparent, resizeRecord, type Move } from '../../shared/board/commands';
import { descendants } from '../../shared/board/write';
import type { BoardChange, NoteColor } from '../../shared/board/types';
import { RECORD_TYPES, capabilities, hasGeometry, isContainer, isLink, labelOf, type RecordType } from '../../shared/board/records/registry';
import { clusterType } from '../../shared/board/records/cluster';
import type { Selection } from './selection';
import { SceneIndex, listFor, type ItemView, type VisibleSet } from './sceneIndex';
import { chooseLod, type Lod } from './lod';
import { drawConnecting, drawSelectionOutlines, drawDots, drawMarquee, drawScene, noteFill, noteTextBox, type DotGrid } from './draw';
import { GlyphLoader, canvasWidthOf } from './fonts';
import { NOTE_TEXT, fitText, type TextLayout, type WidthOf } from './textLayout';
import { TextOverlay } from './textOverlay';
import { layoutOfView } from './sceneText';
import { isImeKey } from './ime';
import { commitEdit, editableText, overlayLabel, overlayLayout, selectOnOpen, watchRemoteText } from './textEditing';
import { commandForKey, type KeyCommand } from './keymap';
import { isDoubleTap, isTap, moved, pinchFrom, pinchStep, pressed, released, type Gesture } from './gestures';
import {
  fitRect, panBy, rectFromPoints, screenToWorld, visibleWorldRect, wheelViewport, revealViewport, roundRect, zoomAt, containsPoint,
  type Point, type Rect, type Viewport,
} from './viewport';
import type { BoardViewHandle, BoardViewStats } from './view';
import type { Translate } from '../i18n';
import { BoardPresence } from './presence/BoardPresence';
import { TextLimitHint } from './textLimit';
import { CanvasCommands } from './canvasCommands';
import { SelectionHandles } from './selectionHandles';
import { zoneLabelKey } from '../../shared/i18n/workshop';
import type { PresenceChannel } from './presence/presenceChannel';

import type { UndoLike } from './canvasCommands';

export type { UndoLike };

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

interface Live {
  /** Records drawn on the drag layer instead of the content layer. */
  ids: Set<string>;
  dx: number;
  dy: number;
  resize: { id: string; rect: Rect } | null;
}

const HIT_SLOP_PX = 6;
const ZOOM_STEP = 1.25;

export class BoardRenderer {
  readonly index = new SceneIndex();
  readonly stage: Konva.Stage;
  private readonly contentLayer: Konva.Layer;
  private readonly dragLayer: Konva.Layer;
  private readonly uiLayer: Konva.Layer;
  private readonly handles: SelectionHandles;
  readonly editor: TextOverlay;
  private readonly board: Board;
  private readonly selection: Selection;
  /** What the toolbar, the keys and a double-click do to the selection (canvasCommands.ts). */
  readonly commands: CanvasCommands;
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
  private lastDrawn = 0;
  private stats: Omit<BoardViewStats, 'items'> = { createdAt: performance.now(), firstDrawAt: null, draws: 0, lastDrawMs: 0, lastDrawAt: null, lod: 'full' };
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
    this.host = opts.host;
    if (!this.board.author && opts.author) this.board.author = opts.author;
    this.widthOf = canvasWidthOf();
    this.glyphs = new GlyphLoader(document.fonts, () => this.fontsArrived());

    this.editor = new TextOverlay(opts.overlayParent, {
      textOf: (target) => editableText(this.board, target),
      commit: (target, text) => commitEdit(this.board, target, text),
      rectOf: (target) => this.liveRectOf(target.id) ?? null,
      viewport: () => this.vp,
      watchRemote: (target, onDelta) => watchRemoteText(this.board, target, onDelta),
      layoutFor: (target, text, rect) => overlayLayout(this.board, target, text, rect, this.widthOf, (t) => this.glyphs.need(t)),
      label: (target, mode, text) => overlayLabel(this.opts.t, target, mode, text),
      onModeChange: (mode, target) => {
        this.limitHint?.edit(mode === 'editing' && target ? target.kind : null);
        this.contentLayer.batchDraw();
        this.syncSelectionUi();
      },
    });
    this.limitHint = new TextLimitHint(opts.overlayParent, this.editor.el, opts.t);
    this.commands = new CanvasCommands({
      board: this.board,
      selection: this.selection,
      index: this.index,
      editor: this.editor,
      undo: opts.undo,
      author: opts.author,
      t: opts.t,
      selectHere: (ids, focused) => this.selectHere(ids, focused),
      revealSelection: () => this.revealSelection(),
      focusCanvas: () => this.host.focus({ preventScroll: true }),
      viewCentre: () => this.viewCentre(),
      viewRect: () => visibleWorldRect(this.vp, this.width, this.height),
      pointerOverCanvas: () => (this.pointerInside() ? this.lastPointerWorld ?? undefined : undefined),
      alive: () => !this.destroyed,
    }, opts.noteColor);
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
    this.handles = new SelectionHandles(this.uiLayer, () => this.vp.scale, {
      start: (rect) => this.resizeStart(rect),
      move: (rect) => this.resizeMove(rect),
      end: (rect) => this.resizeEnd(rect),
    });
    this.stage.add(this.contentLayer, this.dragLayer, this.uiLayer);

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
      showRect: (rect) => this.setViewport(fitRect(rect, this.width, this.height, 48, 1)),
      visibleRect: () => visibleWorldRect(this.vp, this.width, this.height),
      scale: () => this.vp.scale,
      drawNow: () => {
        const t0 = performance.now();
        this.stage.draw();
        flushLayers(this.stage);
        return performance.now() - t0;
      },
      visibleNodeCount: () => this.lastDrawn,
      stats: () => ({ ...this.stats, lod: this.lod, items: this.index.size }),
      clientRectOf: (id) => {
        const r = this.liveRectOf(id);
        if (!r) return null;
        const box = this.host.getBoundingClientRect();
        return { x: box.left + this.vp.x + r.x * this.vp.scale, y: box.top + this.vp.y + r.y * this.vp.scale, width: r.w * this.vp.scale, height: r.h * this.vp.scale };
      },
      counts: () => {
        const counts = Object.fromEntries(RECORD_TYPES.map((def) => [def.type, 0])) as Record<RecordType, number>;
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
        if (!v || !hasGeometry(v.record)) return undefined;
        return { rect: v.rect, fill: 'color' in v.record ? noteFill(v.record.color) : null };
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
    return this.commands.selectedIds();
  }

  private viewCentre(): Point {
    return screenToWorld(this.vp, { x: this.width / 2, y: this.height / 2 });
  }

  // ---------- keyboard ----------

  /** Canvas shortcuts (keymap.ts). Returns true when the key was used. Typing keys on a selected note are left alone. */
  handleKey(e: KeyboardEvent): boolean {
    if (this.editor.currentMode === 'editing' && e.target === this.editor.el) return false;
    if (isImeKey(e)) return false;
    const command = commandForKey(e, {
      hasSelection: this.selectedIds().length > 0,
      readOnly: this.readOnly,
      inSink: e.target === this.editor.el && this.editor.currentMode === 'sink',
    });
    if (!command) return false;
    e.preventDefault();
    this.runKeyCommand(command);
    return true;
  }

  private runKeyCommand(command: KeyCommand): void {
    switch (command.run) {
      case 'undo': return this.commands.doUndo();
      case 'redo': return this.commands.doRedo();
      case 'copy': return void this.commands.copySelected();
      case 'cut': return void this.commands.cutSelected();
      case 'paste': return void this.commands.paste();
      case 'duplicate': return void this.commands.duplicateSelected();
      case 'group': return void this.commands.groupSelected();
      case 'ungroup': return this.commands.ungroupSelected();
      case 'selectAll': return this.commands.selectAll();
      case 'edit': return void this.commands.editSelected();
      case 'addNote': return void this.commands.addNote();
      case 'delete': return this.commands.deleteSelected();
      case 'clearSelection':
        this.selection.clear();
        this.host.focus({ preventScroll: true });
        return;
      case 'zoomIn': return this.zoomIn();
      case 'zoomOut': return this.zoomOut();
      case 'fit': return this.fit();
      case 'holdSpace':
        this.spaceHeld = true;
        this.host.style.cursor = 'grab';
        return;
      case 'nudge': return this.commands.nudge(command.dx, command.dy);
      case 'pan': return this.setViewport(panBy(this.vp, command.dx, command.dy));
    }
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
    // A selected record with long text (a note) takes typing at once, through the hidden textarea.
    if (single && capabilities(single.kind).longText && !this.readOnly) this.editor.setSink({ id: single.id, kind: single.kind });
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

  private dots: DotGrid | null = null;

  private revealItem(id: string): void {
    const rect = this.liveRectOf(id);
    const vp = rect ? revealViewport(this.vp, rect, this.width, this.height) : null;
    if (vp) this.setViewport(vp);
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
    this.dots = drawDots(ctx, this.dots, this.vp, this.width, this.height, context.canvas.getPixelRatio());
    const set = this.index.visible(visibleWorldRect(this.vp, this.width, this.height));
    this.lastDrawn = drawScene(ctx, set, this.index, {
      scale: this.vp.scale,
      lod: this.lod,
      hidden: this.liveHidden,
      textHidden: this.editor.currentMode === 'editing' ? (this.editor.currentTarget?.id ?? null) : null,
      layoutOf: (view) => this.layoutOf(view),
      rectOf: (view) => view.rect,
      locked: this.lockedCheck(),
      zoneLabel: (kind, zone) => this.opts.t(zoneLabelKey(kind, zone)),
    });
    const now = performance.now();
    this.stats.draws++;
    this.stats.lastDrawMs = now - t0;
    this.stats.lastDrawAt = now;
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
        if (v) listFor(set, v.kind).push(v);
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
    if (g?.kind === 'marquee') drawMarquee(ctx, rectFromPoints(g.start, g.current), px);
    if (g?.kind === 'connect') {
      const from = this.index.get(g.from);
      const target = g.target ? this.index.get(g.target) : undefined;
      if (from) drawConnecting(ctx, from.rect, target?.rect ?? null, g.current, px);
    }
  }

  private drawSelection(context: Context): void {
    const ids = this.selectedIds();
    if (ids.length === 0) return;
    // The record under the Transformer has its outline already.
    const outlined = this.handles.transforming ? ids.slice(1) : ids;
    const boxes: Rect[] = [];
    const lines: Array<[Point, Point]> = [];
    for (const id of outlined) {
      const v = this.index.get(id);
      if (!v) continue;
      if (!isLink(v.record)) {
        boxes.push(this.liveRect(v));
        continue;
      }
      const ends = this.index.connectorEnds(v.record, (cid) => {
        const cv = this.index.get(cid);
        return cv && this.live?.ids.has(cid) ? this.liveRect(cv) : undefined;
      });
      if (ends) lines.push(ends);
    }
    const linkSelected = ids.some((id) => {
      const r = this.index.get(id)?.record;
      return !!r && isLink(r);
    });
    drawSelectionOutlines(context._context, boxes, lines, linkSelected, visibleWorldRect(this.vp, this.width, this.height, 8), 1 / this.vp.scale);
  }

  private layoutOf(view: ItemView, rect: Rect = view.rect): TextLayout {
    // A live resize lays out at the live size; a move keeps the cached layout.
    if (rect.w !== view.rect.w || rect.h !== view.rect.h) {
      const text = capabilities(view.record.type).longText ? labelOf(view.record) : '';
      return fitText(text, noteTextBox(rect), this.widthOf, NOTE_TEXT);
    }
    return layoutOfView(view, this.widthOf, this.glyphs);
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
    if (live.ids.has(view.id) && hasGeometry(view.record)) return { x: view.rect.x + live.dx, y: view.rect.y + live.dy, w: view.rect.w, h: view.rect.h };
    return view.rect;
  }

  private liveRectOf(id: string): Rect | undefined {
    const v = this.index.get(id);
    if (!v) return undefined;
    if (isLink(v.record)) {
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

  // ---------- selection UI ----------

  private syncSelectionUi(): void {
    const ids = this.selectedIds();
    const single = ids.length === 1 ? this.index.get(ids[0]!) : undefined;
    const canResize = !!single && hasGeometry(single.record) && !this.readOnly && (!this.live || !!this.live.resize) && !this.editor.isEditing(single.id);
    // Connectors are drawn from notes and clusters (a frame is too big a target to start one from).
    const canConnect = !!single && (single.kind === 'note' || single.kind === 'cluster') && !this.readOnly && !this.live && !this.editor.isEditing();
    this.handles.sync(canResize && single ? single.rect : null, !!this.live?.resize, canConnect && single ? single.rect : null, this.vp.scale);
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
    this.setViewport(wheelViewport(this.vp, e, this.screenPoint(e), this.height));
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
      this.gesture = pinchFrom(a, b);
      return;
    }
    if (this.pointers.size > 2 || this.gesture) return;
    const world = screenToWorld(this.vp, p);
    this.lastPointerWorld = world;

    // Konva's own nodes first: the Transformer's anchors (Konva drives those) and the connection handle.
    const konvaHit = this.stage.getIntersection(p);
    if (this.handles.isTransformerPart(konvaHit)) {
      this.pointers.delete(e.pointerId);
      return;
    }
    this.host.setPointerCapture?.(e.pointerId);
    const handleFrom = this.handles.isConnectHandle(konvaHit) && !this.readOnly ? (this.selectedIds()[0] ?? null) : null;
    const panning = e.button === 1 || this.spaceHeld;
    const { gesture, select } = pressed({
      pointerId: e.pointerId, screen: p, world, button: e.button, shift: e.shiftKey, panning, handleFrom,
      hit: handleFrom || panning ? null : this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale),
      selected: this.selection.get().selected,
    });
    this.gesture = gesture;
    if (gesture.kind === 'connect') {
      this.handles.hideConnectHandle();
      this.uiLayer.batchDraw();
      return;
    }
    if (gesture.kind === 'pan') this.host.style.cursor = 'grabbing';
    if (panning) return;
    if (select && 'toggle' in select) {
      this.selectingHere = true;
      try {
        this.selection.toggle(select.toggle);
      } finally {
        this.selectingHere = false;
      }
    } else if (select && 'only' in select) this.selectHere([select.only]);
    else if (select) this.selectHere([...this.selection.get().selected], select.focus);
    this.focusCanvas();
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
      const step = pinchStep(g, a, b);
      this.gesture = step.gesture;
      let vp = panBy(this.vp, step.pan.x, step.pan.y);
      if (step.zoom !== 1) vp = zoomAt(vp, vp.scale * step.zoom, step.gesture.mid.x, step.gesture.mid.y);
      this.setViewport(vp);
      return;
    }
    const { gesture, intent } = moved(g, {
      pointerId: e.pointerId, screen: p, world, readOnly: this.readOnly,
      hitAt: () => this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale),
    }, (q) => screenToWorld(this.vp, q));
    this.gesture = gesture;
    if (gesture.kind === 'pan' && g.kind === 'press') this.host.style.cursor = 'grabbing';
    switch (intent.do) {
      case 'none':
        return;
      case 'panBy':
        this.setViewport(panBy(this.vp, intent.dx, intent.dy));
        return;
      case 'startMove':
        if (g.kind === 'press') this.startMove(g.pointerId, intent.start);
        if (this.gesture?.kind === 'move') this.onPointerMove(e);
        return;
      case 'drag':
        if (!this.live || gesture.kind !== 'move') return;
        this.live.dx = intent.dx;
        this.live.dy = intent.dy;
        this.presence?.drag({ ids: gesture.explicit, dx: intent.dx, dy: intent.dy });
        this.editor.reposition();
        this.dragLayer.batchDraw();
        this.uiLayer.batchDraw();
        return;
      case 'marquee':
        this.selectHere([...new Set([...intent.base, ...this.index.inMarquee(intent.rect)])]);
        this.dragLayer.batchDraw();
        return;
      case 'connecting':
        this.dragLayer.batchDraw();
        return;
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
    if (e.pointerType === 'touch' && !cancelled && isTap(g)) this.detectDoubleTap(e);
    this.host.style.cursor = this.spaceHeld ? 'grab' : '';
    const intent = released(g, cancelled);
    switch (intent.do) {
      case 'none':
        return;
      case 'clearSelection':
        this.selection.clear();
        return;
      case 'selectOnly':
        this.selectHere([intent.id]);
        return;
      case 'endMove':
        if (g.kind === 'move') this.endMove(g.explicit, intent.cancelled);
        return;
      case 'endMarquee':
        this.dragLayer.batchDraw();
        return;
      case 'endConnect':
        if (intent.to) connect(this.board, intent.from, intent.to);
        this.dragLayer.batchDraw();
        this.syncSelectionUi();
        return;
    }
  }

  private lastTap: { at: number; p: Point } | null = null;
  private lastDoubleTapAt = -Infinity;

  private detectDoubleTap(e: PointerEvent): void {
    const p = this.screenPoint(e);
    if (isDoubleTap(this.lastTap, e.timeStamp, p)) {
      this.lastTap = null;
      this.onDoubleClick(e);
      return;
    }
    this.lastTap = { at: e.timeStamp, p };
  }

  private cancelGesture(): void {
    const g = this.gesture;
    if (g?.kind === 'move') this.endMove(g.explicit, true);
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
    if (this.handles.isTransformerPart(this.stage.getIntersection(p))) {
      // Double-click on the selection border of a note: edit it.
      this.commands.editSelected();
      return;
    }
    const hit = this.index.hitTest(world, HIT_SLOP_PX / this.vp.scale);
    // Inside a cluster's box (below its label) is room for one more note.
    if (!hit || (hit.kind === clusterType.type && hit.part === 'body')) {
      this.commands.addNoteAt(world);
      return;
    }
    this.selectHere([hit.id]);
    this.editor.open({ id: hit.id, kind: hit.kind }, { select: selectOnOpen(hit.kind) });
  }

  // ---------- move ----------

  private startMove(pointerId: number, start: Point): void {
    const explicit = this.selectedIds().filter((id) => {
      const v = this.index.get(id);
      return !!v && hasGeometry(v.record);
    });
    if (explicit.length === 0) {
      this.gesture = null;
      return;
    }
    const ids = new Set<string>();
    for (const id of explicit) {
      ids.add(id);
      const r = this.board.get(id);
      if (r && isContainer(r)) for (const d of descendants(this.board, id)) ids.add(d.id);
    }
    this.live = { ids, dx: 0, dy: 0, resize: null };
    this.liveHidden = this.hiddenIds();
    this.gesture = { kind: 'move', pointerId, start, explicit };
    this.handles.hide();
    this.host.style.cursor = 'grabbing';
    this.requestDraw();
  }

  private endMove(explicit: string[], cancelled: boolean): void {
    const live = this.live;
    if (!live) return;
    const { dx, dy } = live;
    // Before the move is written: others drop the ghost before the note lands, not after.
    this.presence?.drag(null);
    if (!cancelled && (dx !== 0 || dy !== 0)) {
      const moves: Move[] = [];
      for (const id of explicit) {
        const r = this.index.get(id)?.record;
        if (r && hasGeometry(r)) moves.push({ id, x: r.geometry.x + dx, y: r.geometry.y + dy });
      }
      // One drag, one command, one undo step: the move and any change of frame or cluster.
      moveAndReparent(this.board, moves);
    }
    this.live = null;
    this.liveHidden = null;
    this.requestDraw();
    this.syncSelectionUi();
    this.editor.reposition();
  }

  // ---------- resize (Konva Transformer on a proxy rect) ----------

  private resizeStart(rect: Rect): void {
    const id = this.selectedIds()[0];
    if (!id || this.readOnly) return;
    this.live = { ids: new Set([id]), dx: 0, dy: 0, resize: { id, rect } };
    this.liveHidden = this.hiddenIds();
    this.handles.hideConnectHandle();
    this.requestDraw();
  }

  private resizeMove(rect: Rect): void {
    if (!this.live?.resize) return;
    this.live.resize.rect = rect;
    this.editor.reposition();
    this.dragLayer.batchDraw();
  }

  private resizeEnd(rect: Rect): void {
    const resize = this.live?.resize;
    if (resize) resizeRecord(this.board, resize.id, roundRect(rect));
    this.live = null;
    this.liveHidden = null;
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
