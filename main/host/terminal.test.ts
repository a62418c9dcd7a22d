import { describe, expect, it } from 'vitest';
import { hostTerminalMessagesEn, hostTerminalMessagesKo } from '../../shared/i18n/hostTerminal';
import { chooseOutputForm, createTerminalLogger, printable } from './terminal';

describe('chooseOutputForm', () => {
  it('prints sentences to a person at a terminal and JSON to a program, unless --log says otherwise', () => {
    expect(chooseOutputForm(undefined, true)).toBe('text');
    expect(chooseOutputForm(undefined, false)).toBe('json');
    expect(chooseOutputForm('json', true)).toBe('json');
    expect(chooseOutputForm('text', false)).toBe('text');
  });
});

describe('createTerminalLogger', () => {
  it('leaves routine events out and writes each warning or error as one readable line, never JSON', () => {
    const lines: string[] = [];
    const log = createTerminalLogger((line) => lines.push(line));
    log.info('signal.connected', { remote: '10.0.0.2', roomId: 'r1' });
    log.info('hub.peerConnected', { roomId: 'r1' });
    log.warn('hub.noWebrtc', { effect: 'relay only; participants mesh over signaling' });
    log.error('hub.saveFailed', { roomId: 'r1', error: Object.assign(new Error('disk full\n  at write'), { code: 'ENOSPC' }) });
    expect(lines).toEqual([
      'madang host 경고 / warning: hub.noWebrtc (effect: relay only; participants mesh over signaling)\n',
      'madang host 오류 / error: hub.saveFailed (roomId: r1, error: disk full at write)\n',
    ]);
  });

  it('never throws, whatever it is given or wherever it writes', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const lines: string[] = [];
    expect(() => createTerminalLogger((l) => lines.push(l)).warn('x', { circular, big: 1n })).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(() =>
      createTerminalLogger(() => {
        throw new Error('EPIPE');
      }).error('y'),
    ).not.toThrow();
  });
});

describe('printable', () => {
  it('keeps Korean and drops escape sequences and line breaks a title could carry', () => {
    expect(printable('골목\x1b]0;pwned\x07 안전\r\n워크숍\u202e')).toBe('골목 ]0;pwned 안전 워크숍');
  });
});

describe('terminal messages', () => {
  it('say the same thing in Korean and English, with the same placeholders', () => {
    expect(Object.keys(hostTerminalMessagesEn).sort()).toEqual(Object.keys(hostTerminalMessagesKo).sort());
    const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
    for (const [key, ko] of Object.entries(hostTerminalMessagesKo)) {
      expect(placeholders(hostTerminalMessagesEn[key as keyof typeof hostTerminalMessagesEn]), key).toEqual(placeholders(ko));
    }
  });
});
