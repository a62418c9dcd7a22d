// Draws a board's picture on a plain canvas the way the live board draws the same records
// (draw.ts over a SceneIndex, the same fit, level of detail and text layout), so the picture
// and the board that replaces it look the same.
import type { TemplateKind } from '../../../shared/board/types';
import { drawDots, drawScene, type DotGrid } from '../draw';
import { GlyphLoader, canvasWidthOf } from '../fonts';
import { chooseLod } from '../lod';
import { SceneIndex } from '../sceneIndex';
import { layoutOfView } from '../sceneText';
import { fitRect, visibleWorldRect } from '../viewport';
import type { BoardPicture } from './boardPicture';

export class PicturePainter {
  private readonly index = new SceneIndex();
  private readonly widthOf = canvasWidthOf();
  private readonly glyphs: GlyphLoader;
  private readonly locked: ReadonlySet<string>;
  private dots: DotGrid | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    picture: BoardPicture,
    private readonly zoneLabel: (kind: TemplateKind, zone: string) => string,
  ) {
    this.index.load(picture.records);
    this.locked = new Set(picture.locked);
    this.glyphs = new GlyphLoader(document.fonts, () => {
      this.widthOf.clear();
      for (const view of this.index.views.values()) view.layout = null;
      this.paint();
    });
  }

  /** Records in the picture. */
  get items(): number {
    return this.index.size;
  }

  /** Draws the whole board fitted to the canvas's box, as the live board opens; returns how many records were drawn. */
  paint(): number {
    const box = this.canvas.getBoundingClientRect();
    const width = Math.max(1, Math.round(box.width));
    const height = Math.max(1, Math.round(box.height));
    const ratio = globalThis.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return 0;
    // The live board's first camera (BoardRenderer.fit) and its level of detail from 'full'.
    const vp = fitRect(this.index.contentBounds(), width, height, 64, 1);
    this.dots = drawDots(ctx, this.dots, vp, width, height, ratio);
    ctx.setTransform(ratio * vp.scale, 0, 0, ratio * vp.scale, ratio * vp.x, ratio * vp.y);
    const locked = this.locked;
    return drawScene(ctx, this.index.visible(visibleWorldRect(vp, width, height)), this.index, {
      scale: vp.scale,
      lod: chooseLod(vp.scale, 'full'),
      hidden: null,
      textHidden: null,
      layoutOf: (view) => layoutOfView(view, this.widthOf, this.glyphs),
      rectOf: (view) => view.rect,
      ...(locked.size > 0 ? { locked: (id: string) => locked.has(id) } : {}),
      zoneLabel: this.zoneLabel,
    });
  }

  destroy(): void {
    this.glyphs.destroy();
  }
}
