import type { MessageKey } from './ko';
import { authorityMessagesEn } from './authority';
import { canvasMessagesEn } from './canvas';
import { controlsMessagesEn } from './controls';
import { discoveryMessagesEn } from './discovery';
import { durabilityMessagesEn } from './durability';
import { joinCodeRenewalMessagesEn } from './joinCodeRenewal';
import { officialMessagesEn } from './official';
import { outcomesMessagesEn } from './outcomes';
import { outlineMessagesEn } from './outline';
import { persistenceMessagesEn } from './persistence';
import { roomMessagesEn } from './room';
import { screenMessagesEn } from './screens';
import { syncServerMessagesEn } from './syncServer';
import { workshopMessagesEn } from './workshop';

export const en: Record<MessageKey, string> = {
  ...authorityMessagesEn,
  ...canvasMessagesEn,
  ...controlsMessagesEn,
  ...discoveryMessagesEn,
  ...durabilityMessagesEn,
  ...joinCodeRenewalMessagesEn,
  ...officialMessagesEn,
  ...outcomesMessagesEn,
  ...outlineMessagesEn,
  ...persistenceMessagesEn,
  ...roomMessagesEn,
  ...screenMessagesEn,
  ...syncServerMessagesEn,
  ...workshopMessagesEn,
  'app.name': 'Madang',
  'app.tagline': 'Shared problem maps for living-lab workshops',
  'language.label': 'Language',
  'language.ko': '한국어',
  'language.en': 'English',

  'home.title': 'Workshop sessions',
  'home.newSession': 'New session',
  'home.sessionTitle': 'Session name',
  'home.sessionTitlePlaceholder': 'e.g. Seongsu alley safety workshop',
  'home.create': 'Create',
  'home.open': 'Open',
  'home.empty': 'No sessions yet. Create one to begin.',
  'home.createdAt': 'Created {{date}}',
  'home.join': 'Join with a code',
  'home.joinCode': 'Join code',
  'home.joinSubmit': 'Join',

  'join.title': 'Join the workshop',
  'join.nameLabel': 'Display name (optional)',
  'join.namePlaceholder': 'Leave empty to join anonymously',
  'join.submit': 'Join',
  'join.joining': 'Joining…',
  'join.invalidCode': 'This join code is wrong or has expired. Please check the code with the facilitator.',
  'join.tooManyAttempts': 'Too many wrong attempts. Please wait a moment and try again.',

  'board.back': 'Sessions',
  'board.people': '{{count}} in the room',
  'board.you': '{{name}} (you)',
  'board.openRoom': 'Open room',
  'board.roomOpen': 'How to join',
  'board.joinCode': 'Join code',
  'board.joinUrl': 'Join address',
  'board.addresses': "This computer's addresses",
  'board.qrAlt': 'QR code of the join address',
  'board.noLan': 'Not connected to a network. Join the same Wi-Fi so participants can come in.',

  'board.notFound': 'This session cannot be found. It may not be stored on this device.',
  'board.opening': 'Opening the board…',
  'board.pictureLabel': 'The board as last saved on this device, while it opens',
  'board.peopleHeading': 'Here now',
  'board.roomOpening': 'Opening the room…',
  'people.facilitator': 'Facilitator',

  'status.label': 'Connection',
  'status.offline': 'Offline',
  'status.connecting': 'Connecting…',
  'status.connected': 'Connected',
  'status.local': 'Saved on this device only',

  'participant.anonymous': 'Anonymous {{animal}}',
  'participant.animals': 'tiger,magpie,crane,squirrel,otter,water deer,moon bear,hare,raccoon dog,sparrow',

  'error.badRequest': 'The request is not valid.',
  'error.notFound': 'Not found.',
  'error.forbidden': "Only the facilitator's computer can do this.",
  'error.tooLarge': 'The request is too large.',
  'error.internal': 'Something unexpected went wrong. Please try again.',
  'error.network': "Cannot reach the facilitator's computer. Check that you are on the same network.",
  'error.storage': 'This browser cannot store data: {{detail}}',
  'error.titleRequired': 'Please enter a session name.',
};
