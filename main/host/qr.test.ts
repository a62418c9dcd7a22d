import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSvg, qrTerminal } from './qr';

const url = 'http://192.168.0.23:4780/?join=K7M2QP';

describe('QR codes', () => {
  it('draws one square per dark module inside a quiet zone', () => {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const dark = Array.from(modules.data).filter((bit) => bit === 1).length;
    const svg = qrSvg(url);
    expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules.size + 8} ${modules.size + 8}"`));
    expect(svg.match(/h1v1h-1z/g)).toHaveLength(dark);
    expect(qrSvg(url)).toBe(svg);
    expect(qrSvg(`${url}X`)).not.toBe(svg);
  });

  it('prints two module rows per terminal line', () => {
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const lines = qrTerminal(url).split('\n');
    expect(lines).toHaveLength(Math.ceil((modules.size + 4) / 2));
    expect(lines[0]).toContain('\x1b[30;47m');
  });
});
