import { useId } from 'react';
import { useModalDialog } from './useModalDialog';
import { useT } from '../i18n';
import type { RoomInfo } from '../../shared/room/api';
import { formatJoinCode } from '../../shared/room/joinCode';

export function qrDataUrl(room: RoomInfo): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(room.qrSvg)}`;
}

/**
 * The join code, QR code and addresses filling the screen, for a projector at the back of the
 * room. A native modal <dialog>: focus stays inside, Escape or the close button closes it.
 */
export function ProjectionDialog({ room, onClose }: { room: RoomInfo; onClose: () => void }) {
  const t = useT();
  const dialog = useModalDialog(onClose);
  const titleId = useId();

  return (
    <dialog
      {...dialog}
      className="projection"
      aria-labelledby={titleId}
      data-testid="projection"
    >
      <div className="projection-head">
        <h2 id={titleId}>{t('projection.title')}</h2>
        <p className="projection-session">{room.title}</p>
        <button type="button" className="projection-close" onClick={onClose}>
          {t('projection.close')}
        </button>
      </div>
      <div className="projection-body">
        <div className="projection-text">
          <p className="projection-label">{t('projection.code')}</p>
          <p className="projection-code" data-testid="projection-join-code">
            <span aria-hidden="true">{formatJoinCode(room.joinCode)}</span>
            {/* Read letter by letter, not as a word. */}
            <span className="visually-hidden">{room.joinCode.split('').join(' ')}</span>
          </p>
          <p className="projection-label">{t('projection.url')}</p>
          <p className="projection-url">{room.joinUrl}</p>
          {room.addresses.length > 0 && (
            <>
              <p className="projection-label">{t('projection.addresses')}</p>
              <ul className="projection-addresses">
                {room.addresses.map((address) => (
                  <li key={address}>{address}</li>
                ))}
              </ul>
            </>
          )}
        </div>
        <img className="projection-qr" src={qrDataUrl(room)} alt={t('board.qrAlt')} width={600} height={600} />
      </div>
    </dialog>
  );
}
