// The workshop's agenda and where the room is in it: session state (keys `agenda` and `step`),
// the facilitator's and co-facilitators' to change (policy.ts; the hub undoes anyone else's).
// Each step has a template, a prompt, a time box and a phase of the living-lab cycle; moving to a
// step brings everyone to its frame (the frame is made the first time the step is reached).
import { z } from 'zod';
import type { Board } from '../board/board';
import { LOCAL, sessionMap } from '../board/schema';
import { LABEL_MAX, TEMPLATE_KINDS, TEXT_MAX, type FrameRecord } from '../board/types';
import { mayChangeSession } from '../board/policy';
import { randomId } from '../util/randomId';
import { TEMPLATES, addTemplate } from './templates';

/** The living-lab cycle (domain research §2): identify → redefine → directions → R&D demand. */
export const PHASES = ['identify', 'redefine', 'directions', 'rndDemand'] as const;
export type Phase = (typeof PHASES)[number];

export const AGENDA_MAX_STEPS = 40;
export const STEP_MINUTES_MAX = 600;

export const agendaStepSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(LABEL_MAX),
  prompt: z.string().max(2_000),
  minutes: z.number().int().min(0).max(STEP_MINUTES_MAX),
  phase: z.enum(PHASES),
  template: z.enum(TEMPLATE_KINDS),
  /** The step's frame, once the step has been reached (or placed by the facilitator). */
  frameId: z.string().min(1).max(200).optional(),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const agendaSchema = z.object({
  title: z.string().max(LABEL_MAX),
  steps: z.array(agendaStepSchema).max(AGENDA_MAX_STEPS),
});
export type Agenda = z.infer<typeof agendaSchema>;

export const EMPTY_AGENDA: Agenda = Object.freeze({ title: '', steps: [] });

/** The agenda in the session state; an invalid value (an older or odd peer) reads as empty. */
export function readAgenda(board: Board): Agenda {
  const parsed = agendaSchema.safeParse(sessionMap(board.doc).get('agenda'));
  return parsed.success ? parsed.data : EMPTY_AGENDA;
}

/** The current step's index, or -1 before the first step (or when the agenda is empty). */
export function readStep(board: Board): number {
  const value: unknown = sessionMap(board.doc).get('step');
  const steps = readAgenda(board).steps.length;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < steps ? value : -1;
}

/** A step as written by a person or a ready-made agenda: ids are made here, text is clipped. */
export type StepInput = Omit<AgendaStep, 'id' | 'frameId'> & { id?: string; frameId?: string };

function normalise(steps: readonly StepInput[]): AgendaStep[] | null {
  const out: AgendaStep[] = [];
  const ids = new Set<string>();
  for (const input of steps.slice(0, AGENDA_MAX_STEPS)) {
    const id = input.id && !ids.has(input.id) ? input.id : randomId();
    ids.add(id);
    const parsed = agendaStepSchema.safeParse({
      ...input,
      id,
      title: String(input.title ?? '').slice(0, LABEL_MAX),
      prompt: String(input.prompt ?? '').slice(0, 2_000),
      minutes: Math.round(Math.min(STEP_MINUTES_MAX, Math.max(0, Number(input.minutes) || 0))),
    });
    if (!parsed.success) return null;
    out.push(parsed.data);
  }
  return out;
}

/**
 * Replaces the agenda (editing, reordering, loading a ready-made one). The current step follows
 * its step by id; a removed current step ends the run (-1). False when this client may not.
 */
export function setAgenda(board: Board, agenda: { title: string; steps: readonly StepInput[] }): boolean {
  if (!mayChangeSession(board.doc, board.actor) || board.readOnlyReason === 'newerSchema') return false;
  const steps = normalise(agenda.steps);
  if (!steps) return false;
  const before = readAgenda(board);
  const current = before.steps[readStep(board)]?.id;
  const next: Agenda = { title: String(agenda.title ?? '').slice(0, LABEL_MAX), steps };
  const session = sessionMap(board.doc);
  board.doc.transact(() => {
    session.set('agenda', next);
    session.set('step', current ? steps.findIndex((s) => s.id === current) : -1);
  }, LOCAL);
  return true;
}

const FRAME_GAP = 200;

/** Where a step's new frame goes: to the right of everything on the board. */
function nextFramePosition(board: Board): { x: number; y: number } {
  let right = -Infinity;
  let top = Infinity;
  for (const r of board.all()) {
    if (r.type === 'connector') continue;
    right = Math.max(right, r.geometry.x + r.geometry.w);
    if (r.type === 'frame') top = Math.min(top, r.geometry.y);
  }
  return Number.isFinite(right) ? { x: right + FRAME_GAP, y: Number.isFinite(top) ? top : 0 } : { x: 0, y: 0 };
}

/**
 * Moves the room to step `index` (-1: back before the first). The step's frame is made the first
 * time, titled with the step, in the same transaction as the move, so everyone receives both at
 * once. False when this client may not, or the index is not a step.
 */
export function goToStep(board: Board, index: number): boolean {
  if (!mayChangeSession(board.doc, board.actor) || board.readOnlyReason === 'newerSchema') return false;
  const agenda = readAgenda(board);
  if (!Number.isInteger(index) || index < -1 || index >= agenda.steps.length) return false;
  const session = sessionMap(board.doc);
  board.doc.transact(() => {
    const step = agenda.steps[index];
    if (step && !frameOfStep(board, step)) {
      const frameId = addTemplate(board, step.template, nextFramePosition(board), step.title);
      if (frameId) {
        const steps = agenda.steps.map((s, i) => (i === index ? { ...s, frameId } : s));
        session.set('agenda', { ...agenda, steps });
      }
    }
    session.set('step', index);
  }, LOCAL);
  return true;
}

/** The step's frame when it is still on the board. */
export function frameOfStep(board: Board, step: Pick<AgendaStep, 'frameId'>): FrameRecord | undefined {
  const frame = step.frameId ? board.get(step.frameId) : undefined;
  return frame?.type === 'frame' ? frame : undefined;
}

/** A ready-made agenda as shipped in resources/agendas: every text in Korean and English. */
export const agendaFileSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.object({ ko: z.string().max(LABEL_MAX), en: z.string().max(LABEL_MAX) }),
  description: z.object({ ko: z.string().max(TEXT_MAX), en: z.string().max(TEXT_MAX) }),
  steps: z.array(
    z.object({
      title: z.object({ ko: z.string().max(LABEL_MAX), en: z.string().max(LABEL_MAX) }),
      prompt: z.object({ ko: z.string().max(2_000), en: z.string().max(2_000) }),
      minutes: z.number().int().min(0).max(STEP_MINUTES_MAX),
      phase: z.enum(PHASES),
      template: z.enum(TEMPLATE_KINDS),
    }),
  ).min(1).max(AGENDA_MAX_STEPS),
});
export type AgendaFile = z.infer<typeof agendaFileSchema>;

/** A ready-made agenda in one language, ready for setAgenda. */
export function agendaFromFile(file: AgendaFile, lang: 'ko' | 'en'): { title: string; steps: StepInput[] } {
  return {
    title: file.title[lang],
    steps: file.steps.map((s) => ({ title: s.title[lang], prompt: s.prompt[lang], minutes: s.minutes, phase: s.phase, template: s.template })),
  };
}

/** The default size of a step's frame (for the UI's preview of where it will go). */
export function stepFrameSize(step: Pick<AgendaStep, 'template'>): { w: number; h: number } {
  return TEMPLATES[step.template].size;
}
