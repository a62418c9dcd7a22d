// The bundled Hangul font on the canvas. Noto Sans KR comes as ~120 unicode-range slices per
// weight; a canvas cannot ask for a slice by itself, so glyphs are requested explicitly for the
// text about to be measured, and layouts are redone once they arrive (text is never measured
// against a fallback font and then left that way).
import { FONT_FAMILY, fontFor } from './draw';
import { REFERENCE_SIZE, cachedWidth, type WidthOf } from './textLayout';

export { FONT_FAMILY };

export class GlyphLoader {
  private readonly requested = new Set<string>();
  private pending = '';
  private scheduled = false;
  private destroyed = false;

  constructor(
    private readonly fonts: FontFaceSet | undefined,
    private readonly onLoaded: () => void,
    private readonly specs: readonly string[] = [fontFor(16), fontFor(16, 700)],
  ) {}

  /** Whether every glyph of `text` is loaded (unknowable without a FontFaceSet: assume yes). */
  ready(text: string): boolean {
    if (!this.fonts || !text) return true;
    try {
      return this.fonts.check(this.specs[0]!, text);
    } catch {
      return true;
    }
  }

  /** Notes that `text` is about to be drawn; its glyphs are fetched if they were never asked for. */
  need(text: string): void {
    if (!this.fonts) return;
    for (const ch of text) {
      if (ch <= ' ' || this.requested.has(ch)) continue;
      this.requested.add(ch);
      this.pending += ch;
    }
    if (this.pending && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Resolves when the glyphs asked for so far are loaded (or failed to load). */
  async flush(): Promise<void> {
    this.scheduled = false;
    const text = this.pending;
    this.pending = '';
    if (!text || !this.fonts) return;
    const loaded = await Promise.all(this.specs.map((spec) => this.fonts!.load(spec, text).catch(() => [] as FontFace[])));
    if (!this.destroyed && loaded.some((faces) => faces.length > 0)) this.onLoaded();
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** Width at REFERENCE_SIZE px of the note font, memoised; clear() when new glyphs arrive. */
export function canvasWidthOf(): WidthOf & { clear(): void } {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) return cachedWidth((text) => text.length * REFERENCE_SIZE * 0.9);
  ctx.font = fontFor(REFERENCE_SIZE);
  return cachedWidth((text) => ctx.measureText(text).width);
}

/** Waits (bounded) for the basic Latin and Hangul slices, so the first measured layouts are right. */
export async function fontsReady(fonts: FontFaceSet | undefined = globalThis.document?.fonts): Promise<void> {
  if (!fonts) return;
  await Promise.all([fonts.load(fontFor(16), '가나다 abc 123'), fonts.load(fontFor(16, 700), '가나다 abc')]).catch(() => undefined);
}
