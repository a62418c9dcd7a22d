// window.madang.workshop: the workshop structure for e2e tests and benchmarks (README, "Automation
// API"). Calls a role may not make resolve to false and change nothing (the hub refuses them too).
import type { Board, BoardRecord, TemplateKind } from '../../shared/board';
import { TEMPLATE_KINDS, isTemplateKind } from '../../shared/board';
import {
  READY_AGENDAS, addTemplate, addToZone, agendaFromFile, goToStep, readAgenda, readStep, readTemplates, setAgenda,
  type Agenda, type StepInput, type TemplateContent,
} from '../../shared/workshop';

export interface WorkshopAutomation {
  /** The session's agenda (steps with their frame once reached). */
  agenda(): Agenda;
  /** The current step's index; -1 before the first step or without a board. */
  step(): number;
  /** Moves the room to step `index`; false for a role that may not, or no such step. */
  goToStep(index: number): Promise<boolean>;
  /**
   * Typed records: a board record type ('note', 'frame', 'cluster', 'connector') gives those
   * records; a template kind ('problemTree', 'fiveWhys', 'hmw', 'affinity', 'stakeholderMap',
   * 'impactMatrix', 'empathyMap', 'free') gives each such template's content.
   */
  records(type: string): Array<BoardRecord | TemplateContent>;
  /** Replaces the agenda with a ready-made one (by id, in 'ko' or 'en') or the given steps. */
  setAgenda(agenda: string | { title: string; steps: StepInput[] }, lang?: 'ko' | 'en'): Promise<boolean>;
  /** Adds a template frame at (x, y); its id, or null. */
  addTemplate(kind: TemplateKind, at: { x: number; y: number }, title?: string): string | null;
  /** Adds a note in a zone of a template frame (as the keyboard form does); its id, or null. */
  addToZone(frameId: string, zone: string | null, text: string): string | null;
}

const BOARD_TYPES = new Set(['note', 'frame', 'cluster', 'connector']);

export function workshopAutomation(board: () => Board | null): WorkshopAutomation {
  return {
    agenda: () => {
      const b = board();
      return b ? readAgenda(b) : { title: '', steps: [] };
    },
    step: () => {
      const b = board();
      return b ? readStep(b) : -1;
    },
    goToStep: async (index) => {
      const b = board();
      return b ? goToStep(b, index) : false;
    },
    records: (type) => {
      const b = board();
      if (!b) return [];
      if (BOARD_TYPES.has(type)) return b.all().filter((r) => r.type === type);
      return isTemplateKind(type) ? readTemplates(b, type) : [];
    },
    setAgenda: async (agenda, lang = 'ko') => {
      const b = board();
      if (!b) return false;
      if (typeof agenda !== 'string') return setAgenda(b, agenda);
      const file = READY_AGENDAS.find((a) => a.id === agenda);
      return file ? setAgenda(b, agendaFromFile(file, lang)) : false;
    },
    addTemplate: (kind, at, title) => {
      const b = board();
      return b && (TEMPLATE_KINDS as readonly string[]).includes(kind) ? addTemplate(b, kind, at, title ?? kind) : null;
    },
    addToZone: (frameId, zone, text) => {
      const b = board();
      return b ? addToZone(b, frameId, zone ?? undefined, { text, author: b.author }) : null;
    },
  };
}
