// Facilitation templates as data. A template is a frame with a `template` kind: the kind decides
// the zones drawn inside it, and a note's zone (where its centre lies) decides what the note is:
// a cause of the problem tree, the third "why", a How-Might-We question, a stakeholder with its
// influence and interest. Readers turn a template frame into typed records for the outline, the
// automation API and export; nothing is read from pixels.
import type { Board } from '../board/board';
import { FRAME_TITLE_SPACE, createFrame, createNote, type NoteInput } from '../board/commands';
import { NOTE_SIZE, type FrameRecord, type Geometry, type NoteRecord, type TemplateKind, type BoardRecord } from '../board/types';

/** A zone as fractions of the frame's content area (below its title). */
export interface ZoneDefinition {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Templates whose area is one plane with two axes (placement gives scores 1–5). */
export interface PlaneAxes {
  /** Left (low) → right (high). */
  x: string;
  /** Bottom (low) → top (high). */
  y: string;
}

export interface TemplateDefinition {
  kind: TemplateKind;
  /** The frame's size when the template is added. */
  size: { w: number; h: number };
  zones: readonly ZoneDefinition[];
  axes?: PlaneAxes;
}

const third = 1 / 3;
const quadrants = (keys: [string, string, string, string]): ZoneDefinition[] => [
  { key: keys[0], x: 0, y: 0, w: 0.5, h: 0.5 },
  { key: keys[1], x: 0.5, y: 0, w: 0.5, h: 0.5 },
  { key: keys[2], x: 0, y: 0.5, w: 0.5, h: 0.5 },
  { key: keys[3], x: 0.5, y: 0.5, w: 0.5, h: 0.5 },
];

export const TEMPLATES: Readonly<Record<TemplateKind, TemplateDefinition>> = {
  // Effects grow out of the core problem at the top, causes are its roots below (the usual drawing).
  problemTree: {
    kind: 'problemTree',
    size: { w: 1200, h: 960 },
    zones: [
      { key: 'effects', x: 0, y: 0, w: 1, h: third },
      { key: 'core', x: 0, y: third, w: 1, h: third },
      { key: 'causes', x: 0, y: 2 * third, w: 1, h: third },
    ],
  },
  fiveWhys: {
    kind: 'fiveWhys',
    size: { w: 1500, h: 600 },
    zones: ['problem', 'why1', 'why2', 'why3', 'why4', 'why5'].map((key, i) => ({ key, x: i / 6, y: 0, w: 1 / 6, h: 1 })),
  },
  hmw: { kind: 'hmw', size: { w: 1200, h: 700 }, zones: [{ key: 'questions', x: 0, y: 0, w: 1, h: 1 }] },
  affinity: { kind: 'affinity', size: { w: 1400, h: 900 }, zones: [] },
  // Quadrant names follow the usual power/interest grid (Mendelow).
  stakeholderMap: {
    kind: 'stakeholderMap',
    size: { w: 1200, h: 960 },
    zones: quadrants(['keepSatisfied', 'manageClosely', 'monitor', 'keepInformed']),
    axes: { x: 'interest', y: 'influence' },
  },
  impactMatrix: {
    kind: 'impactMatrix',
    size: { w: 1200, h: 960 },
    zones: quadrants(['majorProjects', 'quickWins', 'thanklessTasks', 'fillIns']),
    axes: { x: 'feasibility', y: 'impact' },
  },
  empathyMap: { kind: 'empathyMap', size: { w: 1200, h: 960 }, zones: quadrants(['says', 'thinks', 'does', 'feels']) },
  free: { kind: 'free', size: { w: 1200, h: 800 }, zones: [] },
};

/** The frame's content area: below the title band. */
export function contentArea(frame: Geometry): Geometry {
  const top = Math.min(FRAME_TITLE_SPACE, frame.h / 2);
  return { x: frame.x, y: frame.y + top, w: frame.w, h: frame.h - top };
}

/** The zones of a template frame on the board, in board coordinates. */
export function templateZones(frame: Pick<FrameRecord, 'geometry' | 'template'>): Array<{ key: string; rect: Geometry }> {
  if (!frame.template) return [];
  const area = contentArea(frame.geometry);
  return TEMPLATES[frame.template].zones.map((zone) => ({
    key: zone.key,
    rect: { x: area.x + zone.x * area.w, y: area.y + zone.y * area.h, w: zone.w * area.w, h: zone.h * area.h },
  }));
}

const centre = (g: Geometry) => ({ x: g.x + g.w / 2, y: g.y + g.h / 2 });
const contains = (r: Geometry, p: { x: number; y: number }) => p.x >= r.x && p.x < r.x + r.w && p.y >= r.y && p.y < r.y + r.h;

/** The zone a record's centre lies in, or undefined (outside every zone, or a template without zones). */
export function zoneOf(frame: Pick<FrameRecord, 'geometry' | 'template'>, geometry: Geometry): string | undefined {
  const c = centre(geometry);
  return templateZones(frame).find((zone) => contains(zone.rect, c))?.key;
}

/** Placement on a plane template as scores 1–5 along its axes (centre of the note). */
export function planeScores(frame: Pick<FrameRecord, 'geometry' | 'template'>, geometry: Geometry): { x: number; y: number } | undefined {
  if (!frame.template || !TEMPLATES[frame.template].axes) return undefined;
  const area = contentArea(frame.geometry);
  const c = centre(geometry);
  const fx = clamp01((c.x - area.x) / area.w);
  const fy = clamp01(1 - (c.y - area.y) / area.h);
  return { x: 1 + Math.round(fx * 4), y: 1 + Math.round(fy * 4) };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

/** The notes that belong to a frame: its own and those of its clusters, in z order. */
export function notesIn(board: Board, frameId: string): NoteRecord[] {
  const out: NoteRecord[] = [];
  for (const child of board.children(frameId)) {
    if (child.type === 'note') out.push(child);
    else if (child.type === 'cluster') for (const n of board.children(child.id)) if (n.type === 'note') out.push(n);
  }
  return out;
}

/** One note as a template reads it. */
export interface TemplateItem {
  id: string;
  text: string;
  author: string;
}

export type TemplateContent =
  | { kind: 'problemTree'; frameId: string; title: string; core: TemplateItem[]; causes: TemplateItem[]; effects: TemplateItem[]; links: Array<{ from: string; to: string }> }
  | { kind: 'fiveWhys'; frameId: string; title: string; problem: TemplateItem[]; whys: TemplateItem[][] }
  | { kind: 'hmw'; frameId: string; title: string; questions: TemplateItem[] }
  | { kind: 'affinity'; frameId: string; title: string; clusters: Array<{ id: string; label: string; notes: TemplateItem[] }>; unclustered: TemplateItem[] }
  | { kind: 'stakeholderMap'; frameId: string; title: string; stakeholders: Array<TemplateItem & { influence: number; interest: number; quadrant: string }> }
  | { kind: 'impactMatrix'; frameId: string; title: string; placements: Array<TemplateItem & { impact: number; feasibility: number; quadrant: string }> }
  | { kind: 'empathyMap'; frameId: string; title: string; says: TemplateItem[]; thinks: TemplateItem[]; does: TemplateItem[]; feels: TemplateItem[] }
  | { kind: 'free'; frameId: string; title: string; notes: TemplateItem[] };

const item = (n: NoteRecord): TemplateItem => ({ id: n.id, text: n.text, author: n.author });

/** Reads a frame as its template's typed content; a frame without a template reads as a free board. */
export function readTemplate(board: Board, frameId: string): TemplateContent | undefined {
  const frame = board.get(frameId);
  if (frame?.type !== 'frame') return undefined;
  const notes = notesIn(board, frameId);
  const base = { frameId, title: frame.title };
  const byZone = (key: string) => notes.filter((n) => zoneOf(frame, n.geometry) === key).map(item);
  switch (frame.template ?? 'free') {
    case 'problemTree': {
      const ids = new Set(notes.map((n) => n.id));
      const links = board.all()
        .filter((r): r is Extract<BoardRecord, { type: 'connector' }> => r.type === 'connector' && ids.has(r.from) && ids.has(r.to))
        .map((c) => ({ from: c.from, to: c.to }));
      return { kind: 'problemTree', ...base, core: byZone('core'), causes: byZone('causes'), effects: byZone('effects'), links };
    }
    case 'fiveWhys':
      return { kind: 'fiveWhys', ...base, problem: byZone('problem'), whys: [1, 2, 3, 4, 5].map((i) => byZone(`why${i}`)) };
    case 'hmw':
      return { kind: 'hmw', ...base, questions: notes.map(item) };
    case 'affinity': {
      const clusters = board.children(frameId).filter((r) => r.type === 'cluster').map((c) => ({
        id: c.id,
        label: c.type === 'cluster' ? c.label : '',
        notes: board.children(c.id).filter((n): n is NoteRecord => n.type === 'note').map(item),
      }));
      const unclustered = board.children(frameId).filter((n): n is NoteRecord => n.type === 'note').map(item);
      return { kind: 'affinity', ...base, clusters, unclustered };
    }
    case 'stakeholderMap':
      return {
        kind: 'stakeholderMap', ...base,
        stakeholders: notes.map((n) => {
          const s = planeScores(frame, n.geometry) ?? { x: 1, y: 1 };
          return { ...item(n), interest: s.x, influence: s.y, quadrant: zoneOf(frame, n.geometry) ?? '' };
        }),
      };
    case 'impactMatrix':
      return {
        kind: 'impactMatrix', ...base,
        placements: notes.map((n) => {
          const s = planeScores(frame, n.geometry) ?? { x: 1, y: 1 };
          return { ...item(n), feasibility: s.x, impact: s.y, quadrant: zoneOf(frame, n.geometry) ?? '' };
        }),
      };
    case 'empathyMap':
      return { kind: 'empathyMap', ...base, says: byZone('says'), thinks: byZone('thinks'), does: byZone('does'), feels: byZone('feels') };
    case 'free':
      return { kind: 'free', ...base, notes: notes.map(item) };
  }
}

/** Every frame holding a template of `kind` (free: frames without one), read as content. */
export function readTemplates(board: Board, kind: TemplateKind): TemplateContent[] {
  return board.all()
    .filter((r): r is FrameRecord => r.type === 'frame' && (r.template ?? 'free') === kind)
    .map((f) => readTemplate(board, f.id))
    .filter((c): c is TemplateContent => c !== undefined);
}

/** Adds a template frame with its top-left at `at`; returns its id (null when this client may not). */
export function addTemplate(board: Board, kind: TemplateKind, at: { x: number; y: number }, title: string): string | null {
  const { w, h } = TEMPLATES[kind].size;
  return createFrame(board, { x: at.x, y: at.y, w, h, title, template: kind });
}

const GAP = 16;
/** Height of a zone's name band (renderer/board/draw.ts draws the name in it). */
export const ZONE_LABEL_SPACE = 36;

/**
 * Where a new note goes in a zone (or, for templates without zones, the frame's content area):
 * the first free slot on a grid, row by row, so notes added from the keyboard never pile up.
 */
export function freeSlotIn(board: Board, frameId: string, zoneKey?: string): { x: number; y: number } | undefined {
  const frame = board.get(frameId);
  if (frame?.type !== 'frame') return undefined;
  const zone = zoneKey ? templateZones(frame).find((z) => z.key === zoneKey) : undefined;
  if (zoneKey && !zone) return undefined;
  // A zone's name is drawn in its top-left corner: notes start below it.
  const area = zone ? { ...zone.rect, y: zone.rect.y + ZONE_LABEL_SPACE, h: Math.max(1, zone.rect.h - ZONE_LABEL_SPACE) } : contentArea(frame.geometry);
  const taken = notesIn(board, frameId).map((n) => n.geometry);
  const cols = Math.max(1, Math.floor((area.w - GAP) / (NOTE_SIZE.w + GAP)));
  const rows = Math.max(1, Math.floor((area.h - GAP) / (NOTE_SIZE.h + GAP)));
  const slot = (i: number) => ({ x: area.x + GAP + (i % cols) * (NOTE_SIZE.w + GAP), y: area.y + GAP + Math.floor(i / cols) * (NOTE_SIZE.h + GAP) });
  for (let i = 0; i < cols * rows; i++) {
    const p = slot(i);
    const box = { ...p, w: NOTE_SIZE.w, h: NOTE_SIZE.h };
    if (!taken.some((g) => overlaps(g, box))) return p;
  }
  // A full zone: stack on its last slot, slightly offset, rather than spill outside it.
  const last = slot(cols * rows - 1);
  return { x: last.x + (taken.length % 8) * 4, y: last.y + (taken.length % 8) * 4 };
}

const overlaps = (a: Geometry, b: Geometry) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Adds a note in a template's zone (keyboard and outline use this, and the automation API). */
export function addToZone(board: Board, frameId: string, zoneKey: string | undefined, input: Omit<NoteInput, 'x' | 'y' | 'frameId'>): string | null {
  const at = freeSlotIn(board, frameId, zoneKey);
  if (!at) return null;
  return createNote(board, { ...input, ...at, frameId });
}

/** A template's note as the outcome drafts read it (shared/outcomes/draft.ts TemplateItem). */
export interface TemplateItemRef {
  id: string;
  kind: TemplateKind;
  role: 'core' | 'cause' | 'effect' | 'hmw' | 'goal' | 'other';
  text: string;
}

/**
 * Every note of every template on the board with its part in it: a problem tree's core problem,
 * causes and effects; a 5 Whys chain's problem (core) and answers (causes); HMW questions.
 */
export function templateItemsOf(board: Board): TemplateItemRef[] {
  const out: TemplateItemRef[] = [];
  const add = (kind: TemplateKind, role: TemplateItemRef['role'], items: readonly TemplateItem[]) => {
    for (const i of items) out.push({ id: i.id, kind, role, text: i.text });
  };
  for (const frame of board.all()) {
    if (frame.type !== 'frame' || !frame.template) continue;
    const content = readTemplate(board, frame.id);
    if (!content) continue;
    switch (content.kind) {
      case 'problemTree':
        add('problemTree', 'core', content.core);
        add('problemTree', 'cause', content.causes);
        add('problemTree', 'effect', content.effects);
        break;
      case 'fiveWhys':
        add('fiveWhys', 'core', content.problem);
        add('fiveWhys', 'cause', content.whys.flat());
        break;
      case 'hmw':
        add('hmw', 'hmw', content.questions);
        break;
      default:
        break;
    }
  }
  return out;
}

/** The template and zone a note sits in (directly or in a cluster of the frame), if any. */
export function templatePlaceOf(board: Board, noteId: string): { kind: TemplateKind; zone: string | undefined } | undefined {
  const note = board.get(noteId);
  if (note?.type !== 'note') return undefined;
  const cluster = note.clusterId ? board.get(note.clusterId) : undefined;
  const frameId = cluster?.type === 'cluster' ? cluster.frameId : note.frameId;
  const frame = frameId ? board.get(frameId) : undefined;
  if (frame?.type !== 'frame' || !frame.template) return undefined;
  return { kind: frame.template, zone: zoneOf(frame, note.geometry) };
}
