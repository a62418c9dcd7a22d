// Strings of finding workshops on the LAN from the home screen (Electron only): the search, the
// hosts found, and handing the chosen one over to the browser with the join code.
// ko.ts and en.ts include them. Korean is the source; English must have the same keys (tested).

export const discoveryMessagesKo = {
  'discovery.heading': '이 네트워크의 워크숍',
  'discovery.find': '이 네트워크의 워크숍 찾기',
  'discovery.searching': '찾는 중…',
  'discovery.found': '워크숍 {{count}}곳을 찾았습니다. 참여할 곳을 고르세요.',
  'discovery.none': '이 네트워크에서 열린 워크숍을 찾지 못했습니다. 진행자 컴퓨터와 같은 와이파이에 연결되어 있는지, 진행자가 방을 열었는지 확인해 주세요. 진행자에게 받은 참여 주소를 브라우저에서 열어도 됩니다.',
  'discovery.host': '{{name}} ({{address}}) · 열린 방 {{count}}개',
  'discovery.chosenHeading': '{{name}}의 워크숍에 참여하기',
  'discovery.address': '참여 주소',
  'discovery.copy': '주소 복사',
  'discovery.copied': '주소를 복사했습니다.',
  'discovery.copyFailed': '복사하지 못했습니다. 주소를 직접 선택해 복사해 주세요.',
  'discovery.codeHint': '진행자에게 받은 참여 코드를 입력하세요. 주소가 진행자 화면의 주소와 같은지 확인하세요.',
} as const;

export type DiscoveryMessageKey = keyof typeof discoveryMessagesKo;

export const discoveryMessagesEn: Record<DiscoveryMessageKey, string> = {
  'discovery.heading': 'Workshops on this network',
  'discovery.find': 'Find workshops on this network',
  'discovery.searching': 'Searching…',
  'discovery.found': 'Workshops found: {{count}}. Choose the one to join.',
  'discovery.none': "No open workshop found on this network. Check that you are on the same Wi-Fi as the facilitator's computer and that the facilitator has opened the room. You can also open the join address from the facilitator in a browser.",
  'discovery.host': '{{name}} ({{address}}) · open rooms: {{count}}',
  'discovery.chosenHeading': 'Join the workshop on {{name}}',
  'discovery.address': 'Join address',
  'discovery.copy': 'Copy address',
  'discovery.copied': 'Address copied.',
  'discovery.copyFailed': 'Could not copy. Please select the address and copy it yourself.',
  'discovery.codeHint': "Enter the join code from the facilitator. Check that the address matches the one on the facilitator's screen.",
};
