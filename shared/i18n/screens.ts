// Strings of the board screen's frame: the room panel on narrow screens, the phone toolbar's
// overflow menu, and the text limit shown while typing. ko.ts and en.ts include them.

export const screenMessagesKo = {
  'screen.panel': '방 정보',
  'screen.panelClose': '보드로 돌아가기',
  'screen.more': '도구 더 보기',
  'screen.editText': '글 편집',

  'limit.counter': '{{count}} / {{max}}자',
  'limit.full': '{{max}}자까지 쓸 수 있습니다. 더 입력한 글자는 저장되지 않습니다.',
  'limit.cut': '{{max}}자까지만 저장됩니다. 붙여 넣은 글의 뒤쪽 {{cut}}자는 잘렸습니다.',
} as const;

export type ScreenMessageKey = keyof typeof screenMessagesKo;

export const screenMessagesEn: Record<ScreenMessageKey, string> = {
  'screen.panel': 'Room info',
  'screen.panelClose': 'Back to the board',
  'screen.more': 'More tools',
  'screen.editText': 'Edit text',

  'limit.counter': '{{count}} / {{max}} characters',
  'limit.full': 'Up to {{max}} characters. Anything typed beyond that is not kept.',
  'limit.cut': 'Only {{max}} characters are kept: the last {{cut}} characters of what you pasted were cut.',
};
