// The Korean PDF report, read back the way a PDF reader extracts text (content streams through each
// font's ToUnicode map): it says what the package says, in Hangul, and nothing personal under `public`.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../shared/outcomes/package/build';
import { renderReport } from '../shared/outcomes/package/pdf';
import { samplePersonalStrings, sampleSession } from '../shared/outcomes/package/sample';
import { extractText } from './lib/pdfText';
import { reportFontsFor } from './lib/reportFonts';

const pkgOf = (profile: 'public' | 'official') =>
  buildPackage(sampleSession(), { profile, packageId: 'p', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } });

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

  it('adds a picture of each frame on its own page, under the frame\'s title', async () => {
    const pkg = pkgOf('public');
    // A 1×1 PNG stands in for a frame's picture (the app draws it from the board's SVG).
    const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
    const plain = await PDFDocument.load(await renderReport(pkg, reportFontsFor(pkg)));
    const pdf = await renderReport(pkg, reportFontsFor(pkg), { frames: [{ title: '문제 나무', png }, { title: '어떻게 하면', png }] });
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(plain.getPageCount() + 2);
    const text = (await extractText(pdf)).replace(/\s+/g, '');
    expect(text).toContain('보드:문제나무');
    expect(text).toContain('보드:어떻게하면');
  });
});
