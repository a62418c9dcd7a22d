// The package as one file to hand over: a ZIP (fflate) with the JSON, the CSV bundle, the form
// views, the JSON Schema that describes it and, when given, the PDF report. Importing reads the
// JSON, or the CSV files when there is no JSON (a bundle edited in a spreadsheet).
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { Language } from '../../i18n';
import { packageToCsv, packageFromCsv } from './csv';
import { formToMarkdown, proposalForms, rndDemandForms } from './forms';
import { outcomeJsonSchemas } from './jsonSchema';
import { packageToJson } from './json';
import type { OutcomePackage } from './schema';
import { validatePackage, PACKAGE_MAX_CHARS, type PackageValidation } from './validate';

export { packageToJson };

export const BUNDLE_JSON = 'package.json';
export const BUNDLE_PDF = 'report.pdf';
/** What an import will inflate at most, in total: a ZIP bomb stops here. */
export const BUNDLE_MAX_BYTES = 256 * 1024 * 1024;

export interface BundleOptions {
  /** The PDF report (renderReport), already made: it is async and needs the fonts. */
  pdf?: Uint8Array;
  /** CSV with a BOM for Excel. */
  bom?: boolean;
  language?: Language;
  /** Pictures of the board (images/<name>): board.svg, board.png… */
  images?: Readonly<Record<string, Uint8Array>>;
}

export function bundleFiles(pkg: OutcomePackage, options: BundleOptions = {}): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = { [BUNDLE_JSON]: strToU8(packageToJson(pkg)) };
  for (const [name, text] of Object.entries(packageToCsv(pkg, { bom: options.bom }))) files[`csv/${name}`] = strToU8(text);
  const number = (i: number) => String(i + 1).padStart(2, '0');
  proposalForms(pkg, options.language).forEach((form, i) => { files[`forms/proposal-${number(i)}.md`] = strToU8(formToMarkdown(form)); });
  rndDemandForms(pkg, options.language).forEach((form, i) => { files[`forms/rnd-demand-${number(i)}.md`] = strToU8(formToMarkdown(form)); });
  for (const [name, schema] of Object.entries(outcomeJsonSchemas())) files[`schemas/${name}`] = strToU8(`${JSON.stringify(schema, null, 2)}\n`);
  if (options.pdf) files[BUNDLE_PDF] = options.pdf;
  for (const [name, bytes] of Object.entries(options.images ?? {})) files[`images/${name}`] = bytes;
  return files;
}

export function zipPackage(pkg: OutcomePackage, options: BundleOptions = {}): Uint8Array {
  const entries: Zippable = {};
  // The PDF is compressed already; a fixed time keeps the same package byte-identical.
  const mtime = new Date(pkg.published_at);
  for (const [name, bytes] of Object.entries(bundleFiles(pkg, options))) entries[name] = [bytes, { level: name === BUNDLE_PDF ? 0 : 6, mtime }];
  return zipSync(entries);
}

/** Reads a package from JSON text or ZIP bytes, validated either way. */
export function importPackage(input: string | Uint8Array): PackageValidation {
  if (typeof input === 'string') return validatePackage(input);
  const isZip = input[0] === 0x50 && input[1] === 0x4b;
  if (!isZip) {
    if (input.length > PACKAGE_MAX_CHARS * 3) return { ok: false, issues: [{ path: '$', code: 'tooLarge', message: 'the file is too large' }] };
    return validatePackage(strFromU8(input));
  }
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(input, {
      filter: (file) => {
        if (!(file.name === BUNDLE_JSON || /^csv\/[\w.]+\.csv$/.test(file.name))) return false;
        total += file.originalSize;
        if (total > BUNDLE_MAX_BYTES) throw new Error(`the bundle inflates to more than ${BUNDLE_MAX_BYTES} bytes`);
        return true;
      },
    });
  } catch (error) {
    return { ok: false, issues: [{ path: '$', code: 'badZip', message: `not a readable ZIP: ${(error as Error).message}` }] };
  }
  const json = files[BUNDLE_JSON];
  if (json) return validatePackage(strFromU8(json));
  const csv = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name.slice('csv/'.length), strFromU8(bytes)]));
  if (Object.keys(csv).length === 0) return { ok: false, issues: [{ path: '$', code: 'missingFile', message: `the ZIP has neither ${BUNDLE_JSON} nor csv/package.csv` }] };
  return packageFromCsv(csv);
}
