// Level of detail: how much of a note is worth drawing at a given zoom. Text that would be a few
// pixels tall costs as much to draw as readable text and tells the viewer nothing.
export type Lod = 'full' | 'lines' | 'blocks';

/** At and above this scale, note text is drawn as text. */
export const LOD_TEXT_SCALE = 0.35;
/** Between this and LOD_TEXT_SCALE, text is hinted by grey bars ("greeking"); below, plain blocks. */
export const LOD_LINES_SCALE = 0.12;
/** Within this fraction of a threshold the previous level is kept (no flicker while pinching). */
const HYSTERESIS = 0.08;

export function chooseLod(scale: number, previous?: Lod): Lod {
  const raw: Lod = scale >= LOD_TEXT_SCALE ? 'full' : scale >= LOD_LINES_SCALE ? 'lines' : 'blocks';
  if (!previous || previous === raw) return raw;
  const near = (threshold: number) => Math.abs(scale - threshold) < HYSTERESIS * threshold;
  if (raw === 'lines' && previous === 'full' && near(LOD_TEXT_SCALE)) return previous;
  if (raw === 'full' && previous === 'lines' && near(LOD_TEXT_SCALE)) return previous;
  if (raw === 'blocks' && previous === 'lines' && near(LOD_LINES_SCALE)) return previous;
  if (raw === 'lines' && previous === 'blocks' && near(LOD_LINES_SCALE)) return previous;
  return raw;
}

/** Decorations (author, frame titles' small print) only when they would be legible. */
export function showsSmallPrint(scale: number): boolean {
  return scale >= 0.6;
}
