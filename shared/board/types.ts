// Plain, immutable views of board records. The Y.Doc holds them as one Y.Map per record
// (schema.ts); Board turns each into one of these and caches it until that record changes.
import { z } from 'zod';
import type { BoardRecord } from './records/registry';

/** Pastel fills, each at least 4.5:1 (WCAG AA) against NOTE_TEXT_COLOR (checked in types.test.ts). */
export const NOTE_COLORS = {
  yellow: '#ffe8a3',
  pink: '#ffc9de',
  green: '#c3efc8',
  blue: '#c5e1ff',
  orange: '#ffd3a8',
  purple: '#e2d4ff',
} as const;
export type NoteColor = keyof typeof NOTE_COLORS;
export const NOTE_COLOR_NAMES = Object.keys(NOTE_COLORS) as NoteColor[];
export const DEFAULT_NOTE_COLOR: NoteColor = 'yellow';
export const NOTE_TEXT_COLOR = '#1f2328';

export const NOTE_SIZE = { w: 160, h: 120 } as const;
export const TEXT_MAX = 10_000;
export const LABEL_MAX = 500;
export const COORD_MAX = 10_000_000;

export function isNoteColor(value: unknown): value is NoteColor {
  return typeof value === 'string' && Object.hasOwn(NOTE_COLORS, value);
}

const coord = z.number().finite().min(-COORD_MAX).max(COORD_MAX);
export const geometrySchema = z.object({
  x: coord,
  y: coord,
  w: z.number().finite().min(1).max(COORD_MAX),
  h: z.number().finite().min(1).max(COORD_MAX),
});
export type Geometry = Readonly<z.infer<typeof geometrySchema>>;

/**
 * A frame may hold a facilitation template: its kind decides the zones drawn inside it and what
 * the notes in each zone mean (shared/workshop/templates.ts). A frame without one is a free board.
 */
export const TEMPLATE_KINDS = ['problemTree', 'fiveWhys', 'hmw', 'affinity', 'stakeholderMap', 'impactMatrix', 'empathyMap', 'free'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export function isTemplateKind(value: unknown): value is TemplateKind {
  return typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value);
}

// The record types themselves (their schemas, reading, writing, capabilities) are one module each
// under records/, listed in records/registry.ts. Only their types are re-exported here: a value
// import from there would make a cycle (the record modules use the constants above).
export type { NoteRecord } from './records/note';
export type { FrameRecord } from './records/frame';
export type { ClusterRecord } from './records/cluster';
export type { ConnectorRecord } from './records/connector';
export type { BoardRecord, RecordType, RecordWithGeometry, LinkRecord } from './records/registry';
export interface BoardChange {
  added: string[];
  updated: string[];
  removed: string[];
  /** True when this peer made the change (a command, undo/redo, or a local migration). */
  local: boolean;
  origin: unknown;
}

/** Fractional-index keys compare by code unit, not by locale; ties (concurrent inserts) by id. */
export function compareZ(a: BoardRecord, b: BoardRecord): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
