import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../sync/roomConnection';

/** Says honestly how this client is connected: local only, connecting, connected with N peers, offline. */
export function StatusBar({ connection }: { connection: ConnectionState | null }) {
  const { t } = useTranslation();
  let label: string;
  let tone: 'local' | 'ok' | 'wait' | 'bad';
  if (!connection) {
    label = t('status.local');
    tone = 'local';
  } else if (connection.signaling === 'connected') {
    label = `${t('status.connected')} · ${t('status.peers', { count: connection.webrtcPeers })}`;
    tone = 'ok';
  } else if (connection.signaling === 'connecting') {
    label = t('status.connecting');
    tone = 'wait';
  } else {
    label = t('status.offline');
    tone = 'bad';
  }
  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <span role="status" className={`status status-${tone}`} data-testid="connection-status" data-state={connection?.signaling ?? 'local'}>
        <span className="status-dot" aria-hidden="true" />
        {label}
      </span>
    </footer>
  );
}
