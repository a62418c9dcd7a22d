// The facilitator gives a person in the room a role from the people list. Only the facilitator's
// own token may write roles (the hub refuses anyone else's), so only their screen shows this.
import { useT } from '../i18n';
import { roomRole } from '../../shared/board/policy';
import { ASSIGNABLE_ROLES, setMemberRole, type AssignableRole } from '../../shared/workshop/stepRules';
import type { PresencePeer } from '../sync/roomConnection';
import type { RoomControls } from './roomControls';
import { useControls } from './useControls';

export function RoleSelect({ controls, person }: { controls: RoomControls; person: PresencePeer }) {
  const t = useT();
  useControls(controls);
  const board = controls.board;
  if (board.actor?.role !== 'facilitator' || person.self || person.role === 'facilitator' || !person.memberId) return null;
  const memberId = person.memberId;
  const role = roomRole(board.doc, { memberId, role: 'participant' });
  return (
    <select
      className="person-role"
      aria-label={t('controls.role', { name: person.name })}
      value={role}
      onChange={(e) => setMemberRole(board, memberId, e.target.value as AssignableRole)}
    >
      {ASSIGNABLE_ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`controls.role.${r}`)}
        </option>
      ))}
    </select>
  );
}
