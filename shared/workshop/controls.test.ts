import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board, checkTransaction, createNotes, type Actor } from '../board';
import { sessionMap } from '../board/schema';
import { addTime, pauseTimer, readTimer, resumeTimer, startTimer, timerRemaining } from './timer';
import { ballotProblem, closeVote, dotsUsed, openVote, readVote, revealVote, tally, withDot, withoutDot, type VoteRound } from './vote';
import { readPrivateMode, setPrivateMode } from './privateMode';
import { bringEveryoneHere, followMe, readFollow, spotlightFrame } from './follow';
import { setMemberRole, setParticipantTools } from './stepRules';
import { createFrame } from '../board';

const facilitator: Actor = { memberId: 'fac', role: 'facilitator' };
const participant: Actor = { memberId: 'p1', role: 'participant' };

function boardAs(actor: Actor | null): Board {
  const board = Board.create(new Y.Doc(), { boardId: 'b' });
  board.setActor(actor);
  return board;
}

describe('session commands refuse whoever may not run the session, and write nothing', () => {
  it('a participant can start no timer, open no vote, switch no private mode, lead no follow, set no tools or roles', () => {
    const board = boardAs(participant);
    const before = Y.encodeStateAsUpdate(board.doc);
    expect(startTimer(board, 60)).toBe(false);
    expect(openVote(board, { budget: 3 })).toBe(false);
    expect(setPrivateMode(board, true)).toBe(false);
    expect(followMe(board, { x: 0, y: 0, w: 100, h: 100 })).toBe(false);
    expect(setParticipantTools(board, ['note'])).toBe(false);
    expect(setMemberRole(board, 'p1', 'co-facilitator')).toBe(false);
    expect(Y.encodeStateAsUpdate(board.doc)).toEqual(before);
  });

  it('a co-facilitator runs the session but gives no roles', () => {
    const board = boardAs(facilitator);
    expect(setMemberRole(board, 'co', 'co-facilitator')).toBe(true);
    board.setActor({ memberId: 'co', role: 'participant' });
    expect(startTimer(board, 60)).toBe(true);
    expect(setMemberRole(board, 'co2', 'observer')).toBe(false);
  });
});

describe('timer', () => {
  it('counts down, pauses where it is, resumes and takes added time', () => {
    const board = boardAs(facilitator);
    expect(startTimer(board, 300, 1_000)).toBe(true);
    expect(timerRemaining(readTimer(board.doc)!, 61_000)).toBe(240_000);
    expect(pauseTimer(board, 61_000)).toBe(true);
    expect(timerRemaining(readTimer(board.doc)!, 999_999)).toBe(240_000);
    expect(addTime(board, 60, 70_000)).toBe(true);
    expect(timerRemaining(readTimer(board.doc)!, 70_000)).toBe(300_000);
    expect(resumeTimer(board, 100_000)).toBe(true);
    expect(timerRemaining(readTimer(board.doc)!, 400_000)).toBe(0);
  });

  it('reads a malformed value as no timer', () => {
    const board = boardAs(facilitator);
    board.doc.transact(() => sessionMap(board.doc).set('timer', { state: 'running', endsAt: 'soon' }));
    expect(readTimer(board.doc)).toBeNull();
  });
});

describe('dot voting', () => {
  const round: VoteRound = { round: 'abcdef12', state: 'open', budget: 3, stacking: false, anonymous: true };
  const votable = (id: string) => id.startsWith('n');

  it('holds a ballot to the budget, stacking and the open round', () => {
    expect(ballotProblem({ round: 'abcdef12', dots: [{ recordId: 'n1', count: 1 }, { recordId: 'n2', count: 1 }] }, round, votable)).toBeNull();
    expect(ballotProblem({ round: 'abcdef12', dots: [{ recordId: 'n1', count: 2 }] }, round, votable)).toBe('noStacking');
    expect(ballotProblem({ round: 'abcdef12', dots: [{ recordId: 'n1', count: 1 }, { recordId: 'n1', count: 1 }] }, round, votable)).toBe('noStacking');
    expect(ballotProblem({ round: 'abcdef12', dots: [{ recordId: 'n1', count: 2 }, { recordId: 'n2', count: 2 }] }, { ...round, stacking: true }, votable)).toBe('overBudget');
    expect(ballotProblem({ round: 'abcdef12', dots: [{ recordId: 'x', count: 1 }] }, round, votable)).toBe('unknownRecord');
    expect(ballotProblem({ round: 'ffffffff', dots: [] }, round, votable)).toBe('wrongRound');
    expect(ballotProblem({ round: 'abcdef12', dots: [] }, { ...round, state: 'closed' }, votable)).toBe('notOpen');
    expect(ballotProblem({ round: 'abcdef12', dots: [] }, null, votable)).toBe('notOpen');
  });

  it('adds and takes back dots within the budget', () => {
    const stacking = { ...round, stacking: true };
    let dots = withDot([], 'n1', stacking)!;
    dots = withDot(dots, 'n1', stacking)!;
    dots = withDot(dots, 'n2', stacking)!;
    expect(dotsUsed(dots)).toBe(3);
    expect(withDot(dots, 'n3', stacking)).toBeNull();
    expect(withDot([{ recordId: 'n1', count: 1 }], 'n1', round)).toBeNull();
    expect(withoutDot(dots, 'n1')).toEqual([{ recordId: 'n1', count: 1 }, { recordId: 'n2', count: 1 }]);
    expect(withoutDot(withoutDot(dots, 'n2'), 'n2')).toEqual([{ recordId: 'n1', count: 2 }]);
  });

  it('ranks by dots, ties by id, so every screen agrees', () => {
    expect(tally([[{ recordId: 'b', count: 1 }, { recordId: 'a', count: 2 }], [{ recordId: 'b', count: 1 }, { recordId: 'c', count: 3 }]])).toEqual([
      { recordId: 'c', count: 3 }, { recordId: 'a', count: 2 }, { recordId: 'b', count: 2 },
    ]);
  });

  it('goes open → closed → revealed, and a reveal never carries results the client made', () => {
    const board = boardAs(facilitator);
    expect(openVote(board, { budget: 0 })).toBe(false);
    expect(openVote(board, { budget: 5, stacking: false })).toBe(true);
    expect(readVote(board.doc)).toMatchObject({ state: 'open', budget: 5, stacking: false });
    expect(closeVote(board)).toBe(true);
    expect(closeVote(board)).toBe(false);
    expect(revealVote(board)).toBe(true);
    expect(readVote(board.doc)?.state).toBe('revealed');
    expect(readVote(board.doc)?.results).toBeUndefined();
  });
});

