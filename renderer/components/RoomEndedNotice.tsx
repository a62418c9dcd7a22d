import { useT } from '../i18n';
import type { ConnectionState } from '../sync/roomConnection';

/** Says that the facilitator closed the room or removed this person, and that the board stays here. */
export function RoomEndedNotice({ ended }: { ended: ConnectionState['ended'] }) {
  const t = useT();
  if (!ended) return null;
  return (
    <p role="alert" className="room-ended" data-testid="room-ended" data-reason={ended}>
      {t(`room.ended.${ended}`)}
    </p>
  );
}
