// Presence on one board canvas: publishes this user's pointer, selection and drag through a
// PresenceChannel, and draws everyone else's on a Konva layer of its own. A remote cursor moving
// redraws only this layer, never the board's content, and at most at the rate one person may send
// (cursorIntervalMs: 10 Hz up to 10 people, slower beyond): drawing faster shows no position more,
// and in a busy room every frame drawn for a cursor is CPU a phone (or a laptop running many
// pages) needs for the board itself.
import Konva from 'konva/lib/Core';
import type { Context } from 'konva/lib/Context';
import {
  createThrottle, cursorIntervalMs, pickVisibleCursors, systemClock,
  type PresenceDrag, type PresencePoint, type RemotePresence, type ThrottleClock,
} from '../../../shared/sync/presence';
import type { Selection } from '../selection';
import { screenToWorld, visibleWorldRect, type Viewport } from '../viewport';
import type { PresenceChannel } from './presenceChannel';
import { drawPresence, type PresenceFrame, type PresenceShape } from './drawPresence';

/** What the presence layer reads from the board view it sits on. */
export interface PresenceView {
  viewport(): Viewport;
  size(): { width: number; height: number };
  /** A record as drawn on this board; undefined for unknown ids and for connectors. */
  shapeOf(id: string): PresenceShape | undefined;
}

export interface PresenceStats extends PresenceFrame {
  /** Everyone else present, with or without a cursor on the board. */
  people: number;
  /** Milliseconds the last draw took (picking, culling and canvas calls). */
  ms: number;
}

export class BoardPresence {
  readonly layer: Konva.Layer;
  private remotes: readonly RemotePresence[] | null = null;
  private shown = new Set<number>();
  private ownCursor: PresencePoint | null = null;
  private readonly labelWidths = new Map<string, number>();
  private readonly disposers: Array<() => void> = [];
  private last: PresenceStats = { people: 0, cursors: 0, outlines: 0, ghosts: 0, ms: 0 };

  constructor(
    private readonly channel: PresenceChannel,
    private readonly view: PresenceView,
    selection: Selection,
    private readonly maxCursors?: number,
    clock: ThrottleClock = systemClock,
  ) {
    this.layer = new Konva.Layer({ listening: false });
    this.layer.add(new Konva.Shape({ listening: false, perfectDrawEnabled: false, sceneFunc: (ctx) => this.draw(ctx) }));
    const remoteChanged = createThrottle<null>(() => this.layer.batchDraw(), () => cursorIntervalMs(channel.roomSize()), clock);
    this.disposers.push(
      channel.subscribe(() => {
        this.remotes = null;
        remoteChanged.push(null);
      }),
      () => remoteChanged.cancel(),
      selection.subscribe(() => channel.setSelection(selection.get().selected)),
    );
    channel.setSelection(selection.get().selected);
  }

  /** The local pointer in board coordinates, or null when it left the canvas. */
  pointer(world: PresencePoint | null): void {
    // Not redrawn for: the next remote change draws with it, and our own moves are frequent.
    this.ownCursor = world;
    this.channel.setCursor(world);
  }

  drag(drag: PresenceDrag | null): void {
    this.channel.setDrag(drag);
  }

  /** After the camera moved or the board changed (outlines and ghosts follow their records). */
  redraw(): void {
    this.layer.batchDraw();
  }

  stats(): PresenceStats {
    return { ...this.last };
  }

  /** Others stop seeing this user on the board; the channel itself stays (its owner destroys it). */
  destroy(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.channel.setCursor(null);
    this.channel.setDrag(null);
    this.channel.setSelection([]);
    this.layer.destroy();
  }

  private draw(context: Context): void {
    const t0 = performance.now();
    const vp = this.view.viewport();
    const { width, height } = this.view.size();
    this.remotes ??= this.channel.remotes();
    // Nearest to this user's pointer, or to the middle of what they are looking at.
    const focus = this.ownCursor ?? screenToWorld(vp, { x: width / 2, y: height / 2 });
    const cursors = pickVisibleCursors(this.remotes, { focus, max: this.maxCursors, shown: this.shown });
    this.shown = new Set(cursors.map((r) => r.clientId));
    const frame = drawPresence(context._context, {
      scale: vp.scale,
      view: visibleWorldRect(vp, width, height, 8),
      cursors,
      everyone: this.remotes,
      shapeOf: (id) => this.view.shapeOf(id),
      labelWidths: this.labelWidths,
    });
    this.last = { ...frame, people: this.remotes.length, ms: performance.now() - t0 };
  }
}
