// Strings of renewing a room's join code from the facilitator's room panel (the code got out:
// a photo of the screen, a removed participant): the button, its confirm step and the outcome.
// ko.ts and en.ts include them. Korean is the source; English must have the same keys (tested).

export const joinCodeRenewalMessagesKo = {
  'room.renewCode': '새 참여 코드 발급',
  'room.renewConfirmQuestion': '새 참여 코드를 발급할까요? 지금 방에 있는 사람은 그대로 연결되어 있고, 지금 코드와 QR 코드로는 더 이상 아무도 새로 들어올 수 없습니다.',
  'room.renewConfirm': '새 코드 발급',
  'room.renewing': '발급하는 중…',
  'room.renewCancel': '취소',
  'room.renewed': '새 참여 코드를 발급했습니다: {{code}}',
} as const;

export type JoinCodeRenewalMessageKey = keyof typeof joinCodeRenewalMessagesKo;

export const joinCodeRenewalMessagesEn: Record<JoinCodeRenewalMessageKey, string> = {
  'room.renewCode': 'New join code',
  'room.renewConfirmQuestion': 'Issue a new join code? Everyone in the room now stays connected, and nobody new can get in with the current code or QR code.',
  'room.renewConfirm': 'Issue new code',
  'room.renewing': 'Issuing…',
  'room.renewCancel': 'Cancel',
  'room.renewed': 'New join code issued: {{code}}',
};
