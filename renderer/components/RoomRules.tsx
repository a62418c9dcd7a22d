// The room's rules on screen. The hub decides (main/host/hub/authority.ts); here a participant
// learns why a change of theirs was undone, and the facilitator locks records, makes the room
// view-only and reads the log of undone changes.
import { useCallback, useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useT } from '../i18n';
import { BOARD_LIMITS, isLockedRecord, setLocked, setViewOnly, isViewOnly, type Board, type RefusalReason } from '../../shared/board';
import { refusalKey } from '../../shared/i18n/authority';
import type { RoomLogEntry } from '../../shared/sync/protocol';
import type { Selection } from '../board/selection';
import type { RoomConnection } from '../sync/roomConnection';

const LOG_SHOWN = 50;

/** The hub's notices for this window: the last refusal of our own changes, and (facilitator) the room's log. */
export function useRoomNotices(connection: RoomConnection | null): { lastRefusal: { reason: RefusalReason; at: number } | null; log: RoomLogEntry[]; dismissRefusal: () => void } {
  const [lastRefusal, setLastRefusal] = useState<{ reason: RefusalReason; at: number } | null>(null);
  const [log, setLog] = useState<RoomLogEntry[]>([]);
  useEffect(() => {
    if (!connection) return;
    return connection.onNotice((notice) => {
      if (notice.kind === 'refused') setLastRefusal({ reason: notice.reason, at: Date.now() });
      else setLog((entries) => [...entries, notice.entry].slice(-LOG_SHOWN));
    });
  }, [connection]);
  const dismissRefusal = useCallback(() => setLastRefusal(null), []);
  return { lastRefusal, log, dismissRefusal };
}

export function refusalMessage(t: ReturnType<typeof useT>, reason: RefusalReason): string {
  return t(refusalKey(reason), { max: reason === 'tooManyRecords' ? BOARD_LIMITS.records : BOARD_LIMITS.textMax });
}

/** Says, politely and until dismissed, that the hub undid our last change and why. */
export function RefusalNotice({ refusal, onDismiss }: { refusal: { reason: RefusalReason; at: number } | null; onDismiss: () => void }) {
  const t = useT();
  return (
    // Always in the page, so screen readers hear what is put in it.
    <div role="status" className="refusal-notice">
      {refusal && (
        <>
          <span>{t('refused.undone', { reason: refusalMessage(t, refusal.reason) })}</span>
          <button type="button" className="link" onClick={onDismiss}>
            {t('authority.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}

/** Re-renders when the board's metadata or locks change (view-only, locked records). */
export function useRulesVersion(board: Board): number {
  const [version, setVersion] = useState(0);
  useEffect(() => board.observeRules(() => setVersion((v) => v + 1)), [board]);
  return version;
}

/** The facilitator's controls of the room: view-only, locks on the selection, the log of undone changes. */
export function RoomRulesPanel({ board, selection, log }: { board: Board; selection: Selection; log: RoomLogEntry[] }) {
  const t = useT();
  const headingId = useId();
  const hintId = useId();
  useRulesVersion(board);
  const selected = useSyncExternalStore(selection.subscribe, selection.get).selected;
  const ids = [...selected];
  const allLocked = ids.length > 0 && ids.every((id) => isLockedRecord(board, id));
  const viewOnly = isViewOnly(board.doc);
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <section className="room-rules card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('authority.title')}</h2>
      <label className="room-rules-switch">
        <input type="checkbox" checked={viewOnly} aria-describedby={hintId} onChange={(event) => setViewOnly(board, event.currentTarget.checked)} />
        {t('authority.viewOnly')}
      </label>
      <p id={hintId} className="hint">{t('authority.viewOnlyHint')}</p>
      <button type="button" disabled={ids.length === 0} onClick={() => setLocked(board, ids, !allLocked)} title={t('authority.lockHint')}>
        {allLocked ? t('authority.unlock') : t('authority.lock')}
      </button>
      <h3>{t('authority.log')}</h3>
      {log.length === 0 ? (
        <p className="hint">{t('authority.logEmpty')}</p>
      ) : (
        <ol className="room-log" aria-live="polite">
          {log
            .slice()
            .reverse()
            .map((entry) => (
              <li key={`${entry.at}-${entry.memberId}-${entry.reason}`}>
                {t('authority.logEntry', { time: time.format(entry.at), name: entry.name || t('authority.anonymous'), reason: refusalMessage(t, entry.reason) })}
                {entry.records.length > 0 && <> ({t('authority.logRecords', { count: entry.records.length })})</>}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
