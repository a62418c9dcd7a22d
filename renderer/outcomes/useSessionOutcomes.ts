// One session's outcomes on the board screen (facilitator's machine): the shared API over Dexie,
// the app's outbox (so submissions reach the host's portal route), the votes and template items of
// the board on screen, and who reviews now: the facilitator, or an official at the same laptop.
import { useEffect, useMemo, useState } from 'react';
import type { Board } from '../../shared/board';
import type { Reviewer } from '../../shared/outcomes/review';
import type { SessionRecord } from '../../shared/session/session';
import { templateItemsOf } from '../../shared/workshop';
import { useApp } from '../app/context';
import { createSessionOutcomes } from './session';
import { sessionVotes } from './sessionVotes';

export type SessionOutcomes = ReturnType<typeof createSessionOutcomes>;

export function useSessionOutcomes(record: SessionRecord | undefined, board: Board | null, facilitatorName: string | undefined): {
  outcomes: SessionOutcomes | null;
  /** Who reviews now, as the records will say. */
  reviewer: Reviewer;
  /** What was chosen in the form (an empty name stands for the facilitator's board name). */
  chosen: Reviewer;
  setReviewer(reviewer: Reviewer): void;
} {
  const { db, platform, outbox } = useApp();
  const [chosen, setReviewer] = useState<Reviewer>({ name: '', role: 'facilitator' });
  // The facilitator reviews under their board name unless another is typed.
  const reviewer = useMemo<Reviewer>(() => ({ role: chosen.role, name: chosen.name || (chosen.role === 'facilitator' ? (facilitatorName ?? '') : '') }), [chosen, facilitatorName]);
  // What the API reads when it acts (who reviews, the session's title): the latest, without
  // rebuilding the API on every change.
  const [live] = useState(() => new Latest(reviewer, record));
  useEffect(() => live.update(reviewer, record), [live, reviewer, record]);
  const [appVersion, setAppVersion] = useState('0');
  useEffect(() => {
    void platform.hostInfo().then((info) => info.ok && setAppVersion(info.value.version));
  }, [platform]);

  const sessionId = record?.id;
  const isFacilitator = record?.role === 'facilitator';
  const outcomes = useMemo(() => {
    if (!sessionId || !isFacilitator || !board) return null;
    return createSessionOutcomes({
      db,
      sessionId,
      session: () => {
        const current = live.record;
        return { id: sessionId, title: current?.title ?? '', starts_at: current ? new Date(current.createdAt).toISOString() : null, ends_at: null };
      },
      board: () => board,
      votes: sessionVotes(board),
      templateItems: () => templateItemsOf(board),
      reviewer: () => live.reviewer,
      appVersion,
      outbox,
    });
  }, [db, sessionId, isFacilitator, board, appVersion, outbox, live]);
  return { outcomes, reviewer, chosen, setReviewer };
}

class Latest {
  constructor(public reviewer: Reviewer, public record: SessionRecord | undefined) {}
  update(reviewer: Reviewer, record: SessionRecord | undefined): void {
    this.reviewer = reviewer;
    this.record = record;
  }
}
