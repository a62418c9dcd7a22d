// A record's text as the canvas draws it, shared by the live board and its picture.
import { capabilities, labelOf } from '../../shared/board/records/registry';
import { noteTextBox } from './draw';
import type { GlyphLoader } from './fonts';
import type { ItemView } from './sceneIndex';
import { NOTE_TEXT, fitText, type TextLayout, type WidthOf } from './textLayout';

/**
 * The record's text laid out in its box, kept on the view once its glyphs are loaded. Never
 * measured against a fallback font and kept: until the glyphs arrive the layout is only a hint
 * (`pending`) and they are requested (the caller redraws when they land).
 */
export function layoutOfView(view: ItemView, widthOf: WidthOf, glyphs: GlyphLoader): TextLayout {
  if (view.layout) return view.layout;
  const text = capabilities(view.record.type).longText ? labelOf(view.record) : '';
  const layout = fitText(text, noteTextBox(view.rect), widthOf, NOTE_TEXT);
  if (!glyphs.ready(text)) {
    glyphs.need(text);
    return { ...layout, pending: true };
  }
  view.layout = layout;
  return layout;
}
