// Plain, immutable views of board records. The Y.Doc holds them as one Y.Map per record
// (schema.ts); Board turns each into one of these and caches it until that record changes.
import { z } from 'zod';

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

const base = {
  id: z.string().min(1).max(200),
  z: z.string().min(1).max(200),
  createdAt: z.number().finite(),
  updatedAt: z.number().finite(),
  author: z.string().max(200),
};
const ref = z.string().min(1).max(200).optional();

export const noteSchema = z.object({
  ...base,
  type: z.literal('note'),
  geometry: geometrySchema,
  text: z.string().max(TEXT_MAX),
  color: z.enum(NOTE_COLOR_NAMES as [NoteColor, ...NoteColor[]]),
  frameId: ref,
  clusterId: ref,
});
/**
 * A frame may hold a facilitation template: its kind decides the zones drawn inside it and what
 * the notes in each zone mean (shared/workshop/templates.ts). A frame without one is a free board.
 */
export const TEMPLATE_KINDS = ['problemTree', 'fiveWhys', 'hmw', 'affinity', 'stakeholderMap', 'impactMatrix', 'empathyMap', 'free'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export function isTemplateKind(value: unknown): value is TemplateKind {
  return typeof value === 'string' && (TEMPLATE_KINDS as readonly string[]).includes(value);
}

export const frameSchema = z.object({
  ...base,
  type: z.literal('frame'),
  geometry: geometrySchema,
  title: z.string().max(LABEL_MAX),
  template: z.enum(TEMPLATE_KINDS).optional(),
});
export const clusterSchema = z.object({
  ...base,
  type: z.literal('cluster'),
  geometry: geometrySchema,
  label: z.string().max(LABEL_MAX),
  frameId: ref,
});
export const connectorSchema = z.object({
  ...base,
  type: z.literal('connector'),
  from: z.string().min(1).max(200),
  to: z.string().min(1).max(200),
  label: z.string().max(LABEL_MAX),
});
export const recordSchema = z.discriminatedUnion('type', [noteSchema, frameSchema, clusterSchema, connectorSchema]);

export type NoteRecord = Readonly<z.infer<typeof noteSchema>>;
export type FrameRecord = Readonly<z.infer<typeof frameSchema>>;
export type ClusterRecord = Readonly<z.infer<typeof clusterSchema>>;
export type ConnectorRecord = Readonly<z.infer<typeof connectorSchema>>;
export type BoardRecord = NoteRecord | FrameRecord | ClusterRecord | ConnectorRecord;
export type RecordType = BoardRecord['type'];
export type RecordWithGeometry = NoteRecord | FrameRecord | ClusterRecord;

export interface BoardChange {
  added: string[];
  updated: string[];
  removed: string[];
  /** True when this peer made the change (a command, undo/redo, or a local migration). */
  local: boolean;
  origin: unknown;
}

export function hasGeometry(record: BoardRecord): record is RecordWithGeometry {
  return record.type !== 'connector';
}

/** Fractional-index keys compare by code unit, not by locale; ties (concurrent inserts) by id. */
export function compareZ(a: BoardRecord, b: BoardRecord): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
