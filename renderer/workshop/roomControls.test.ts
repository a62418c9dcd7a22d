import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, createNotes, type Actor } from '../../shared/board';
import { openVote, readVote, revealVote, type Ballot } from '../../shared/workshop/vote';
import { sessionMap } from '../../shared/board/schema';
import { RoomControls } from './roomControls';
import type { ControlsApi } from './controlsApi';

const facilitator: Actor = { memberId: 'fac', role: 'facilitator' };
const participant: Actor = { memberId: 'p1', role: 'participant' };

/** A host that keeps one ballot and counts the calls made to it. */
function fakeHost() {
  const calls: string[] = [];
  let ballot: Ballot | null = null;
  const api = {
    ballot: async () => ({ ok: true as const, value: { round: ballot?.round ?? null, dots: ballot?.dots ?? [] } }),
    putBallot: async (b: Ballot) => {
      calls.push('put');
      ballot = b;
      return { ok: true as const, value: b };
    },
    results: async () => {
      calls.push('results');
      return { ok: true as const, value: { round: ballot?.round ?? null, results: [{ recordId: 'n', count: 1 }], voters: 1 } };
    },
    privateNotes: async () => ({ ok: true as const, value: { round: null, notes: [] } }),
    addPrivateNote: async () => ({ ok: false as const, error: 'controls.notOpen' as const }),
  } satisfies ControlsApi;
  return { api, calls };
}

function boards(): { fac: Board; mine: Board } {
  const fac = Board.create(new Y.Doc(), { boardId: 'b' });
  fac.setActor(facilitator);
  createNotes(fac, [{ id: 'n1', x: 0, y: 0, author: 'f' }, { id: 'n2', x: 0, y: 0, author: 'f' }]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(fac.doc));
  const mine = Board.open(doc);
  mine.setActor(participant);
  fac.doc.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update));
  return { fac, mine };
}

describe('a participant\'s controls', () => {
  it('sends no ballot the round would refuse, and asks the host for no counts before the reveal', async () => {
    const { fac, mine } = boards();
    const host = fakeHost();
    const controls = new RoomControls(mine, host.api, '참가자');
    expect(await controls.castVote('n1')).toBe(false); // no round open
    openVote(fac, { budget: 1, stacking: false });
    expect(readVote(mine.doc)?.state).toBe('open');
    expect(await controls.castVote('n1')).toBe(true);
    expect(await controls.castVote('n2')).toBe(false);
    expect(controls.getState().error).toBe('controls.overBudget');
    expect(host.calls).toEqual(['put']);
    expect(await controls.results()).toBeNull();
    expect(host.calls).toEqual(['put']);
    // The session commands are the facilitator's: nothing is written.
    const before = JSON.stringify(sessionMap(mine.doc).toJSON());
    expect(controls.startTimer(60) || controls.closeVote() || controls.revealVote() || controls.setPrivate(true)).toBe(false);
    expect(JSON.stringify(sessionMap(mine.doc).toJSON())).toBe(before);
    controls.destroy();
  });

  it('reads the revealed counts from the session state, for everyone', async () => {
    const { fac, mine } = boards();
    const controls = new RoomControls(mine, fakeHost().api, '참가자');
    openVote(fac, { budget: 2 });
    revealVote(fac);
    const vote = readVote(fac.doc)!;
    // As the hub writes them.
    fac.doc.transact(() => sessionMap(fac.doc).set('vote', { ...vote, results: [{ recordId: 'n2', count: 3 }] }));
    expect(await controls.results()).toEqual([{ recordId: 'n2', count: 3 }]);
    controls.destroy();
  });
});
