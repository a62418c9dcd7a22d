// Feeds remote additions and removals through the pure rate limiter and returns the sentence for
// the polite live region. `now` defaults to Date.now (fake timers replace both in tests).
import { useEffect, useState } from 'react';
import { isLink, type Board } from '../../shared/board';
import { initialRateLimit, offer, tick, DEFAULT_RATE_LIMIT, type RateLimitOptions, type RateLimitStep } from './rateLimit';
import { shorten, summarize, type RemoteChange, type Translate } from './announce';
import { textOf, type OutlineStore } from './outlineStore';

export interface Announcement {
  text: string;
  /** Increments with every announcement, so the same sentence twice is still spoken twice. */
  serial: number;
}

export function useRemoteAnnouncer(store: OutlineStore, board: Board, t: Translate, options: RateLimitOptions = DEFAULT_RATE_LIMIT): Announcement {
  const [announcement, setAnnouncement] = useState<Announcement>({ text: '', serial: 0 });
  const { intervalMs, gatherMs } = options;

  useEffect(() => {
    const limits = { intervalMs, gatherMs };
    let state = initialRateLimit<RemoteChange>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Text typed right after a remote note was created is read when the batch is spoken.
    const current = (change: RemoteChange): RemoteChange => {
      const record = change.change === 'added' && change.id ? board.get(change.id) : undefined;
      return record && !isLink(record) ? { ...change, text: shorten(textOf(record)) } : change;
    };
    const apply = (step: RateLimitStep<RemoteChange>) => {
      state = step.state;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (step.emit) {
        const text = summarize(step.emit.map(current), t, t('outline.emptyNote'));
        setAnnouncement((previous) => ({ text, serial: previous.serial + 1 }));
      }
      if (step.wakeAt !== null) timer = setTimeout(() => apply(tick(state, Date.now(), limits)), Math.max(0, step.wakeAt - Date.now()));
    };
    const stop = store.subscribeRemote((changes) => apply(offer(state, changes, Date.now(), limits)));
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store, board, t, intervalMs, gatherMs]);

  return announcement;
}
