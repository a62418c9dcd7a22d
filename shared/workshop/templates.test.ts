import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../board/board';
import { connect, createNote, groupNotes, moveRecords, setParent } from '../board/commands';
import { TEMPLATE_KINDS } from '../board/types';
import { addTemplate, addToZone, readTemplate, readTemplates, templateItemsOf, templateZones, zoneOf } from './templates';
import { clusterBy, tagOf } from './affinity';
import { createUndoManager } from '../board/undo';

function board(): Board {
  return Board.create(new Y.Doc(), { boardId: 'b', title: 'T' });
}

describe('templates', () => {
  it('reads a problem tree as core problem, causes, effects and the links between them', () => {
    const b = board();
    const tree = addTemplate(b, 'problemTree', { x: 0, y: 0 }, '문제 나무') as string;
    const core = addToZone(b, tree, 'core', { text: '버스가 안 온다', author: 'A' }) as string;
    const cause = addToZone(b, tree, 'causes', { text: '노선이 줄었다', author: 'B' }) as string;
    const cause2 = addToZone(b, tree, 'causes', { text: '운전기사 부족', author: 'B' }) as string;
    const effect = addToZone(b, tree, 'effects', { text: '병원에 못 간다', author: 'C' }) as string;
    connect(b, cause, core);
    const content = readTemplate(b, tree);
    expect(content).toMatchObject({
      kind: 'problemTree',
      title: '문제 나무',
      core: [{ id: core, text: '버스가 안 온다' }],
      causes: [{ id: cause }, { id: cause2 }],
      effects: [{ id: effect, text: '병원에 못 간다', author: 'C' }],
      links: [{ from: cause, to: core }],
    });
    // Two notes added to one zone do not sit on each other.
    const [a, c] = [b.get(cause), b.get(cause2)];
    expect(a?.type === 'note' && c?.type === 'note' && a.geometry.x !== c.geometry.x).toBe(true);
  });

  it('moves a note between zones by where it is, and reads a 5 Whys chain in order', () => {
    const b = board();
    const chain = addTemplate(b, 'fiveWhys', { x: 100, y: 100 }, 'Why') as string;
    const problem = addToZone(b, chain, 'problem', { text: 'p', author: 'A' }) as string;
    const why = addToZone(b, chain, 'why1', { text: 'because', author: 'A' }) as string;
    let content = readTemplate(b, chain);
    expect(content?.kind === 'fiveWhys' && content.whys[0]?.map((n) => n.id)).toEqual([why]);
    const frame = b.get(chain);
    const zone3 = frame?.type === 'frame' ? templateZones(frame).find((z) => z.key === 'why3') : undefined;
    moveRecords(b, [{ id: why, x: (zone3?.rect.x ?? 0) + 10, y: (zone3?.rect.y ?? 0) + 10 }]);
    content = readTemplate(b, chain);
    expect(content?.kind === 'fiveWhys' && content.whys.map((w) => w.length)).toEqual([0, 0, 1, 0, 0]);
    expect(content?.kind === 'fiveWhys' && content.problem.map((n) => n.id)).toEqual([problem]);
  });

  it('gives placement on the impact/feasibility matrix and the stakeholder map as scores 1–5', () => {
    const b = board();
    const matrix = addTemplate(b, 'impactMatrix', { x: 0, y: 0 }, 'M') as string;
    const win = addToZone(b, matrix, 'quickWins', { text: 'win', author: 'A' }) as string;
    const hard = addToZone(b, matrix, 'thanklessTasks', { text: 'hard', author: 'A' }) as string;
    const content = readTemplate(b, matrix);
    if (content?.kind !== 'impactMatrix') throw new Error('not a matrix');
    const byId = new Map(content.placements.map((p) => [p.id, p]));
    expect(byId.get(win)).toMatchObject({ quadrant: 'quickWins' });
    expect(byId.get(win)!.impact).toBeGreaterThanOrEqual(4);
    expect(byId.get(win)!.feasibility).toBeGreaterThanOrEqual(3);
    expect(byId.get(hard)).toMatchObject({ quadrant: 'thanklessTasks', feasibility: 1 });
    expect(byId.get(hard)!.impact).toBeLessThanOrEqual(3);
    const map = addTemplate(b, 'stakeholderMap', { x: 2000, y: 0 }, 'S') as string;
    addToZone(b, map, 'manageClosely', { text: '구청', author: 'A' });
    expect(readTemplate(b, map)).toMatchObject({ stakeholders: [{ text: '구청', quadrant: 'manageClosely' }] });
  });

  it('reads affinity clusters with their notes, HMW questions, and the empathy map', () => {
    const b = board();
    const wall = addTemplate(b, 'affinity', { x: 0, y: 0 }, 'A') as string;
    const n1 = addToZone(b, wall, undefined, { text: '1', author: 'A' }) as string;
    const n2 = addToZone(b, wall, undefined, { text: '2', author: 'A' }) as string;
    const loose = addToZone(b, wall, undefined, { text: '3', author: 'A' }) as string;
    const cluster = groupNotes(b, [n1, n2], '교통') as string;
    setParent(b, [cluster], { frameId: wall });
    expect(readTemplate(b, wall)).toMatchObject({ clusters: [{ id: cluster, label: '교통', notes: [{ id: n1 }, { id: n2 }] }], unclustered: [{ id: loose }] });
    const hmw = addTemplate(b, 'hmw', { x: 0, y: 2000 }, 'HMW') as string;
    addToZone(b, hmw, 'questions', { text: '어떻게 하면 버스를 자주 오게 할 수 있을까?', author: 'A' });
    expect(readTemplates(b, 'hmw')).toMatchObject([{ questions: [{ text: '어떻게 하면 버스를 자주 오게 할 수 있을까?' }] }]);
    const empathy = addTemplate(b, 'empathyMap', { x: 3000, y: 0 }, 'E') as string;
    addToZone(b, empathy, 'feels', { text: '불안', author: 'A' });
    expect(readTemplate(b, empathy)).toMatchObject({ says: [], thinks: [], does: [], feels: [{ text: '불안' }] });
  });

  it('has zones that tile each template and refuses a zone the template does not have', () => {
    const b = board();
    for (const kind of TEMPLATE_KINDS) {
      const frameId = addTemplate(b, kind, { x: 0, y: 0 }, kind) as string;
      const frame = b.get(frameId);
      if (frame?.type !== 'frame') throw new Error('no frame');
      for (const zone of templateZones(frame)) {
        expect(zoneOf(frame, { x: zone.rect.x + zone.rect.w / 2 - 5, y: zone.rect.y + zone.rect.h / 2 - 5, w: 10, h: 10 })).toBe(zone.key);
      }
      expect(addToZone(b, frameId, 'nowhere', { text: 'x', author: 'A' })).toBeNull();
    }
  });

  it('reads a note added beside a template (not in it) as not part of it', () => {
    const b = board();
    const tree = addTemplate(b, 'problemTree', { x: 0, y: 0 }, 'T') as string;
    createNote(b, { x: 5000, y: 5000, author: 'A', text: 'outside' });
    expect(readTemplate(b, tree)).toMatchObject({ core: [], causes: [], effects: [] });
  });
});

