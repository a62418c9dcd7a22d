// Note text layout: wrap at spaces (Korean word-break: keep-all, so a word stays whole unless it
// alone is wider than the note) and shrink the font until the text fits, down to a minimum size;
// text that still does not fit ends in an ellipsis. Pure: the width function is injected, so the
// canvas, the textarea overlay and the tests all share one algorithm.

/** Width of `text` at REFERENCE_SIZE px (widths scale linearly with font size). */
export type WidthOf = (text: string) => number;
export const REFERENCE_SIZE = 100;

export interface FitOptions {
  maxFont: number;
  minFont: number;
  /** Line height as a multiple of font size. */
  lineHeight: number;
  /** Inner padding in world units on every side. */
  padding: number;
}

export const NOTE_TEXT: FitOptions = { maxFont: 24, minFont: 11, lineHeight: 1.35, padding: 12 };

export interface TextLayout {
  fontSize: number;
  /** Line height in world units. */
  lineHeight: number;
  lines: string[];
  /** Width of each line in world units (for centring and for greeked bars). */
  widths: number[];
  /** True when even the minimum size could not hold everything (the last line ends in "…"). */
  truncated: boolean;
  /** Measured before the font's glyphs arrived: draw as hints, do not cache. */
  pending?: boolean;
}

const ELLIPSIS = '…';

/** Wraps at `maxWidth` (in REFERENCE_SIZE units). Explicit newlines always break. */
export function wrapText(text: string, maxWidth: number, widthOf: WidthOf): { lines: string[]; widths: number[] } {
  const lines: string[] = [];
  const widths: number[] = [];
  const space = widthOf(' ');
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    let started = false;
    const push = () => {
      lines.push(line);
      widths.push(lineWidth);
      line = '';
      lineWidth = 0;
      started = false;
    };
    for (const word of paragraph.split(' ')) {
      const w = word === '' ? 0 : widthOf(word);
      if (started) {
        if (lineWidth + space + w <= maxWidth) {
          line += ' ' + word;
          lineWidth += space + w;
          continue;
        }
        push();
      }
      started = true;
      if (w <= maxWidth) {
        line = word;
        lineWidth = w;
        continue;
      }
      // A single word wider than the line: break it between characters.
      for (const ch of Array.from(word)) {
        const cw = widthOf(ch);
        if (line !== '' && lineWidth + cw > maxWidth) {
          push();
          started = true;
        }
        line += ch;
        lineWidth += cw;
      }
    }
    push();
  }
  return { lines, widths };
}

/** The largest font size (integer, between min and max) at which the text fits the box. */
export function fitText(text: string, box: { w: number; h: number }, widthOf: WidthOf, options: FitOptions = NOTE_TEXT): TextLayout {
  const innerW = Math.max(1, box.w - 2 * options.padding);
  const innerH = Math.max(1, box.h - 2 * options.padding);
  const layoutAt = (size: number) => {
    const wrapped = wrapText(text, (innerW * REFERENCE_SIZE) / size, widthOf);
    return { size, ...wrapped, fits: wrapped.lines.length * size * options.lineHeight <= innerH + 0.01 };
  };
  if (text === '') return { fontSize: options.maxFont, lineHeight: options.maxFont * options.lineHeight, lines: [], widths: [], truncated: false };

  let lo = Math.ceil(options.minFont);
  let hi = Math.floor(options.maxFont);
  let best: ReturnType<typeof layoutAt> | null = null;
  const top = layoutAt(hi);
  if (top.fits) best = top;
  else {
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const attempt = layoutAt(mid);
      if (attempt.fits) {
        best = attempt;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }
  const scale = (size: number) => size / REFERENCE_SIZE;
  if (best) {
    return {
      fontSize: best.size,
      lineHeight: best.size * options.lineHeight,
      lines: best.lines,
      widths: best.widths.map((w) => w * scale(best.size)),
      truncated: false,
    };
  }
  // Even the minimum size overflows: keep what fits and end the last kept line with an ellipsis.
  const size = Math.ceil(options.minFont);
  const all = layoutAt(size);
  const maxLines = Math.max(1, Math.floor((innerH + 0.01) / (size * options.lineHeight)));
  const lines = all.lines.slice(0, maxLines);
  const widths = all.widths.slice(0, maxLines);
  const maxWidth = (innerW * REFERENCE_SIZE) / size;
  let last = lines[lines.length - 1] ?? '';
  const ellipsis = widthOf(ELLIPSIS);
  while (last !== '' && widthOf(last) + ellipsis > maxWidth) last = Array.from(last).slice(0, -1).join('');
  lines[lines.length - 1] = last + ELLIPSIS;
  widths[widths.length - 1] = widthOf(last) + ellipsis;
  return { fontSize: size, lineHeight: size * options.lineHeight, lines, widths: widths.map((w) => w * scale(size)), truncated: true };
}

/**
 * Memoises a raw measure (e.g. CanvasRenderingContext2D.measureText at REFERENCE_SIZE) per string.
 * Notes repeat words a lot; the cache is bounded and can be dropped when a web font arrives.
 */
export function cachedWidth(raw: WidthOf, limit = 50_000): WidthOf & { clear(): void; size(): number } {
  let cache = new Map<string, number>();
  const fn = ((text: string) => {
    let w = cache.get(text);
    if (w === undefined) {
      w = raw(text);
      if (cache.size >= limit) cache = new Map();
      cache.set(text, w);
    }
    return w;
  }) as WidthOf & { clear(): void; size(): number };
  fn.clear = () => {
    cache = new Map();
  };
  fn.size = () => cache.size;
  return fn;
}
