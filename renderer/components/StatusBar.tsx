import { useT, type Translate } from '../i18n';
import type { ConnectionState } from '../sync/roomConnection';

type Tone = 'local' | 'ok' | 'wait' | 'bad';

interface StatusText {
  label: string;
  /** A sentence saying what the state means for the person's work, when it needs saying. */
  hint?: string;
  tone: Tone;
}

/** What the status bar says for one state. */
export function describeConnection(connection: ConnectionState | null, t: Translate): StatusText {
  if (!connection) return { label: t('status.local'), tone: 'local' };
  if (connection.ended) return { label: t(`status.ended.${connection.ended}`), hint: t('status.endedHint'), tone: 'bad' };
  const pending = connection.pendingLocal ? ` · ${t('status.pending')}` : '';
  switch (connection.transport) {
    case 'connecting':
      return { label: `${t('status.connecting')}${pending}`, tone: 'wait' };
    case 'offline':
      return { label: `${t('status.offline')}${pending}`, hint: t('status.offlineHint'), tone: 'bad' };
    case 'webrtc':
    case 'relay':
    case 'server': {
      const via = t(connection.transport === 'webrtc' ? 'status.viaWebrtc' : connection.transport === 'relay' ? 'status.viaRelay' : 'status.viaServer');
      const sync = connection.receiving ? t('status.receiving') : connection.synced ? t('status.synced') : t('status.syncing');
      return {
        // The same count and words as the people list: everyone present, this client included.
        label: `${t('status.connected')} · ${t('board.people', { count: connection.people.length })} · ${via} · ${sync}`,
        hint: connection.transport === 'relay' ? t('status.relayHint') : connection.transport === 'server' ? t('status.serverHint') : undefined,
        tone: connection.synced && !connection.receiving ? 'ok' : 'wait',
      };
    }
  }
}

/** Whole percent of a large incoming message, 0–100. */
export function receivedPercent(receiving: NonNullable<ConnectionState['receiving']>): number {
  if (!(receiving.total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((receiving.received / receiving.total) * 100)));
}

/**
 * Says honestly how this client is connected: local only, connecting, WebRTC, relay or the
 * room's sync server with the number of other people, synced or not, offline with changes kept
 * here, or the room ended.
 * The live region changes only when the state does; the progress bar of a large download sits
 * outside it, so its ticks are never announced.
 */
export function StatusBar({ connection }: { connection: ConnectionState | null }) {
  const t = useT();
  const { label, hint, tone } = describeConnection(connection, t);
  const receiving = connection && !connection.ended ? connection.receiving : null;
  const percent = receiving ? receivedPercent(receiving) : 0;
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span role="status" aria-atomic="true" className={`status status-${tone}`}>
        <span
          className="status-main"
          data-testid="connection-status"
          data-state={connection?.transport ?? 'local'}
          data-synced={String(connection?.synced ?? false)}
          data-ended={connection?.ended ?? undefined}
        >
          <span className="status-dot" aria-hidden="true" />
          {label}
        </span>
        {hint && <span className="status-hint"> {hint}</span>}
      </span>
      {receiving && (
        <span className="status-progress" data-testid="sync-progress">
          <progress max={100} value={percent} aria-label={t('status.receivingProgress', { percent })} />
          <span aria-hidden="true">{percent}%</span>
        </span>
      )}
    </footer>
  );
}
