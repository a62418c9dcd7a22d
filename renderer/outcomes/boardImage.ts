// Pictures of the board for an export: the SVG made from the records (shared/outcomes/image), and a
// PNG drawn from that SVG on a canvas. The words are those the export's profile keeps.
import type { Board } from '../../shared/board';
import { boardSvg } from '../../shared/outcomes/image/boardSvg';
import type { OutcomePackage } from '../../shared/outcomes/package/schema';
import type { FramePicture } from '../../shared/outcomes/package/pdf';
import type { ExportFile } from './session';

/** Canvases larger than this fail in some browsers: bigger boards are scaled down to fit. */
const MAX_SIDE = 8192;

export function boardSvgFor(board: Board, pkg: OutcomePackage, frameId?: string): { svg: string; width: number; height: number } | null {
  return boardSvg(board.all(), { frameId, title: frameId ? undefined : pkg.session.title, noteText: new Map(pkg.notes.map((n) => [n.id, n.text])) });
}

export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Uint8Array> {
  const factor = Math.min(scale, MAX_SIDE / width, MAX_SIDE / height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * factor));
  canvas.height = Math.max(1, Math.round(height * factor));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
  } finally {
    URL.revokeObjectURL(url);
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the picture could not be made');
  return new Uint8Array(await blob.arrayBuffer());
}

/** The board (or one frame) as an SVG or PNG file, named after the package. */
export async function boardImageFile(board: Board, pkg: OutcomePackage, format: 'svg' | 'png', frameId?: string): Promise<ExportFile | null> {
  const picture = boardSvgFor(board, pkg, frameId);
  if (!picture) return null;
  const base = `madang-${pkg.session.id.slice(0, 12)}-${pkg.profile}-${frameId ? `frame-${frameId.slice(0, 8)}` : 'board'}`;
  if (format === 'svg') return { name: `${base}.svg`, type: 'image/svg+xml', bytes: new TextEncoder().encode(picture.svg) };
  return { name: `${base}.png`, type: 'image/png', bytes: await svgToPng(picture.svg, picture.width, picture.height) };
}

/** The whole board's pictures for the ZIP (none when the board is empty or the PNG cannot be made). */
export async function zipImages(board: Board | null, pkg: OutcomePackage): Promise<Record<string, Uint8Array>> {
  if (!board) return {};
  const picture = boardSvgFor(board, pkg);
  if (!picture) return {};
  const images: Record<string, Uint8Array> = { 'board.svg': new TextEncoder().encode(picture.svg) };
  try {
    images['board.png'] = await svgToPng(picture.svg, picture.width, picture.height);
  } catch {
    // The SVG alone still shows the board.
  }
  return images;
}

/** A picture of each frame for the PDF report (frames whose PNG cannot be made are left out). */
export async function framePictures(board: Board | null, pkg: OutcomePackage): Promise<FramePicture[]> {
  if (!board) return [];
  const pictures: FramePicture[] = [];
  for (const frame of board.all()) {
    if (frame.type !== 'frame') continue;
    const picture = boardSvgFor(board, pkg, frame.id);
    if (!picture) continue;
    try {
      pictures.push({ title: frame.title, png: await svgToPng(picture.svg, picture.width, picture.height, 1) });
    } catch {
      // The report still has every record; this frame's picture is only missing.
    }
  }
  return pictures;
}
