// The per-person votes of the session on screen, for outcome drafts and packages. Dot voting on the
// host is being built; until it lands this is the one place that answers "no votes yet", and the
// one place to connect it to.
import type { Board } from '../../shared/board';
import type { OutcomesApiDeps } from '../../shared/outcomes/api';

export function sessionVotes(board: Board | null): OutcomesApiDeps['votes'] {
  void board;
  return () => [];
}
