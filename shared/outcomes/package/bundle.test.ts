import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildPackage, bundleFiles, importPackage, packageToJson, zipPackage } from './index';
import { samplePersonalStrings, sampleSession } from './sample';

const pkg = buildPackage(sampleSession(), { profile: 'public', packageId: 'p', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0' } });

describe('package bundle and import', () => {
  it('round-trips through JSON text losslessly', () => {
    expect(importPackage(packageToJson(pkg))).toEqual({ ok: true, package: pkg });
  });

  it('zips the JSON, the CSV bundle, the forms, the schemas and the report, and reads the package back', () => {
    const pdf = strToU8('%PDF-1.7 stand-in');
    const zip = zipPackage(pkg, { pdf, bom: true });
    const names = Object.keys(unzipSync(zip));
    expect(names).toEqual(expect.arrayContaining(['package.json', 'csv/package.csv', 'csv/columns.csv', 'forms/proposal-01.md', 'forms/rnd-demand-01.md', 'schemas/package.schema.json', 'report.pdf']));
    expect(importPackage(zip)).toEqual({ ok: true, package: pkg });
    expect(zipPackage(pkg, { pdf, bom: true })).toEqual(zip); // same package, same bytes
  });

  it('reads a ZIP of only the CSV files (edited in a spreadsheet) back to the same package', () => {
    const csvOnly = Object.fromEntries(Object.entries(bundleFiles(pkg, { bom: true })).filter(([name]) => name.startsWith('csv/')));
    expect(importPackage(zipSync(csvOnly))).toEqual({ ok: true, package: pkg });
  });

  it('puts nothing personal anywhere in a public bundle', () => {
    const text = Object.values(bundleFiles(pkg)).map((bytes) => new TextDecoder().decode(bytes)).join('\n');
    for (const personal of samplePersonalStrings()) expect(text, personal).not.toContain(personal);
  });

  it('refuses what is not a package: broken ZIP, empty ZIP, ZIP bomb', () => {
    expect(importPackage(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9]))).toMatchObject({ ok: false, issues: [{ code: 'badZip' }] });
    expect(importPackage(zipSync({ 'readme.txt': strToU8('hi') }))).toMatchObject({ ok: false, issues: [{ code: 'missingFile' }] });
    // A bomb declares its inflated size in the central directory (offset 24 of each entry): claim 4 GB.
    const bomb = zipSync({ 'package.json': new Uint8Array(1024) }, { level: 9 });
    const central = bomb.findIndex((_, i) => bomb[i] === 0x50 && bomb[i + 1] === 0x4b && bomb[i + 2] === 1 && bomb[i + 3] === 2);
    new DataView(bomb.buffer).setUint32(central + 24, 0xfffffff0, true);
    expect(importPackage(bomb)).toMatchObject({ ok: false, issues: [{ code: 'badZip', message: expect.stringContaining('inflates to more than') }] });
  });
});
