// What the host CLI prints for a person at a terminal: sentences, Korean then English, and the
// QR code of each room the facilitator opens. Programs (stdout not a terminal, or --log json)
// get JSON lines instead; cli.ts chooses.
import type { RoomInfo } from '../../shared/room/api';
import { formatJoinCode } from '../../shared/room/joinCode';
import { hostTerminalMessagesEn, hostTerminalMessagesKo, type HostTerminalMessageKey } from '../../shared/i18n/hostTerminal';
import { messages, type Language } from '../../shared/i18n';
import { lineLogger, type LogFields, type Logger, type LogLevel } from './log';
import { qrTerminal } from './qr';

export const OUTPUT_FORMS = ['text', 'json'] as const;
export type OutputForm = (typeof OUTPUT_FORMS)[number];

/** `--log` wins; otherwise sentences for a terminal and JSON lines for a program reading stdout. */
export function chooseOutputForm(requested: OutputForm | undefined, stdoutIsTerminal: boolean): OutputForm {
  return requested ?? (stdoutIsTerminal ? 'text' : 'json');
}

type Vars = Record<string, string>;

function fill(template: string, vars: Vars): string {
  return template.replace(/{{(\w+)}}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The Korean line, then the English one; `vars` may differ by language. */
function both(key: HostTerminalMessageKey, vars: Vars | ((language: Language) => Vars) = {}, indent = ''): string[] {
  const varsIn = (language: Language) => (typeof vars === 'function' ? vars(language) : vars);
  return [indent + fill(hostTerminalMessagesKo[key], varsIn('ko')), indent + fill(hostTerminalMessagesEn[key], varsIn('en'))];
}

/** Titles come from people: no escape sequences or line breaks reach the terminal. */
export function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
}

const label = (key: HostTerminalMessageKey) => `${hostTerminalMessagesKo[key]} / ${hostTerminalMessagesEn[key]}`;

/** Printed once listening. `facilitatorUrl` is where the facilitator's own screen lives. */
export function startText(version: string, facilitatorUrl: string): string {
  return [
    '',
    ...both('terminal.running', { version }),
    '',
    ...both('terminal.facilitator'),
    `    ${facilitatorUrl}`,
    ...both('terminal.facilitatorNext', (language) => ({ openRoom: messages[language]['board.openRoom'] })),
    '',
  ].join('\n');
}

/** A room's join code, URL and QR code, as the facilitator's screen shows them. */
export function roomText(room: RoomInfo, options: { openedByHost?: boolean } = {}): string {
  const [firstAddress, ...otherAddresses] = room.addresses;
  const port = new URL(room.joinUrl).port;
  const lines = [
    '',
    ...both('terminal.roomOpen', { title: printable(room.title) }),
    `  ${label('terminal.joinCode')}:  ${formatJoinCode(room.joinCode)}`,
    `  ${label('terminal.joinUrl')}:  ${room.joinUrl}`,
    ...(otherAddresses.length > 0 ? [`  ${label('terminal.alsoAt')}:  ${otherAddresses.map((a) => `http://${a}:${port}`).join('  ')}`] : []),
    '',
    qrTerminal(room.joinUrl),
    '',
    ...both('terminal.howToJoin', {}, '  '),
    ...(firstAddress === undefined ? both('terminal.noNetwork', {}, '  ') : []),
    ...(options.openedByHost ? both('terminal.hostRoom', {}, '  ') : []),
    '',
  ];
  return lines.join('\n');
}

export function roomClosedText(room: RoomInfo): string {
  return ['', ...both('terminal.roomClosed', { title: printable(room.title), code: formatJoinCode(room.joinCode) }), ''].join('\n');
}

export function stopHintText(): string {
  return [...both('terminal.stop'), ''].join('\n');
}

function fieldText(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A logger for a terminal: each warning or error is one readable line; routine events
 * (connections, peers, rooms) are left out, since the CLI itself says what a person needs.
 */
export function createTerminalLogger(write: (line: string) => void): Logger {
  return lineLogger((level: LogLevel, event: string, fields: LogFields = {}) => {
    if (level === 'info') return null;
    const details = Object.entries(fields)
      .map(([key, value]) => `${key}: ${fieldText(value)}`)
      .join(', ');
    return printable(`madang host ${label(level === 'warn' ? 'terminal.warning' : 'terminal.error')}: ${event}${details ? ` (${details})` : ''}`);
  }, write);
}
