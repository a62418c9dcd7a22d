// A picture of the board, or of one frame, as SVG made from the board records themselves: frames
// with their titles, clusters with their labels, notes with their words and colours, connectors
// as lines. Nobody's name is drawn (a record's author is never read), so the picture is as public
// as the words on the board. Text is escaped; every string is an XML text node, never markup.
import type { BoardRecord, ClusterRecord, ConnectorRecord, FrameRecord, NoteRecord } from '../../board/types';
import { NOTE_COLORS, NOTE_TEXT_COLOR, isNoteColor } from '../../board/types';

export interface BoardSvgOptions {
  /** Only this frame and what lies in it; the whole board when absent. */
  frameId?: string;
  /** Empty space around the drawing, in board units. */
  margin?: number;
  /** Drawn at the top when given (the session's title). */
  title?: string;
  /**
   * The words of each note as an export profile allows them (the package's notes): a note not in
   * it is drawn as an empty box. Absent: the board's own words.
   */
  noteText?: ReadonlyMap<string, string>;
}

export interface BoardSvg {
  svg: string;
  width: number;
  height: number;
}

type Box = { x: number; y: number; w: number; h: number };

const FONT = "'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";
// Every character a note may hold is fine in XML text but these, and controls XML 1.0 forbids.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Splits text into at most `maxLines` lines of about `perLine` characters (wide characters count double). */
export function wrapText(text: string, perLine: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    let width = 0;
    for (const char of paragraph) {
      const w = /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(char) ? 2 : 1;
      if (width + w > perLine && line) {
        lines.push(line);
        line = '';
        width = 0;
      }
      line += char;
      width += w;
    }
    lines.push(line);
    if (lines.length >= maxLines) break;
  }
  if (lines.length > maxLines || (lines.length === maxLines && lines.join('').length < text.replace(/\r?\n/g, '').length)) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, Math.max(0, kept[maxLines - 1]!.length - 1))}…`;
    return kept;
  }
  return lines;
}

const inside = (inner: Box, outer: Box) =>
  inner.x + inner.w / 2 >= outer.x && inner.x + inner.w / 2 <= outer.x + outer.w && inner.y + inner.h / 2 >= outer.y && inner.y + inner.h / 2 <= outer.y + outer.h;

function textBlock(lines: string[], x: number, y: number, size: number, attrs = ''): string {
  return lines.map((line, i) => `<text x="${round(x)}" y="${round(y + i * size * 1.3)}" font-size="${size}"${attrs}>${escapeXml(line)}</text>`).join('');
}

/** The SVG of the board's records (or one frame's); null when there is nothing to draw. */
export function boardSvg(records: readonly BoardRecord[], options: BoardSvgOptions = {}): BoardSvg | null {
  const margin = options.margin ?? 40;
  const frames = records.filter((r): r is FrameRecord => r.type === 'frame');
  const frame = options.frameId ? frames.find((f) => f.id === options.frameId) : undefined;
  if (options.frameId && !frame) return null;
  const within = (r: { geometry: Box; frameId?: string | null }) => !frame || r.frameId === frame.id || inside(r.geometry, frame.geometry);
  const shownFrames = frame ? [frame] : frames;
  const clusters = records.filter((r): r is ClusterRecord => r.type === 'cluster').filter(within);
  const notes = records.filter((r): r is NoteRecord => r.type === 'note').filter(within);
  const byId = new Map<string, Box>([...shownFrames, ...clusters, ...notes].map((r) => [r.id, r.geometry]));
  const connectors = records.filter((r): r is ConnectorRecord => r.type === 'connector').filter((c) => byId.has(c.from) && byId.has(c.to));
  const boxes = [...shownFrames, ...clusters, ...notes].map((r) => r.geometry);
  if (!boxes.length) return null;

  const minX = Math.min(...boxes.map((b) => b.x)) - margin;
  const minY = Math.min(...boxes.map((b) => b.y)) - margin - (options.title ? 48 : 0);
  const width = Math.ceil(Math.max(...boxes.map((b) => b.x + b.w)) + margin - minX);
  const height = Math.ceil(Math.max(...boxes.map((b) => b.y + b.h)) + margin - minY);

  const parts: string[] = [];
  parts.push(`<rect x="${round(minX)}" y="${round(minY)}" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) parts.push(textBlock([options.title], minX + margin, minY + 36, 24, ' font-weight="700" fill="#1f2328"'));
  for (const f of shownFrames) {
    const g = f.geometry;
    parts.push(`<rect x="${round(g.x)}" y="${round(g.y)}" width="${round(g.w)}" height="${round(g.h)}" rx="12" fill="#f6f8fa" stroke="#8c959f" stroke-width="2"/>`);
    parts.push(textBlock(wrapText(f.title, Math.max(8, Math.floor(g.w / 11)), 1), g.x + 16, g.y + 30, 20, ' font-weight="700" fill="#1f2328"'));
  }
  for (const c of clusters) {
    const g = c.geometry;
    parts.push(`<rect x="${round(g.x)}" y="${round(g.y)}" width="${round(g.w)}" height="${round(g.h)}" rx="10" fill="none" stroke="#57606a" stroke-width="2" stroke-dasharray="8 6"/>`);
    parts.push(textBlock(wrapText(c.label, Math.max(8, Math.floor(g.w / 9)), 1), g.x + 12, g.y - 8, 16, ' font-weight="600" fill="#1f2328"'));
  }
  for (const k of connectors) {
    const a = byId.get(k.from)!;
    const b = byId.get(k.to)!;
    parts.push(`<line x1="${round(a.x + a.w / 2)}" y1="${round(a.y + a.h / 2)}" x2="${round(b.x + b.w / 2)}" y2="${round(b.y + b.h / 2)}" stroke="#57606a" stroke-width="2" marker-end="url(#arrow)"/>`);
  }
  for (const n of notes) {
    const g = n.geometry;
    const fill = isNoteColor(n.color) ? NOTE_COLORS[n.color] : NOTE_COLORS.yellow;
    parts.push(`<rect x="${round(g.x)}" y="${round(g.y)}" width="${round(g.w)}" height="${round(g.h)}" rx="6" fill="${fill}" stroke="#d0d7de"/>`);
    const size = 14;
    const words = options.noteText ? (options.noteText.get(n.id) ?? '') : n.text;
    const lines = wrapText(words, Math.max(4, Math.floor((g.w - 20) / (size * 0.55))), Math.max(1, Math.floor((g.h - 16) / (size * 1.3))));
    parts.push(textBlock(lines, g.x + 10, g.y + 10 + size, size, ` fill="${NOTE_TEXT_COLOR}"`));
  }
  const defs = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#57606a"/></marker></defs>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${round(minX)} ${round(minY)} ${width} ${height}" font-family="${escapeXml(FONT)}">${defs}${parts.join('')}</svg>`;
  return { svg, width, height };
}
