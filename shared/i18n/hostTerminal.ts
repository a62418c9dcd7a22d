// What the workshop host (`npm start` without Electron, `npm run host`) tells the person at its
// terminal. Printed by main/host/terminal.ts, Korean line first, then English. Not part of the
// renderer's messages (ko.ts/en.ts): no browser ever shows them.

export const hostTerminalMessagesKo = {
  'terminal.running': '마당 {{version}} 워크숍 호스트가 실행 중입니다.',
  'terminal.facilitator': '진행자는 이 컴퓨터의 브라우저에서 이 주소를 여세요:',
  'terminal.facilitatorNext': '세션을 만들고 "{{openRoom}}" 버튼을 누르면 참여 코드와 QR 코드가 진행자 화면과 여기에 함께 나옵니다.',
  'terminal.roomOpen': '방이 열렸습니다: {{title}}',
  'terminal.joinCode': '참여 코드',
  'terminal.joinUrl': '참여 주소',
  'terminal.alsoAt': '다른 네트워크',
  'terminal.howToJoin': '참가자는 휴대폰으로 QR 코드를 찍거나, 참여 주소를 열거나, 마당 앱에 참여 코드를 입력합니다.',
  'terminal.noNetwork': '이 컴퓨터가 아직 네트워크에 연결되어 있지 않아 참가자가 접속할 수 없습니다. 와이파이에 연결하세요.',
  'terminal.hostRoom': '이 방은 호스트가 시작할 때 직접 연 방입니다. 모두 참가자로 참여합니다.',
  'terminal.roomClosed': '방을 닫았습니다: {{title}}. 참여 코드 {{code}}는 이제 쓸 수 없습니다.',
  'terminal.stop': '멈추려면 Ctrl+C를 누르세요.',
  'terminal.warning': '경고',
  'terminal.error': '오류',
} as const;

export type HostTerminalMessageKey = keyof typeof hostTerminalMessagesKo;

export const hostTerminalMessagesEn: Record<HostTerminalMessageKey, string> = {
  'terminal.running': 'The Madang {{version}} workshop host is running.',
  'terminal.facilitator': 'Facilitator: open this address in a browser on this computer:',
  'terminal.facilitatorNext': 'Create a session and press "{{openRoom}}": its join code and QR code appear on your screen and here.',
  'terminal.roomOpen': 'Room open: {{title}}',
  'terminal.joinCode': 'Join code',
  'terminal.joinUrl': 'Join URL',
  'terminal.alsoAt': 'Other networks',
  'terminal.howToJoin': 'Participants scan the QR code with a phone, open the join URL, or type the join code in the Madang app.',
  'terminal.noNetwork': 'This computer is not on a network yet, so participants cannot reach it. Connect it to the Wi-Fi.',
  'terminal.hostRoom': 'The host opened this room itself when it started: everyone joins it as a participant.',
  'terminal.roomClosed': 'Room closed: {{title}}. Join code {{code}} no longer works.',
  'terminal.stop': 'Press Ctrl+C to stop.',
  'terminal.warning': 'warning',
  'terminal.error': 'error',
};
