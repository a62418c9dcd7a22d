// Node side of the report's fonts: reads the bundled Noto Sans KR's @font-face rules and loads the
// WOFF files that the report's text needs (tests, benchmarks; the renderer fetches the same files).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Language } from '../../shared/i18n';
import { facesForText, parseFontFaces } from '../../shared/outcomes/package/fontFaces';
import { reportBlocks } from '../../shared/outcomes/package/pdf';
import type { OutcomePackage } from '../../shared/outcomes/package/schema';

// Resolved from the working directory (the repo root), not import.meta.url: benches load this
// module bundled into a data: URL, which has no directory.
const fontDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('@fontsource/noto-sans-kr/400.css'));

export function reportFontsFor(pkg: OutcomePackage, language: Language = 'ko'): Uint8Array[] {
  const faces = parseFontFaces(readFileSync(join(fontDir, '400.css'), 'utf8'));
  const text = `${reportBlocks(pkg, language).map((b) => b.text).join('')}0123456789/ □`;
  return facesForText(faces, text).map((face) => new Uint8Array(readFileSync(join(fontDir, face.url))));
}
