// Draws the Madang mark and writes resources/icons/icon.svg and a 512×512 icon.png from the
// same shapes: a rounded square (ㅁ, the first letter of 마당), the yard inside it, and
// people gathered in a ring around the shared map at its centre. No image library: the PNG is encoded here with zlib.
// Run: node scripts/make-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const PINE = '#2e6b4e';
const EARTH = '#f2ddb0';
const PERSIMMON = '#e4703a';
const PEOPLE = 6;

/** Shapes in paint order. */
export const shapes = [
  { kind: 'roundedRect', x: 24, y: 24, size: 464, radius: 104, fill: PINE },
  { kind: 'circle', cx: 256, cy: 256, r: 168, fill: EARTH },
  { kind: 'roundedRect', x: 214, y: 214, size: 84, radius: 18, fill: PINE },
  ...Array.from({ length: PEOPLE }, (_, i) => {
    const angle = (i / PEOPLE) * 2 * Math.PI - Math.PI / 2;
    return { kind: 'circle', cx: round(256 + 112 * Math.cos(angle)), cy: round(256 + 112 * Math.sin(angle)), r: 30, fill: PERSIMMON };
  }),
];

function round(n) {
  return Math.round(n * 100) / 100;
}

function contains(shape, x, y) {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  // Rounded rectangle: distance to the inner rectangle shrunk by the radius.
  const { x: left, y: top, size, radius } = shape;
  const dx = Math.max(left + radius - x, 0, x - (left + size - radius));
  const dy = Math.max(top + radius - y, 0, y - (top + size - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

export function toSvg() {
  const body = shapes.map((s) =>
    s.kind === 'circle'
      ? `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
      : `  <rect x="${s.x}" y="${s.y}" width="${s.size}" height="${s.size}" rx="${s.radius}" fill="${s.fill}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    '  <title>마당 Madang</title>',
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** RGBA pixels, 4×4 supersampled for smooth edges. */
export function rasterize(size = SIZE) {
  const scale = SIZE / size;
  const colours = shapes.map((s) => rgb(s.fill));
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) * scale;
          const y = (py + (sy + 0.5) / n) * scale;
          for (let i = shapes.length - 1; i >= 0; i--) {
            if (!contains(shapes[i], x, y)) continue;
            const [cr, cg, cb] = colours[i];
            r += cr; g += cg; b += cb; a += 1;
            break;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        pixels[o] = Math.round(r / a);
        pixels[o + 1] = Math.round(g / a);
        pixels[o + 2] = Math.round(b / a);
        pixels[o + 3] = Math.round((a / (n * n)) * 255);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG (colour type 6), every row with filter 0. */
export function encodePng(pixels, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '..', 'resources', 'icons');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'icon.svg'), toSvg());
  writeFileSync(join(dir, 'icon.png'), encodePng(rasterize(SIZE), SIZE, SIZE));
  console.log(`wrote ${join(dir, 'icon.svg')} and icon.png (${SIZE}×${SIZE})`);
}
