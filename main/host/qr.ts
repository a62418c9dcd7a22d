// QR codes of join URLs: SVG markup for the facilitator panel and a block rendering for the
// CLI. Both are drawn from the module matrix of `qrcode`, synchronously.
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

function matrix(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const dark = (row: number, col: number) => row >= 0 && col >= 0 && row < size && col < size && modules.get(row, col) === 1;
  return { size, dark };
}

/** Black modules on a white square, scalable (viewBox in modules, quiet zone included). */
export function qrSvg(text: string): string {
  const { size, dark } = matrix(text);
  const full = size + QUIET_ZONE * 2;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (dark(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}

/**
 * Two module rows per text line with half blocks, black on an explicit white background so
 * it scans on dark and light terminals alike.
 */
export function qrTerminal(text: string): string {
  const { size, dark } = matrix(text);
  const margin = 2;
  const lines: string[] = [];
  for (let row = -margin; row < size + margin; row += 2) {
    let line = '';
    for (let col = -margin; col < size + margin; col++) {
      const top = dark(row, col);
      const bottom = dark(row + 1, col);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(`\x1b[30;47m${line}\x1b[0m`);
  }
  return lines.join('\n');
}
