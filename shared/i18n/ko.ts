// Korean is the source language; en.ts must have exactly the same keys (checked by tsc and a test).
// Larger features keep their strings in their own file beside this one.
import { authorityMessagesKo } from './authority';
import { canvasMessagesKo } from './canvas';
import { controlsMessagesKo } from './controls';
import { discoveryMessagesKo } from './discovery';
import { durabilityMessagesKo } from './durability';
import { joinCodeRenewalMessagesKo } from './joinCodeRenewal';
import { officialMessagesKo } from './official';
import { outcomesMessagesKo } from './outcomes';
import { outlineMessagesKo } from './outline';
import { persistenceMessagesKo } from './persistence';
import { roomMessagesKo } from './room';
import { screenMessagesKo } from './screens';
import { syncServerMessagesKo } from './syncServer';
import { workshopMessagesKo } from './workshop';

export const ko = {
  ...authorityMessagesKo,
  ...canvasMessagesKo,
  ...controlsMessagesKo,
  ...discoveryMessagesKo,
  ...durabilityMessagesKo,
  ...joinCodeRenewalMessagesKo,
  ...officialMessagesKo,
  ...outcomesMessagesKo,
  ...outlineMessagesKo,
  ...persistenceMessagesKo,
  ...roomMessagesKo,
  ...screenMessagesKo,
  ...syncServerMessagesKo,
  ...workshopMessagesKo,
  'app.name': '마당',
  'app.tagline': '리빙랩 워크숍을 위한 공동 문제 지도',
  'language.label': '언어',
  'language.ko': '한국어',
  'language.en': 'English',

  'home.title': '워크숍 세션',
  'home.newSession': '새 세션',
  'home.sessionTitle': '세션 이름',
  'home.sessionTitlePlaceholder': '예: 성수동 골목 안전 워크숍',
  'home.create': '만들기',
  'home.open': '열기',
  'home.empty': '아직 세션이 없습니다. 새 세션을 만들어 보세요.',
  'home.createdAt': '{{date}}에 만듦',
  'home.join': '코드로 참여',
  'home.joinCode': '참여 코드',
  'home.joinSubmit': '참여하기',

  'join.title': '워크숍에 참여하기',
  'join.nameLabel': '표시 이름 (선택)',
  'join.namePlaceholder': '비워 두면 익명으로 참여합니다',
  'join.submit': '참여하기',
  'join.joining': '참여하는 중…',
  'join.invalidCode': '참여 코드가 맞지 않거나 만료되었습니다. 진행자에게 코드를 다시 확인해 주세요.',
  'join.tooManyAttempts': '잘못된 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.',

  'board.back': '세션 목록',
  'board.people': '방에 {{count}}명',
  'board.you': '{{name}} (나)',
  'board.openRoom': '방 열기',
  'board.roomOpen': '참여 안내',
  'board.joinCode': '참여 코드',
  'board.joinUrl': '참여 주소',
  'board.addresses': '이 컴퓨터의 주소',
  'board.qrAlt': '참여 주소 QR 코드',
  'board.noLan': '네트워크에 연결되어 있지 않습니다. 같은 와이파이에 연결하면 참여자가 들어올 수 있습니다.',

  'board.notFound': '이 세션을 찾을 수 없습니다. 이 기기에 저장되어 있지 않을 수 있습니다.',
  'board.opening': '보드를 여는 중…',
  'board.pictureLabel': '이 기기에 마지막으로 저장된 보드 모습 (여는 중)',
  'board.peopleHeading': '지금 함께하는 사람',
  'board.roomOpening': '방을 여는 중…',
  'people.facilitator': '진행자',

  'status.label': '연결 상태',
  'status.offline': '오프라인',
  'status.connecting': '연결 중…',
  'status.connected': '연결됨',
  'status.local': '이 기기에만 저장',

  'participant.anonymous': '익명 {{animal}}',
  'participant.animals': '호랑이,까치,두루미,다람쥐,수달,고라니,반달곰,산토끼,너구리,참새',

  'error.badRequest': '요청이 올바르지 않습니다.',
  'error.notFound': '찾을 수 없습니다.',
  'error.forbidden': '이 작업은 진행자 컴퓨터에서만 할 수 있습니다.',
  'error.tooLarge': '요청이 너무 큽니다.',
  'error.internal': '예기치 못한 오류가 발생했습니다. 다시 시도해 주세요.',
  'error.network': '진행자 컴퓨터에 연결할 수 없습니다. 같은 네트워크에 있는지 확인해 주세요.',
  'error.storage': '이 브라우저에 데이터를 저장할 수 없습니다: {{detail}}',
  'error.titleRequired': '세션 이름을 입력해 주세요.',
} as const;

export type MessageKey = keyof typeof ko;
