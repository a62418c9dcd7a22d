// The CSV bundle (domain.md §8.3): a lossless flattening of the package, read from the package
// schema itself. Scalars of a record are its columns (nested objects as `a.b`); each list becomes
// a link table `<table>.<field>.csv` whose rows point at their parent row (`_parent` → `_row`),
// in order. RFC 4180 through papaparse, UTF-8 (optional BOM for Excel), a columns.csv dictionary
// in Korean and English, and spreadsheet formulas neutralised.
import Papa from 'papaparse';
import { z } from 'zod';
import { messages } from '../../i18n';
import { packageSchema, SCHEMA_VERSION, type OutcomePackage } from './schema';
import { validatePackage, type PackageValidation } from './validate';

type LeafKind = 'string' | 'number' | 'boolean' | 'json';
interface Column { path: string[]; kind: LeafKind; nullable: boolean }
interface TableSpec {
  name: string;
  /** The field path of this list inside its parent row ([] for the root). */
  at: string[];
  columns: Column[];
  children: TableSpec[];
}

/**
 * A cell a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading apostrophe, and so
 * does one that already starts with apostrophes before such a character: reading strips exactly one,
 * so every value comes back as it was (papaparse's own escape cannot be undone).
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const unescapeFormula = (cell: string) => (FORMULA.test(cell) && cell.startsWith("'") ? cell.slice(1) : cell);

function unwrap(schema: z.ZodType): { inner: z.ZodType; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (let i = 0; i < 10; i++) {
    if (inner instanceof z.ZodNullable) nullable = true;
    if (inner instanceof z.ZodNullable || inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
    else if (inner instanceof z.ZodPipe) inner = inner.in as z.ZodType;
    else break;
  }
  return { inner, nullable };
}

function leafKind(schema: z.ZodType): LeafKind {
  if (schema instanceof z.ZodString || schema instanceof z.ZodEnum || schema instanceof z.ZodLiteral) return 'string';
  if (schema instanceof z.ZodNumber) return 'number';
  if (schema instanceof z.ZodBoolean) return 'boolean';
  return 'json';
}

function tableSpec(name: string, at: string[], item: z.ZodType): TableSpec {
  const spec: TableSpec = { name, at, columns: [], children: [] };
  const walk = (schema: z.ZodType, path: string[]) => {
    const { inner, nullable } = unwrap(schema);
    if (inner instanceof z.ZodObject && path.length < 8) {
      for (const [key, field] of Object.entries(inner.shape)) walk(field as z.ZodType, [...path, key]);
    } else if (inner instanceof z.ZodArray) {
      // Lists of the package itself are named by their field alone: problem_statements.csv.
      const prefix = at.length === 0 && name === 'package' ? '' : `${name}.`;
      spec.children.push(tableSpec(`${prefix}${path.join('.')}`, path, inner.element as z.ZodType));
    } else {
      spec.columns.push({ path: path.length ? path : ['value'], kind: leafKind(inner), nullable });
    }
  };
  walk(item, []);
  return spec;
}

export const CSV_TABLES: TableSpec = tableSpec('package', [], packageSchema);

function allTables(spec: TableSpec = CSV_TABLES): TableSpec[] {
  return [spec, ...spec.children.flatMap((c) => allTables(c))];
}

const get = (value: unknown, path: string[]): unknown => path.reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
function set(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => { node = (node[key] ??= {}) as Record<string, unknown>; });
  node[path.at(-1) as string] = value;
}

function encodeCell(value: unknown, column: Column): string | number {
  if (value === null || value === undefined) return '';
  if (column.kind === 'json') return JSON.stringify(value);
  if (column.kind === 'boolean') return value ? 'true' : 'false';
  return value as string | number;
}

function decodeCell(cell: string, column: Column): unknown {
  if (column.nullable && cell === '') return null;
  switch (column.kind) {
    case 'string': return unescapeFormula(cell);
    case 'number': return cell === '' ? Number.NaN : Number(cell);
    case 'boolean': return cell === 'true';
    case 'json': return cell === '' ? null : JSON.parse(cell);
  }
}

const fileOf = (spec: TableSpec) => `${spec.name}.csv`;
const headerOf = (spec: TableSpec) => ['schema_version', '_row', ...(spec.at.length ? ['_parent'] : []), ...spec.columns.map((c) => c.path.join('.'))];

export interface CsvOptions {
  /** Prepend a UTF-8 byte-order mark so Excel reads Hangul correctly. */
  bom?: boolean;
}

