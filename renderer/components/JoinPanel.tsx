import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { useApp } from '../app/context';
import type { RoomInfo } from '../../shared/room/api';
import { formatJoinCode } from '../../shared/room/joinCode';
import type { PlatformError } from '../platform';
import { InlineConfirm } from './InlineConfirm';
import { ProjectionDialog, qrDataUrl } from './ProjectionDialog';

/**
 * What the facilitator projects so the room can join: code, QR, URL, addresses — readable from
 * the back, and larger still in the "show large" overlay. Two actions ask first: a new join code
 * (the old one admits nobody new; everyone in stays; `onRenewed` gets the room with its new code)
 * and closing the room, which ends it for everyone (`onClosed` runs once the host has closed it).
 */
export function JoinPanel({ room, onClosed, onRenewed }: { room: RoomInfo; onClosed?: () => void; onRenewed?: (room: RoomInfo) => void }) {
  const t = useT();
  const { platform } = useApp();
  const [projecting, setProjecting] = useState(false);
  const [confirming, setConfirming] = useState<'close' | 'renew' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PlatformError | null>(null);
  const [renewedCode, setRenewedCode] = useState<string | null>(null);
  const showLargeRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const renewRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the dialog or the confirm step is gone (they must be unmounted first).
  const focusAfter = useRef<'showLarge' | 'close' | 'renew' | null>(null);

  useEffect(() => {
    if (projecting || confirming || !focusAfter.current) return;
    ({ showLarge: showLargeRef, close: closeRef, renew: renewRef })[focusAfter.current].current?.focus();
    focusAfter.current = null;
  }, [projecting, confirming]);

  const stopProjecting = () => {
    focusAfter.current = 'showLarge';
    setProjecting(false);
  };

  const ask = (action: 'close' | 'renew') => {
    setError(null);
    setRenewedCode(null);
    setConfirming(action);
  };

  const cancel = () => {
    focusAfter.current = confirming;
    setConfirming(null);
  };

  const closeRoom = async () => {
    setBusy(true);
    const result = await platform.closeRoom({ roomId: room.roomId });
    setBusy(false);
    if (result.ok) {
      setConfirming(null);
      onClosed?.();
      return;
    }
    setError(result.error);
    focusAfter.current = 'close';
    setConfirming(null);
  };

  const renewCode = async () => {
    setBusy(true);
    const result = await platform.renewJoinCode({ roomId: room.roomId });
    setBusy(false);
    focusAfter.current = 'renew';
    setConfirming(null);
    if (!result.ok) return setError(result.error);
    setRenewedCode(result.value.joinCode);
    onRenewed?.(result.value);
  };

  return (
    <section className="join-panel card" aria-labelledby="join-panel-heading">
      <h2 id="join-panel-heading">{t('board.roomOpen')}</h2>
      <p className="join-code-label">{t('board.joinCode')}</p>
      <p className="join-code" data-testid="join-code" aria-label={room.joinCode.split('').join(' ')}>
        {formatJoinCode(room.joinCode)}
      </p>
      <img className="join-qr" src={qrDataUrl(room)} alt={t('board.qrAlt')} width={220} height={220} />
      <p className="join-url-label">{t('board.joinUrl')}</p>
      <p className="join-url" data-testid="join-url">{room.joinUrl}</p>
      {room.addresses.length > 0 ? (
        <>
          <p className="join-url-label">{t('board.addresses')}</p>
          <ul className="addresses">
            {room.addresses.map((address) => (
              <li key={address}>{address}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="hint">{t('board.noLan')}</p>
      )}
      <div className="join-actions">
        <button ref={showLargeRef} type="button" aria-haspopup="dialog" onClick={() => setProjecting(true)}>
          {t('projection.open')}
        </button>
        {confirming === null && (
          <>
            <button ref={renewRef} type="button" onClick={() => ask('renew')}>
              {t('room.renewCode')}
            </button>
            <button ref={closeRef} type="button" className="danger-outline" onClick={() => ask('close')}>
              {t('room.close')}
            </button>
          </>
        )}
      </div>
      {confirming === 'renew' && (
        <InlineConfirm
          testId="renew-code-confirm"
          question={t('room.renewConfirmQuestion')}
          confirmLabel={t('room.renewConfirm')}
          busyLabel={t('room.renewing')}
          cancelLabel={t('room.renewCancel')}
          busy={busy}
          onConfirm={() => void renewCode()}
          onCancel={cancel}
        />
      )}
      {confirming === 'close' && (
        <InlineConfirm
          testId="close-room-confirm"
          question={`${t('room.closeConfirmTitle')} ${t('room.closeConfirmBody')}`}
          confirmLabel={t('room.closeConfirm')}
          busyLabel={t('room.closing')}
          cancelLabel={t('room.closeCancel')}
          busy={busy}
          onConfirm={() => void closeRoom()}
          onCancel={cancel}
        />
      )}
      <p role="status" className="hint" data-testid="renew-code-status">
        {renewedCode && t('room.renewed', { code: formatJoinCode(renewedCode) })}
      </p>
      {error && (
        <p role="alert" className="error">
          {t(error)}
        </p>
      )}
      {projecting && <ProjectionDialog room={room} onClose={stopProjecting} />}
    </section>
  );
}
