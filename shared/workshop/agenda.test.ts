import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../board/board';
import { checkTransaction, type Actor, type Refusal } from '../board/policy';
import { sessionMap } from '../board/schema';
import { agendaFromFile, goToStep, readAgenda, readStep, setAgenda, frameOfStep } from './agenda';
import { READY_AGENDAS } from './readyAgendas';

const facilitator: Actor = { memberId: 'fac', role: 'facilitator' };
const alice: Actor = { memberId: 'alice', role: 'participant' };

const steps = [
  { title: 'Tree', prompt: 'Causes below', minutes: 20, phase: 'redefine' as const, template: 'problemTree' as const },
  { title: 'HMW', prompt: 'How might we', minutes: 15, phase: 'redefine' as const, template: 'hmw' as const },
];

describe('agenda', () => {
  it('moves through the steps, making each step\'s frame the first time and keeping it after', () => {
    const b = Board.create(new Y.Doc(), { boardId: 'b' });
    expect(setAgenda(b, { title: 'Redefine', steps })).toBe(true);
    expect(readStep(b)).toBe(-1);
    expect(goToStep(b, 0)).toBe(true);
    const first = frameOfStep(b, readAgenda(b).steps[0]!);
    expect(first).toMatchObject({ title: 'Tree', template: 'problemTree' });
    expect(goToStep(b, 1)).toBe(true);
    const second = frameOfStep(b, readAgenda(b).steps[1]!);
    expect(second?.template).toBe('hmw');
    // Side by side, not on top of each other.
    expect(second!.geometry.x).toBeGreaterThan(first!.geometry.x + first!.geometry.w);
    expect(goToStep(b, 0)).toBe(true);
    expect(frameOfStep(b, readAgenda(b).steps[0]!)?.id).toBe(first!.id);
    expect(b.all().filter((r) => r.type === 'frame')).toHaveLength(2);
    expect(goToStep(b, 2)).toBe(false);
    expect(readStep(b)).toBe(0);
  });

  it('keeps the current step by id when the facilitator reorders the agenda', () => {
    const b = Board.create(new Y.Doc(), { boardId: 'b' });
    setAgenda(b, { title: '', steps });
    goToStep(b, 1);
    const agenda = readAgenda(b);
    setAgenda(b, { title: '', steps: [agenda.steps[1]!, agenda.steps[0]!] });
    expect(readStep(b)).toBe(0);
    expect(readAgenda(b).steps[0]!.title).toBe('HMW');
  });

  it('changes nothing for a participant, and the hub refuses a participant\'s write of the step', () => {
    const doc = new Y.Doc();
    const b = Board.create(doc, { boardId: 'b' });
    setAgenda(b, { title: '', steps });
    b.setActor(alice);
    expect(goToStep(b, 1)).toBe(false);
    expect(setAgenda(b, { title: 'mine', steps: [] })).toBe(false);
    expect(readStep(b)).toBe(-1);
    // A modified client writes it anyway: the hub's check (policy.ts) refuses it.
    let refusal: Refusal | null = null;
    const check = (txn: Y.Transaction) => (refusal = checkTransaction(txn, alice));
    doc.on('afterTransaction', check);
    sessionMap(doc).set('step', 1);
    doc.off('afterTransaction', check);
    expect(refusal).toEqual({ reason: 'session', recordIds: [] });
    doc.on('afterTransaction', (txn) => (refusal = checkTransaction(txn, facilitator)));
    sessionMap(doc).set('step', 0);
    expect(refusal).toBeNull();
  });

  it('reads an invalid agenda from an odd peer as empty, and clips what a person typed', () => {
    const b = Board.create(new Y.Doc(), { boardId: 'b' });
    sessionMap(b.doc).set('agenda', { title: 1, steps: 'no' });
    expect(readAgenda(b).steps).toEqual([]);
    expect(setAgenda(b, { title: 'x'.repeat(900), steps: [{ ...steps[0]!, minutes: 9999, title: 'y'.repeat(900) }] })).toBe(true);
    const agenda = readAgenda(b);
    expect(agenda.title).toHaveLength(500);
    expect(agenda.steps[0]).toMatchObject({ minutes: 600 });
    expect(agenda.steps[0]!.title).toHaveLength(500);
  });

  it('ships a problem-identification and a problem-redefinition agenda in Korean and English', () => {
    expect(READY_AGENDAS.map((a) => a.id)).toEqual(['problem-identification', 'problem-redefinition']);
    for (const file of READY_AGENDAS) {
      for (const lang of ['ko', 'en'] as const) {
        const agenda = agendaFromFile(file, lang);
        expect(agenda.steps.every((s) => s.title.length > 0 && s.prompt.length > 0 && s.minutes > 0)).toBe(true);
      }
    }
    const redefinition = READY_AGENDAS[1]!;
    expect(redefinition.steps.map((s) => s.template)).toEqual(expect.arrayContaining(['problemTree', 'fiveWhys', 'hmw', 'affinity', 'impactMatrix']));
    expect(new Set(redefinition.steps.map((s) => s.phase))).toEqual(new Set(['redefine', 'directions', 'rndDemand']));
  });
});