/** The package as CSV files (name → text), with columns.csv. */
export function packageToCsv(pkg: OutcomePackage, options: CsvOptions = {}): Record<string, string> {
  const rows = new Map<TableSpec, Array<Array<string | number>>>(allTables().map((t) => [t, []]));
  const emit = (spec: TableSpec, value: unknown, parent: number | null) => {
    const table = rows.get(spec) as Array<Array<string | number>>;
    const row = table.length + 1;
    const isScalar = spec.columns.length === 1 && spec.columns[0]?.path[0] === 'value' && (typeof value !== 'object' || value === null);
    table.push([SCHEMA_VERSION, row, ...(parent === null ? [] : [parent]),
      ...spec.columns.map((c) => encodeCell(isScalar ? value : get(value, c.path), c))]);
    for (const child of spec.children) for (const item of (get(value, child.at) as unknown[] | undefined) ?? []) emit(child, item, row);
  };
  emit(CSV_TABLES, pkg, null);
  const bom = options.bom ? '\uFEFF' : '';
  const files: Record<string, string> = {};
  for (const [spec, data] of rows) {
    files[fileOf(spec)] = bom + Papa.unparse({ fields: headerOf(spec), data }, { escapeFormulae: FORMULA, newline: '\r\n' });
  }
  files['columns.csv'] = bom + Papa.unparse({ fields: ['file', 'column', 'label_ko', 'label_en', 'type'], data: columnDictionary() }, { escapeFormulae: FORMULA, newline: '\r\n' });
  return files;
}

/** One row per column of every file: what it holds, in Korean and English. */
export function columnDictionary(): string[][] {
  return allTables().flatMap((spec) => headerOf(spec).map((name) => {
    const column = spec.columns.find((c) => c.path.join('.') === name);
    return [fileOf(spec), name, columnLabel(name, 'ko'), columnLabel(name, 'en'), column?.kind ?? (name === 'schema_version' ? 'string' : 'number')];
  }));
}

export function columnLabel(column: string, language: 'ko' | 'en'): string {
  return column.split('.').map((segment) => {
    const key = `outcomes.field.${segment}` as keyof typeof messages.ko;
    return messages[language][key] ?? segment;
  }).join(' › ');
}

/** Reads a CSV bundle back into a package (validated). Missing link tables mean empty lists. */
export function packageFromCsv(files: Readonly<Record<string, string>>): PackageValidation {
  const parsed = new Map<TableSpec, Record<string, string>[]>();
  for (const spec of allTables()) {
    const text = files[fileOf(spec)];
    if (text === undefined) {
      if (spec === CSV_TABLES) return { ok: false, issues: [{ path: 'package.csv', code: 'missingFile', message: 'package.csv is missing from the bundle' }] };
      parsed.set(spec, []);
      continue;
    }
    const result = Papa.parse<Record<string, string>>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { header: true, skipEmptyLines: 'greedy' });
    const missing = headerOf(spec).filter((h) => !(result.meta.fields ?? []).includes(h));
    if (missing.length) return { ok: false, issues: [{ path: fileOf(spec), code: 'missingColumn', message: `${fileOf(spec)} has no column ${missing.join(', ')}` }] };
    parsed.set(spec, result.data);
  }
  // Children grouped by their parent's row number, in file order.
  const byParent = new Map<TableSpec, Map<string, Record<string, string>[]>>();
  for (const [spec, data] of parsed) {
    const groups = new Map<string, Record<string, string>[]>();
    for (const row of data) {
      const key = row._parent ?? '';
      const group = groups.get(key);
      if (group) group.push(row); else groups.set(key, [row]);
    }
    byParent.set(spec, groups);
  }
  const build = (spec: TableSpec, row: Record<string, string>): unknown => {
    if (spec.columns.length === 1 && spec.columns[0]?.path[0] === 'value' && spec.children.length === 0) {
      return decodeCell(row.value ?? '', spec.columns[0]);
    }
    const value: Record<string, unknown> = {};
    for (const column of spec.columns) set(value, column.path, decodeCell(row[column.path.join('.')] ?? '', column));
    for (const child of spec.children) {
      set(value, child.at, (byParent.get(child)?.get(row._row ?? '') ?? []).map((r) => build(child, r)));
    }
    return value;
  };
  const root = parsed.get(CSV_TABLES)?.[0];
  if (!root) return { ok: false, issues: [{ path: 'package.csv', code: 'missingRow', message: 'package.csv has no row' }] };
  let value: unknown;
  try {
    value = build(CSV_TABLES, root);
  } catch (error) {
    return { ok: false, issues: [{ path: 'package.csv', code: 'badCell', message: (error as Error).message }] };
  }
  return validatePackage(value);
}
