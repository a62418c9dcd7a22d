// The room's versions, kept by the host on the facilitator's computer (main/host/hub/history.ts):
// in a room they belong to the host, so the facilitator's history panel shows these. Restoring
// one changes the board of everyone in the room (the host applies it as new changes); only the
// facilitator's own machine may ask (the host's loopback API).
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostVersion } from '../../../shared/room/api';
import { useApp } from '../../app/context';
import { useT } from '../../i18n';
import type { PlatformError } from '../../platform';
import { ConfirmDialog } from './HistoryPanel';
import './persistence.css';

/** How often the list is fetched again while shown (the host saves every few minutes). */
export const HOST_VERSIONS_REFRESH_MS = 15_000;

type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; message: string }
  | { kind: 'done'; message: string }
  | { kind: 'error'; message: string };

export function HostHistoryPanel({ roomId, refreshKey = 0 }: { roomId: string; refreshKey?: number }) {
  const pt = useT();
  const { platform } = useApp();
  const { i18n } = useTranslation();
  const id = useId();
  const [versions, setVersions] = useState<HostVersion[] | null>(null);
  const [loadError, setLoadError] = useState<PlatformError | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirming, setConfirming] = useState<HostVersion | null>(null);
  const restoreButtons = useRef(new Map<string, HTMLButtonElement>());
  const busy = status.kind === 'busy';

  const formatDate = (time: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(time));
  const reasonOf = (version: HostVersion) =>
    version.reason === 'before-restore'
      ? pt('hostHistory.reason.before-restore', { date: version.restoredFrom === undefined ? '?' : formatDate(version.restoredFrom) })
      : pt(`hostHistory.reason.${version.reason}`);

  const refresh = useCallback(
    () =>
      platform.hostVersions({ roomId }).then((result) => {
        if (result.ok) {
          setVersions(result.value.versions);
          setLoadError(null);
        } else setLoadError(result.error);
      }),
    [platform, roomId],
  );

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), HOST_VERSIONS_REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh, refreshKey]);

  const save = async () => {
    setStatus({ kind: 'busy', message: pt('hostHistory.saving') });
    const result = await platform.saveHostVersion({ roomId });
    setStatus(result.ok ? { kind: 'done', message: pt('hostHistory.saved') } : { kind: 'error', message: pt('hostHistory.saveFailed', { reason: pt(result.error) }) });
    await refresh();
  };

  const closeDialog = (version: HostVersion | null) => {
    setConfirming(null);
    if (version) restoreButtons.current.get(version.id)?.focus();
  };

  const restore = async (version: HostVersion) => {
    closeDialog(version);
    setStatus({ kind: 'busy', message: pt('hostHistory.restoring') });
    const result = await platform.restoreHostVersion({ roomId, versionId: version.id });
    setStatus(
      result.ok
        ? { kind: 'done', message: pt('hostHistory.restored', { date: formatDate(version.createdAt) }) }
        : { kind: 'error', message: pt('hostHistory.restoreFailed', { reason: pt(result.error) }) },
    );
    await refresh();
  };

  return (
    <section className="history-panel card" aria-labelledby={`${id}-heading`} data-testid="host-history">
      <h2 id={`${id}-heading`}>{pt('hostHistory.title')}</h2>
      <p className="hint">{pt('hostHistory.intro')}</p>
      <button type="button" disabled={busy} onClick={() => void save()}>
        {pt('hostHistory.save')}
      </button>
      <p role="status" className="history-status">
        {status.kind === 'busy' || status.kind === 'done' ? status.message : ''}
      </p>
      {status.kind === 'error' && (
        <p role="alert" className="error">
          {status.message}
        </p>
      )}
      {loadError && (
        <p role="alert" className="error">
          {pt('hostHistory.loadFailed', { reason: pt(loadError) })}
        </p>
      )}
      {versions === null && !loadError && <p className="hint">{pt('hostHistory.loading')}</p>}
      {versions?.length === 0 && <p className="empty">{pt('hostHistory.empty')}</p>}
      {versions && versions.length > 0 && (
        <ol className="history-list" aria-labelledby={`${id}-heading`}>
          {versions.map((version) => (
            <li key={version.id} className="history-item">
              <span className="history-name">
                <time dateTime={new Date(version.createdAt).toISOString()}>{formatDate(version.createdAt)}</time>
              </span>
              <span className="history-meta">
                {reasonOf(version)}
                {' · '}
                {pt('hostHistory.notes', { count: version.notes })}
              </span>
              <button
                type="button"
                ref={(element) => {
                  if (element) restoreButtons.current.set(version.id, element);
                  else restoreButtons.current.delete(version.id);
                }}
                disabled={busy}
                aria-label={pt('hostHistory.restoreItem', { date: formatDate(version.createdAt), reason: reasonOf(version), count: version.notes })}
                onClick={() => setConfirming(version)}
              >
                {pt('hostHistory.restore')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {confirming && (
        <ConfirmDialog
          title={pt('hostHistory.confirmTitle')}
          body={pt('hostHistory.confirmBody', { date: formatDate(confirming.createdAt), count: confirming.notes })}
          confirmLabel={pt('hostHistory.confirm')}
          cancelLabel={pt('history.cancel')}
          onConfirm={() => void restore(confirming)}
          onCancel={() => closeDialog(confirming)}
        />
      )}
    </section>
  );
}
