// The only listening Konva nodes of the canvas: the Transformer that resizes the one selected
// record (driven through an invisible proxy rectangle, so records never become Konva nodes) and
// the round handle a connector is dragged from. BoardRenderer says what is selected and what may
// be done; this places the nodes and reports a resize as it happens.
import { Rect as KonvaRect } from 'konva/lib/shapes/Rect';
import { Circle } from 'konva/lib/shapes/Circle';
import { Transformer } from 'konva/lib/shapes/Transformer';
import type Konva from 'konva/lib/Core';
import { THEME } from './draw';
import type { Rect } from './viewport';

/** The smallest a record may be resized to, in board units. */
export const MIN_SIZE = 40;

export interface ResizeEvents {
  start(rect: Rect): void;
  move(rect: Rect): void;
  end(rect: Rect): void;
}

export class SelectionHandles {
  private readonly proxy: KonvaRect;
  private readonly transformer: Transformer;
  private readonly handle: Circle;

  constructor(layer: Konva.Layer, scale: () => number, events: ResizeEvents) {
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
        const min = MIN_SIZE * scale();
        return Math.abs(newBox.width) < min || Math.abs(newBox.height) < min ? oldBox : newBox;
      },
    });
    this.handle = new Circle({ radius: 8, fill: '#ffffff', stroke: THEME.accent, strokeWidth: 2, visible: false, perfectDrawEnabled: false, hitStrokeWidth: 12 });
    layer.add(this.proxy, this.transformer, this.handle);
    this.proxy.on('transformstart', () => events.start(this.proxyRect()));
    this.proxy.on('transform', () => events.move(this.proxyRect()));
    this.proxy.on('transformend', () => {
      events.end(this.proxyRect());
      this.proxy.scale({ x: 1, y: 1 });
    });
  }

  /** Whether a Konva node under the pointer is one of the Transformer's anchors or its border. */
  isTransformerPart(node: Konva.Node | null): boolean {
    return !!node && node !== this.handle && node.getParent() === this.transformer;
  }

  isConnectHandle(node: Konva.Node | null): boolean {
    return node === this.handle;
  }

  /** Whether the Transformer is on a record now (its outline replaces the plain selection outline). */
  get transforming(): boolean {
    return this.transformer.nodes().length > 0;
  }

  /**
   * Puts the Transformer on `resizable` (null: nowhere) unless a resize is running (then it keeps
   * its live box), and the connection handle beside `connectFrom` (null: hidden).
   */
  sync(resizable: Rect | null, resizing: boolean, connectFrom: Rect | null, scale: number): void {
    if (resizable) {
      if (!resizing) this.proxy.setAttrs({ x: resizable.x, y: resizable.y, width: resizable.w, height: resizable.h, scaleX: 1, scaleY: 1, visible: true });
      if (this.transformer.nodes()[0] !== this.proxy) this.transformer.nodes([this.proxy]);
      this.transformer.forceUpdate();
    } else if (this.transformer.nodes().length) {
      this.transformer.nodes([]);
      this.proxy.visible(false);
    }
    this.handle.visible(!!connectFrom);
    if (connectFrom) {
      const s = 1 / scale;
      this.handle.setAttrs({ x: connectFrom.x + connectFrom.w + 18 * s, y: connectFrom.y + connectFrom.h / 2, scaleX: s, scaleY: s });
    }
  }

  /** Everything hidden (a drag started). */
  hide(): void {
    this.handle.visible(false);
    this.transformer.nodes([]);
    this.proxy.visible(false);
  }

  hideConnectHandle(): void {
    this.handle.visible(false);
  }

  private proxyRect(): Rect {
    const p = this.proxy;
    return { x: p.x(), y: p.y(), w: Math.max(MIN_SIZE, p.width() * Math.abs(p.scaleX())), h: Math.max(MIN_SIZE, p.height() * Math.abs(p.scaleY())) };
  }
}
