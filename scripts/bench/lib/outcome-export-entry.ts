// The work the outcome-export bench times, bundled for Node by scripts/bench/outcome-export.mjs.
import { buildPackage, importPackage, packageToCsv, packageToJson, validatePackage, zipPackage } from '../../../shared/outcomes/package';
import { renderReport } from '../../../shared/outcomes/package/pdf';
import { sampleSession } from '../../../shared/outcomes/package/sample';
import type { Profile } from '../../../shared/outcomes/package/schema';
import { reportFontsFor } from '../../lib/reportFonts';

export async function exportOnce(notes: number, profile: Profile) {
  const input = sampleSession({ notes, seed: 5 });
  const time = async <T>(work: () => T | Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, performance.now() - started];
  };
  const started = performance.now();
  const [pkg, buildMs] = await time(() => buildPackage(input, { profile, packageId: 'bench', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: 'bench' } }));
  const [json, jsonMs] = await time(() => packageToJson(pkg));
  const [, validateMs] = await time(() => validatePackage(json));
  const [csv, csvMs] = await time(() => packageToCsv(pkg, { bom: true }));
  const [fonts, fontLoadMs] = await time(() => reportFontsFor(pkg));
  const [pdf, pdfMs] = await time(() => renderReport(pkg, fonts));
  const [zip, zipMs] = await time(() => zipPackage(pkg, { pdf, bom: true }));
  const exportMs = performance.now() - started;
  const [imported, importZipMs] = await time(() => importPackage(zip));
  if (!imported.ok) throw new Error(`bench: the package did not import: ${JSON.stringify(imported.issues.slice(0, 3))}`);
  return {
    exportMs, buildMs, jsonMs, validateMs, csvMs, fontLoadMs, pdfMs, zipMs, importZipMs,
    notesInPackage: pkg.notes.length,
    jsonBytes: json.length, csvBytes: Object.values(csv).reduce((sum, text) => sum + text.length, 0), pdfBytes: pdf.length, zipBytes: zip.length,
  };
}
