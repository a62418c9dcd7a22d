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
 * the back, and larger still in the "show large" overlay. Closing the room ends it for everyone
 * (after a confirm step); `onClosed` runs once the host has closed it.
 */
export function JoinPanel({ room, onClosed }: { room: RoomInfo; onClosed?: () => void }) {
  const t = useT();
  const { platform } = useApp();
  const [projecting, setProjecting] = useState(false);
  const [closeStep, setCloseStep] = useState<'idle' | 'confirm' | 'closing'>('idle');
  const [closeError, setCloseError] = useState<PlatformError | null>(null);
  const showLargeRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the dialog or the confirm step is gone (they must be unmounted first).
  const focusAfter = useRef<'showLarge' | 'close' | null>(null);

  useEffect(() => {
    if (projecting || closeStep !== 'idle' || !focusAfter.current) return;
    (focusAfter.current === 'showLarge' ? showLargeRef : closeRef).current?.focus();
    focusAfter.current = null;
  }, [projecting, closeStep]);

  const stopProjecting = () => {
    focusAfter.current = 'showLarge';
    setProjecting(false);
  };

  const closeRoom = async () => {
    setCloseStep('closing');
    setCloseError(null);
    const result = await platform.closeRoom({ roomId: room.roomId });
    if (result.ok) {
      setCloseStep('idle');
      onClosed?.();
      return;
    }
    setCloseError(result.error);
    focusAfter.current = 'close';
    setCloseStep('idle');
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
        {closeStep === 'idle' && (
          <button ref={closeRef} type="button" className="danger-outline" onClick={() => setCloseStep('confirm')}>
            {t('room.close')}
          </button>
        )}
      </div>
      {closeStep !== 'idle' && (
        <InlineConfirm
          testId="close-room-confirm"
          question={`${t('room.closeConfirmTitle')} ${t('room.closeConfirmBody')}`}
          confirmLabel={t('room.closeConfirm')}
          busyLabel={t('room.closing')}
          cancelLabel={t('room.closeCancel')}
          busy={closeStep === 'closing'}
          onConfirm={() => void closeRoom()}
          onCancel={() => {
            focusAfter.current = 'close';
            setCloseStep('idle');
          }}
        />
      )}
      {closeError && (
        <p role="alert" className="error">
          {t(closeError)}
        </p>
      )}
      {projecting && <ProjectionDialog room={room} onClose={stopProjecting} />}
    </section>
  );
}
