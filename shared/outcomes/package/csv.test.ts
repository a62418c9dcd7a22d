import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n';
import { buildPackage, columnDictionary, packageFromCsv, packageToCsv, PROFILES, type OutcomePackage } from './index';
import { sampleSession } from './sample';

const make = (profile: (typeof PROFILES)[number] = 'official') =>
  buildPackage(sampleSession(), { profile, packageId: 'pkg-1', publishedAt: '2026-05-13T12:00:00+09:00', generator: { name: 'Madang', version: '0.1.0' } });

const cells = (files: Record<string, string>) =>
  Object.entries(files).flatMap(([file, text]) => Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.flatMap((row) => row.map((cell) => ({ file, cell }))));

describe('CSV bundle', () => {
  it.each(PROFILES)('round-trips a %s package losslessly', (profile) => {
    const pkg = make(profile);
    const back = packageFromCsv(packageToCsv(pkg));
    expect(back.ok ? back.package : back.issues).toEqual(pkg);
  });

  it('writes one file per list (link tables), each starting with schema_version, plus the dictionary', () => {
    const files = packageToCsv(make());
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'package.csv', 'problem_statements.csv', 'problem_statements.root_causes.csv', 'ideas.linked_problem_ids.csv',
      'rnd_demands.demand_side_users.csv', 'problem_statements.provenance.note_ids.csv', 'votes.csv', 'vote_results.csv', 'columns.csv',
    ]));
    for (const [name, text] of Object.entries(files)) if (name !== 'columns.csv') expect(text.startsWith('schema_version,_row'), name).toBe(true);
    const links = Papa.parse<Record<string, string>>(files['ideas.linked_problem_ids.csv'] as string, { header: true }).data;
    expect(links).toEqual([{ schema_version: '1.0.0', _row: '1', _parent: '1', value: 'ps-1' }]);
  });

  it('keeps commas, quotes, newlines, Hangul and emoji, and neutralises every formula prefix', () => {
    const files = packageToCsv(make());
    expect(files['problem_statements.csv']).toContain('"저녁 시간, ""환기""가 멈추면 공기가 나빠집니다, 특히 상인에게."');
    expect(files['notes.csv']).toContain(`"'=HYPERLINK(""http://x"",""클릭"") 지하상가, ""공기"" 나빠요\n밤 9시 이후 😷"`);
    const dangerous = cells(files).filter(({ cell }) => /^[=+\-@\t\r]/.test(cell));
    expect(dangerous).toEqual([]);
    expect(cells(files).some(({ cell }) => cell === "'+예산 부족")).toBe(true);
    expect(cells(files).some(({ cell }) => cell === "'\tLoRa")).toBe(true);
  });

  it('adds a BOM for Excel only when asked, and reads both', () => {
    const plain = packageToCsv(make());
    const bom = packageToCsv(make(), { bom: true });
    expect(plain['package.csv']?.charCodeAt(0)).not.toBe(0xfeff);
    expect(bom['package.csv']?.charCodeAt(0)).toBe(0xfeff);
    expect(packageFromCsv(bom)).toEqual(packageFromCsv(plain));
  });

  it('round-trips any text, including apostrophes before formula characters (property, 200 runs)', () => {
    const base = make();
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom('', "'", "''", '=', "'=", '-', '@', '\t', '\r', '\r\n', '"', ','), (text, prefix) => {
      const note = { ...base.notes[0], text: prefix + text } as OutcomePackage['notes'][number];
      const pkg = { ...base, notes: [note] };
      const back = packageFromCsv(packageToCsv(pkg));
      expect(back.ok && back.package.notes[0]?.text).toBe(prefix + text);
    }), { numRuns: 200 });
  });

  it('labels every column of every file in Korean and English', () => {
    const dictionary = columnDictionary();
    expect(dictionary.length).toBeGreaterThan(100);
    const keys = Object.keys(messages.ko);
    const unlabelled = dictionary.flatMap(([, column]) => (column as string).split('.')).filter((segment) => !keys.includes(`outcomes.field.${segment}`));
    expect([...new Set(unlabelled)]).toEqual([]);
  });

  it('says which file or column is missing', () => {
    const files = packageToCsv(make());
    const { ['package.csv']: _gone, ...rest } = files;
    expect(packageFromCsv(rest)).toMatchObject({ ok: false, issues: [{ code: 'missingFile', path: 'package.csv' }] });
    const broken = { ...files, 'ideas.csv': (files['ideas.csv'] as string).replace('solution_type', 'kind_of_solution') };
    expect(packageFromCsv(broken)).toMatchObject({ ok: false, issues: [{ code: 'missingColumn', message: 'ideas.csv has no column solution_type' }] });
  });
});