describe('private mode, follow', () => {
  it('each time private mode is switched on is a new round; off keeps the round for the reveal', () => {
    const board = boardAs(facilitator);
    expect(setPrivateMode(board, false)).toBe(false);
    expect(setPrivateMode(board, true, { anonymous: true })).toBe(true);
    const round = readPrivateMode(board.doc)!.round;
    expect(setPrivateMode(board, false)).toBe(true);
    expect(readPrivateMode(board.doc)).toEqual({ on: false, round, anonymous: true });
    expect(setPrivateMode(board, true)).toBe(true);
    expect(readPrivateMode(board.doc)!.round).not.toBe(round);
  });

  it('follow writes a view; each write counts up so the same place twice still moves people; spotlight needs a frame', () => {
    const board = boardAs(facilitator);
    expect(bringEveryoneHere(board, { x: 0, y: 0, w: 800, h: 600 })).toBe(true);
    expect(bringEveryoneHere(board, { x: 0, y: 0, w: 800, h: 600 })).toBe(true);
    expect(readFollow(board.doc)).toMatchObject({ mode: 'bring', seq: 2 });
    const [note] = createNotes(board, [{ x: 0, y: 0, author: 'f' }])!;
    expect(spotlightFrame(board, note!)).toBe(false);
    const frame = createFrame(board, { x: 10, y: 20, w: 300, h: 200, title: 'F' })!;
    expect(spotlightFrame(board, frame)).toBe(true);
    expect(readFollow(board.doc)).toMatchObject({ mode: 'spotlight', frameId: frame, rect: { x: 10, y: 20, w: 300, h: 200 } });
  });
});

describe('step rules in the hub\'s policy', () => {
  /** Applies a participant's update to the facilitator's doc and returns what checkTransaction says. */
  function judge(hub: Y.Doc, update: Uint8Array, actor: Actor) {
    let verdict: ReturnType<typeof checkTransaction> = null;
    const origin = {};
    const listen = (txn: Y.Transaction) => {
      if (txn.origin === origin) verdict = checkTransaction(txn, actor);
    };
    hub.on('afterTransaction', listen);
    Y.applyUpdate(hub, update, origin);
    hub.off('afterTransaction', listen);
    return verdict;
  }

  it('refuses a participant\'s frame in a notes-only step, and lets the note through', () => {
    const hubBoard = boardAs(facilitator);
    expect(setParticipantTools(hubBoard, ['note'])).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(hubBoard.doc));
    const mine = Board.open(doc);
    mine.setActor(participant);
    let sv = Y.encodeStateVector(mine.doc);
    createFrame(mine, { x: 0, y: 0, w: 100, h: 100, title: 'x' });
    expect(judge(hubBoard.doc, Y.encodeStateAsUpdate(mine.doc, sv), participant)).toMatchObject({ reason: 'tool' });
    sv = Y.encodeStateVector(mine.doc);
    createNotes(mine, [{ x: 0, y: 0, author: 'p' }]);
    expect(judge(hubBoard.doc, Y.encodeStateAsUpdate(mine.doc, sv), participant)).toBeNull();
  });

  it('refuses a participant\'s note on the board while private mode is on (it goes to the host instead)', () => {
    const hubBoard = boardAs(facilitator);
    expect(setPrivateMode(hubBoard, true)).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(hubBoard.doc));
    const mine = Board.open(doc);
    mine.setActor(participant);
    const sv = Y.encodeStateVector(mine.doc);
    createNotes(mine, [{ x: 0, y: 0, author: 'p', text: '몰래' }]);
    expect(judge(hubBoard.doc, Y.encodeStateAsUpdate(mine.doc, sv), participant)).toMatchObject({ reason: 'tool' });
    // The facilitator's own notes still go on the board.
    expect(createNotes(hubBoard, [{ x: 0, y: 0, author: 'f' }])).toHaveLength(1);
  });
});
