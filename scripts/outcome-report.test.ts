// The Korean PDF report, read back the way a PDF reader extracts text (content streams through each
// font's ToUnicode map): it says what the package says, in Hangul, and nothing personal under `public`.
import { inflateSync } from 'node:zlib';
import type { PDFRef} from 'pdf-lib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../shared/outcomes/package/build';
import { renderReport } from '../shared/outcomes/package/pdf';
import { samplePersonalStrings, sampleSession } from '../shared/outcomes/package/sample';
import { reportFontsFor } from './lib/reportFonts';

const pkgOf = (profile: 'public' | 'official') =>
  buildPackage(sampleSession(), { profile, packageId: 'p', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } });

function streamText(stream: PDFStream): string {
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : inflateSync((stream as PDFRawStream).contents);
  return Buffer.from(bytes).toString('latin1');
}

/** glyph id (hex) → text, from a font's ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16))).replace(/[\uD800-\uDFFF]{2}/g, (s) => s);
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, from, to] of (body as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set((from as string).toUpperCase(), hex(to as string));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, a, b, to] of (body as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      for (let g = parseInt(a as string, 16), u = parseInt(to as string, 16); g <= parseInt(b as string, 16); g++, u++) {
        map.set(g.toString(16).toUpperCase().padStart((a as string).length, '0'), String.fromCodePoint(u));
      }
    }
  }
  return map;
}

async function extractText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict);
    const maps = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref as PDFRef, PDFDict);
      const cmap = font.lookup(PDFName.of('ToUnicode'));
      if (cmap instanceof PDFStream) maps.set(name.asString(), toUnicode(streamText(cmap)));
    }
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r) as PDFStream) : [contents as PDFStream];
    let current = new Map<string, string>();
    for (const stream of streams) {
      for (const [, font, hex] of streamText(stream).matchAll(/(?:(\/\S+)\s+[\d.]+\s+Tf)|<([0-9A-Fa-f]+)>\s*Tj/g)) {
        if (font) current = maps.get(font) ?? new Map();
        else lines.push((hex?.match(/.{4}/g) ?? []).map((g) => current.get(g.toUpperCase()) ?? '\uFFFD').join(''));
      }
    }
  }
  return lines.join('');
}

describe('PDF report', () => {
  it('prints problem statements, ideas, R&D demands, ranked votes and attendance by role in Korean', async () => {
    const pkg = pkgOf('public');
    const progress: number[] = [];
    const pdf = await renderReport(pkg, reportFontsFor(pkg), { onProgress: (f) => progress.push(f) });
    const text = await extractText(pdf);
    for (const expected of ['리빙랩 워크숍 결과 보고서', '지하상가 환기 취약 시간대의 미세먼지·CO2 고농도', 'IoT 공기질 센서와 연동한 자동 환기',
      '저전력 지하공간 공기질 예측 제어 기술', '배경 및 필요성', '1위', '어두운 골목', '주민 3', '합계 12명']) {
      expect(text.replace(/\s+/g, ''), expected).toContain(expected.replace(/\s+/g, ''));
    }
    expect(text).not.toContain('\uFFFD');
    expect(progress.at(-1)).toBe(1);
  });

  it('under public, contains no name, contact or reviewer, in its text or its metadata', async () => {
    const pkg = pkgOf('public');
    const pdf = await renderReport(pkg, reportFontsFor(pkg));
    const text = (await extractText(pdf)).replace(/\s+/g, '');
    const raw = Buffer.from(pdf).toString('latin1');
    const doc = await PDFDocument.load(pdf);
    const metadata = [doc.getTitle(), doc.getAuthor(), doc.getSubject(), doc.getKeywords(), doc.getCreator(), doc.getProducer()].join('|');
    expect(doc.getAuthor()).toBeUndefined();
    for (const personal of samplePersonalStrings()) {
      expect(text, personal).not.toContain(personal.replace(/\s+/g, ''));
      expect(metadata, personal).not.toContain(personal);
      expect(raw, personal).not.toContain(personal);
    }
  });

  it('draws a box for a character no bundled font has, never dropping it', async () => {
    const pkg = pkgOf('official');
    pkg.problem_statements[0]!.title = '마스크 😷 필요';
    const text = await extractText(await renderReport(pkg, reportFontsFor(pkg)));
    expect(text.replace(/\s+/g, '')).toContain('마스크□필요');
  });
});
