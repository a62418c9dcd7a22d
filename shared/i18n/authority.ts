// Strings of the room's rules as the hub enforces them: a change that was taken back and why,
// the facilitator's locks, view-only switch and log. ko.ts and en.ts include them.
import type { RefusalReason } from '../board/policy';

export const authorityMessagesKo = {
  'join.removed': '진행자가 이 기기를 방에서 내보냈습니다. 다시 참여하려면 진행자에게 말씀해 주세요.',
  'refused.viewOnly': '지금은 보기 전용입니다. 진행자가 편집을 다시 열 때까지 기다려 주세요.',
  'refused.protected': '보드 정보와 잠금은 진행자만 바꿀 수 있습니다.',
  'refused.observer': '참관자와 공유 화면은 보드를 바꿀 수 없습니다.',
  'refused.session': '진행 순서, 타이머, 투표와 역할은 진행자만 바꿀 수 있습니다.',
  'refused.locked': '잠긴 항목은 바꿀 수 없습니다.',
  'refused.tool': '이 단계에서는 그 종류의 항목을 추가할 수 없습니다.',
  'refused.notOwner': '다른 사람이 만든 항목은 지울 수 없습니다.',
  'refused.structure': '보드에 맞지 않는 변경이라 되돌렸습니다.',
  'refused.textTooLong': '글이 너무 깁니다(메모는 {{max}}자까지).',
  'refused.tooManyRecords': '보드에 항목이 너무 많습니다({{max}}개까지).',
  'refused.updateTooLarge': '한 번에 보내는 변경이 너무 큽니다. 나누어 해 주세요.',
  'refused.boardTooLarge': '보드가 최대 크기에 이르러 더 추가할 수 없습니다.',
  'refused.malformed': '읽을 수 없는 변경이라 받지 않았습니다.',
  'refused.undone': '방금 한 변경을 되돌렸습니다: {{reason}}',
  'authority.title': '방 규칙',
  'authority.viewOnly': '참가자는 보기만',
  'authority.viewOnlyHint': '켜면 참가자는 보드를 바꿀 수 없습니다. 진행자는 그대로 편집합니다.',
  'authority.lock': '선택 항목 잠그기',
  'authority.unlock': '선택 항목 잠금 풀기',
  'authority.lockHint': '잠긴 항목과 잠긴 프레임 안의 항목은 참가자가 옮기거나 고치거나 지울 수 없습니다.',
  'authority.locked': '잠김',
  'authority.log': '되돌린 변경',
  'authority.logEmpty': '아직 없습니다.',
  'authority.logEntry': '{{time}} {{name}}: {{reason}}',
  'authority.logRecords': '항목 {{count}}개',
  'authority.anonymous': '이름 없는 참가자',
  'canvas.viewOnly': '진행자가 보드를 보기 전용으로 바꿨습니다.',
  'canvas.observer': '참관 중입니다. 보드를 볼 수만 있습니다.',
  'authority.dismiss': '닫기',
};

export type AuthorityMessageKey = keyof typeof authorityMessagesKo;

export const authorityMessagesEn: Record<AuthorityMessageKey, string> = {
  'join.removed': 'The facilitator removed this device from the room. Please ask the facilitator to join again.',
  'refused.viewOnly': 'The board is view-only right now. Please wait until the facilitator opens it for editing.',
  'refused.protected': 'Only the facilitator can change the board details and locks.',
  'refused.observer': 'Observers and the shared screen cannot change the board.',
  'refused.session': 'Only the facilitator can change the agenda, timer, votes and roles.',
  'refused.locked': 'Locked items cannot be changed.',
  'refused.tool': 'That kind of item cannot be added in this step.',
  'refused.notOwner': 'You cannot delete what someone else made.',
  'refused.structure': 'That change does not fit the board and was undone.',
  'refused.textTooLong': 'The text is too long (notes hold up to {{max}} characters).',
  'refused.tooManyRecords': 'The board has too many items (up to {{max}}).',
  'refused.updateTooLarge': 'That change is too large to send at once. Please do it in parts.',
  'refused.boardTooLarge': 'The board has reached its maximum size; nothing more can be added.',
  'refused.malformed': 'That change could not be read and was not accepted.',
  'refused.undone': 'Your last change was undone: {{reason}}',
  'authority.title': 'Room rules',
  'authority.viewOnly': 'Participants view only',
  'authority.viewOnlyHint': 'When on, participants cannot change the board. You can still edit.',
  'authority.lock': 'Lock selected',
  'authority.unlock': 'Unlock selected',
  'authority.lockHint': 'Participants cannot move, edit or delete locked items or anything inside a locked frame.',
  'authority.locked': 'Locked',
  'authority.log': 'Undone changes',
  'authority.logEmpty': 'None yet.',
  'authority.logEntry': '{{time}} {{name}}: {{reason}}',
  'authority.logRecords': 'items: {{count}}',
  'authority.anonymous': 'Unnamed participant',
  'canvas.viewOnly': 'The facilitator made the board view-only.',
  'canvas.observer': 'You are observing: you can see the board but not change it.',
  'authority.dismiss': 'Dismiss',
};

/** The message key explaining a refusal. */
export function refusalKey(reason: RefusalReason): AuthorityMessageKey {
  return `refused.${reason}`;
}
