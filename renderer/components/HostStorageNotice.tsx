// The host's storage as the facilitator must know it (GET /api/storage, loopback only): a data
// folder it cannot write (read-only, full) stays on screen for as long as it lasts, and so does a
// room that will not survive a restart; a board file it could not read or found damaged is shown
// at once, with the newest room version on the host offered for restore.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostStorageStatus, RoomStorageStatus } from '../../shared/room/api';
import { useApp } from '../app/context';
import { useT } from '../i18n';

/** How often the facilitator's app asks the host (a cheap, local request). */
export const HOST_STORAGE_POLL_MS = 5_000;

export function HostStorageNotice({ roomId, onRestored }: { roomId: string; onRestored?: () => void }) {
  const pt = useT();
  const { i18n } = useTranslation();
  const { platform } = useApp();
  const [status, setStatus] = useState<HostStorageStatus | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const poll = useCallback(
    () =>
      platform.hostStorage().then((result) => {
        if (result.ok) setStatus(result.value);
      }),
    [platform],
  );

  useEffect(() => {
    const first = setTimeout(() => void poll(), 0);
    const timer = setInterval(() => void poll(), HOST_STORAGE_POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [poll]);

  const formatDate = (time: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(time));

  const room: RoomStorageStatus | undefined = status?.rooms.find((r) => r.roomId === roomId);
  if (!status) return null;
  const folderProblem = status.dataFolder === 'ok' ? null : status.dataFolder;
  const fileProblem = room && room.boardFile !== 'ok' && dismissed !== room.since ? room : null;
  const volatile = room && !room.survivesRestart;
  if (!folderProblem && !fileProblem && !volatile) return null;

  const restoreNewest = async (target: RoomStorageStatus) => {
    if (!target.newestVersion) return;
    setBusy(true);
    const result = await platform.restoreHostVersion({ roomId, versionId: target.newestVersion.id });
    setBusy(false);
    if (result.ok) {
      setRestoreError(null);
      setDismissed(target.since ?? null);
      onRestored?.();
      void poll();
    } else setRestoreError(pt('hostHistory.restoreFailed', { reason: pt(result.error) }));
  };

  return (
    <div className="host-storage-notice" data-testid="host-storage-notice">
      {folderProblem && (
        <p role="alert" className="error">
          {pt(`hostStorage.${folderProblem}`)}
        </p>
      )}
      {volatile && (
        <p role="alert" className="error">
          {pt('hostStorage.roomVolatile')}
        </p>
      )}
      {fileProblem && (
        <div role="alert" className="error card">
          <p>{pt(`hostStorage.${fileProblem.boardFile === 'damaged' ? 'damaged' : 'unreadable'}`, { date: fileProblem.since === undefined ? '' : formatDate(fileProblem.since) })}</p>
          {fileProblem.newestVersion ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void restoreNewest(fileProblem)}>
              {pt('hostStorage.offerNewest', { date: formatDate(fileProblem.newestVersion.createdAt), count: fileProblem.newestVersion.notes })}
            </button>
          ) : (
            <p>{pt('hostStorage.noVersion')}</p>
          )}
          {restoreError && <p>{restoreError}</p>}
          <button type="button" onClick={() => setDismissed(fileProblem.since ?? null)}>
            {pt('hostStorage.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
