// Drafting an outcome record from what the facilitator selected on the board: a cluster (often the
// top-voted one), a frame, notes, or template items (a problem tree's core problem with its causes
// and effects, an HMW question). Reads the board, never writes it; the draft carries provenance so
// the editor can lead back to every item it came from.
import type { BoardRecord, NoteRecord } from '../board/types';
import { emptyProvenance, type Provenance, type VoteResult } from './record';
import { createOutcome, type OutcomeResult } from './review';
import type { OutcomeKind } from './registry';

/** The read side of a board this needs (shared/board's Board has it). */
export interface BoardReader {
  get(id: string): BoardRecord | undefined;
  children(parentId: string | null): BoardRecord[];
}

/**
 * A typed item of a workshop template (problem tree, 5 Whys, HMW…), as the workshop-structure
 * module exposes it: its board id, its template kind and its part in that template.
 */
export interface TemplateItem {
  id: string;
  kind: string;
  role: 'core' | 'cause' | 'effect' | 'hmw' | 'goal' | 'other';
  text: string;
}

export interface DraftContext {
  sessionId: string;
  recordId: string;
  at: string;
  /** Vote totals per board record (the facilitator-controls module's results). */
  votes?: readonly VoteResult[];
  /** Template items of the board, any of which may be selected. */
  templateItems?: readonly TemplateItem[];
}

const firstLine = (text: string) => (text.split('\n').find((line) => line.trim()) ?? '').trim().slice(0, 200);

/** The board record with the most votes (ties: the first by id), or null when nobody voted. */
export function topVoted(votes: readonly VoteResult[]): string | null {
  const best = [...votes].sort((a, b) => b.count - a.count || (a.record_id < b.record_id ? -1 : 1))[0];
  return best && best.count > 0 ? best.record_id : null;
}

export function draftFromSelection(board: BoardReader, ids: readonly string[], context: DraftContext, kind: OutcomeKind = 'problem_statement'): OutcomeResult {
  const provenance: Provenance = { ...emptyProvenance(), session_ids: [context.sessionId] };
  const notes: NoteRecord[] = [];
  const labels: string[] = [];
  const addNote = (note: NoteRecord) => {
    if (!provenance.note_ids.includes(note.id)) { provenance.note_ids.push(note.id); notes.push(note); }
  };
  const templates = new Map((context.templateItems ?? []).map((item) => [item.id, item]));
  const picked: TemplateItem[] = [];

  const visit = (record: BoardRecord) => {
    if (record.type === 'note') addNote(record);
    if (record.type === 'cluster' || record.type === 'frame') {
      (record.type === 'cluster' ? provenance.cluster_ids : provenance.frame_ids).push(record.id);
      labels.push(record.type === 'cluster' ? record.label : record.title);
      for (const child of board.children(record.id)) visit(child);
    }
  };
  for (const id of ids) {
    const template = templates.get(id);
    if (template) { picked.push(template); continue; }
    const record = board.get(id);
    if (record) visit(record);
  }
  // A problem tree's core problem brings its causes and effects along.
  if (picked.some((item) => item.role === 'core')) {
    const kinds = new Set(picked.filter((item) => item.role === 'core').map((item) => item.kind));
    for (const item of context.templateItems ?? []) if (kinds.has(item.kind) && (item.role === 'cause' || item.role === 'effect') && !picked.includes(item)) picked.push(item);
  }
  provenance.template_record_ids = picked.map((item) => item.id);
  provenance.template_kinds = [...new Set(picked.map((item) => item.kind))];
  const related = new Set([...ids, ...provenance.note_ids, ...provenance.cluster_ids, ...provenance.frame_ids, ...provenance.template_record_ids]);
  provenance.votes = (context.votes ?? []).filter((v) => related.has(v.record_id));

  const core = picked.find((item) => item.role === 'core') ?? picked.find((item) => item.role === 'hmw');
  const title = firstLine(core?.text ?? labels.find((l) => l.trim()) ?? notes[0]?.text ?? '');
  const noteList = notes.map((n) => `- ${n.text.replace(/\s+/g, ' ').trim()}`).filter((line) => line.length > 2).join('\n');
  const of = (role: TemplateItem['role']) => picked.filter((item) => item.role === role);

  const content: Record<string, unknown> = kind === 'problem_statement'
    ? {
      title,
      problem_description: noteList,
      root_causes: of('cause').map((item) => ({ text: firstLine(item.text), from_record_id: item.id })),
      effects: of('effect').map((item) => firstLine(item.text)),
      hmw_questions: of('hmw').map((item) => ({ text: firstLine(item.text), from_record_id: item.id })),
      goals: of('goal').map((item) => ({ text: firstLine(item.text), indicator: '', baseline: '', target: '' })),
    }
    : kind === 'idea'
      ? { title, description: noteList }
      : { title, development_content: noteList };
  return createOutcome({ kind, id: context.recordId, at: context.at, content, provenance });
}
