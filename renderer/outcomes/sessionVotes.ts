// The votes of the session on screen, for outcome drafts and packages: the revealed dot-vote
// counts (shared/workshop/vote.ts). The host never tells anyone who voted for what, so each
// record's count comes as one anonymous entry (voter ''); before the reveal there are none.
import type { Board } from '../../shared/board';
import type { OutcomesApiDeps } from '../../shared/outcomes/api';
import { readVote } from '../../shared/workshop/vote';

export function sessionVotes(board: Board | null): OutcomesApiDeps['votes'] {
  return () => {
    const vote = board ? readVote(board.doc) : null;
    if (vote?.state !== 'revealed') return [];
    return (vote.results ?? []).map(({ recordId, count }) => ({ voter: '', record_id: recordId, count }));
  };
}
