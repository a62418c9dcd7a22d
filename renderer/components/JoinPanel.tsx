import { useTranslation } from 'react-i18next';
import type { RoomInfo } from '../../shared/room/api';
import { formatJoinCode } from '../../shared/room/joinCode';

/** What the facilitator projects so the room can join: code, QR, URL, addresses — readable from the back. */
export function JoinPanel({ room }: { room: RoomInfo }) {
  const { t } = useTranslation();
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(room.qrSvg)}`;
  return (
    <section className="join-panel card" aria-labelledby="join-panel-heading">
      <h2 id="join-panel-heading">{t('board.roomOpen')}</h2>
      <p className="join-code-label">{t('board.joinCode')}</p>
      <p className="join-code" data-testid="join-code" aria-label={room.joinCode.split('').join(' ')}>
        {formatJoinCode(room.joinCode)}
      </p>
      <img className="join-qr" src={qr} alt={t('board.qrAlt')} width={220} height={220} />
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
    </section>
  );
}