describe('affinity helpers', () => {
  it('clusters a wall\'s loose notes by author, colour or #tag, labelled, in one undo step', () => {
    const b = board();
    const wall = addTemplate(b, 'affinity', { x: 0, y: 0 }, 'A') as string;
    const ids = [
      addToZone(b, wall, undefined, { text: '버스 #교통', author: '민지' }),
      addToZone(b, wall, undefined, { text: '가로등 #안전', author: '준호', color: 'pink' }),
      addToZone(b, wall, undefined, { text: '신호등 #교통', author: '민지', color: 'pink' }),
      addToZone(b, wall, undefined, { text: '태그 없음', author: '준호' }),
    ] as string[];
    const undo = createUndoManager(b);
    const clusters = clusterBy(b, wall, 'tag', (key) => key || '기타') as string[];
    expect(clusters).toHaveLength(3);
    const content = readTemplate(b, wall);
    if (content?.kind !== 'affinity') throw new Error('not affinity');
    expect(content.clusters.map((c) => [c.label, c.notes.map((n) => n.id)])).toEqual([
      ['교통', [ids[0], ids[2]]],
      ['안전', [ids[1]]],
      ['기타', [ids[3]]],
    ]);
    expect(content.unclustered).toEqual([]);
    // Clusters do not overlap.
    const boxes = clusters.map((id) => b.get(id)).map((c) => (c?.type === 'cluster' ? c.geometry : null));
    for (const [i, a] of boxes.entries()) for (const c of boxes.slice(i + 1)) expect(a!.x + a!.w <= c!.x || c!.x + c!.w <= a!.x || a!.y + a!.h <= c!.y || c!.y + c!.h <= a!.y).toBe(true);
    undo.undo();
    expect(b.all().filter((r) => r.type === 'cluster')).toHaveLength(0);
    expect(clusterBy(b, wall, 'color', (key) => key)?.length).toBe(2);
    expect(tagOf('우리 #동네_안전 이야기')).toBe('동네_안전');
  });
});

describe('template items for outcome drafts', () => {
  it('lists a problem tree\'s core, causes and effects and the HMW questions with their part', () => {
    const b = board();
    const tree = addTemplate(b, 'problemTree', { x: 0, y: 0 }, 'T') as string;
    const core = addToZone(b, tree, 'core', { text: 'core', author: 'A' }) as string;
    const cause = addToZone(b, tree, 'causes', { text: 'cause', author: 'A' }) as string;
    const hmw = addTemplate(b, 'hmw', { x: 0, y: 3000 }, 'H') as string;
    const question = addToZone(b, hmw, 'questions', { text: 'HMW?', author: 'A' }) as string;
    addTemplate(b, 'free', { x: 3000, y: 0 }, 'F');
    expect(templateItemsOf(b)).toEqual([
      { id: core, kind: 'problemTree', role: 'core', text: 'core' },
      { id: cause, kind: 'problemTree', role: 'cause', text: 'cause' },
      { id: question, kind: 'hmw', role: 'hmw', text: 'HMW?' },
    ]);
  });
});
