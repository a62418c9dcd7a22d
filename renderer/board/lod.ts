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

/** The author's name under a note, in world px: 14 px on screen at 100%. */
export const AUTHOR_FONT_SIZE = 14;
/**
 * Smallest author label drawn, in screen px. A 1080p projector seen from 3 m shows about 1 mm per
 * pixel; 12 px is the least that stays readable from the back of a workshop room, so below it the
 * name is hidden rather than drawn as a smudge.
 */
export const AUTHOR_MIN_SCREEN_PX = 12;

/** Whether authors' names are drawn on notes at this zoom (readable, or not at all). */
export function showsAuthor(scale: number): boolean {
  return AUTHOR_FONT_SIZE * scale >= AUTHOR_MIN_SCREEN_PX;
}

/** Zoomed out but not far: the first words of each note, readable, when this few notes are in view. */
export const HEADLINE_MAX_NOTES = 400;
/** Headline text on screen, px. */
export const HEADLINE_SCREEN_PX = 11;
