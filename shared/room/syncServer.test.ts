import { describe, expect, it } from 'vitest';
import { JoinTicketSchema, RoomInfoSchema } from './api';
import { parseSyncServer, SyncServerSchema } from './syncServer';

describe('a sync server URL', () => {
  it('is a ws:// or wss:// origin, kept as the one origin the CSP allows', () => {
    expect(parseSyncServer('ws://127.0.0.1:4790')).toEqual({ ok: true, server: { kind: 'hocuspocus', url: 'ws://127.0.0.1:4790' } });
    expect(parseSyncServer(' wss://sync.madang.kr/ ')).toEqual({ ok: true, server: { kind: 'hocuspocus', url: 'wss://sync.madang.kr' } });
    expect(parseSyncServer('ws://[::1]:4790')).toEqual({ ok: true, server: { kind: 'hocuspocus', url: 'ws://[::1]:4790' } });
    expect(parseSyncServer('WS://Sync.Local:4790')).toMatchObject({ ok: false });
  });

  it.each([
    'http://10.0.0.5:4790',
    'https://sync.madang.kr',
    'javascript:alert(1)',
    'ws://user:secret@10.0.0.5:4790',
    'ws://@10.0.0.5:4790',
    'ws://10.0.0.5:4790/elsewhere',
    'ws://10.0.0.5:4790/..//evil',
    'ws://10.0.0.5:4790?token=x',
    'ws://10.0.0.5:4790#x',
    'ws://10.0.0.5\\@evil:4790',
    'ws://10.0.0.5:99999',
    'ws://',
    'ws:///x',
    'ws://10.0.0.5 :4790',
    '',
  ])('refuses %j with one line', (value) => {
    const parsed = parseSyncServer(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).not.toContain('\n');
  });
});

describe('the host\'s answers carrying a sync server', () => {
  const ticket = { roomId: 'room-1', sessionId: 's-1', title: '마을', joinCode: '123456', memberToken: 'pAAAAAAAAAAAAAAAA.p.AAAAAAAAAAAAAAAAAAAAAA' };

  it('read a ticket without one (the host syncs the room) and with a ws:// one', () => {
    expect(JoinTicketSchema.safeParse(ticket).success).toBe(true);
    expect(JoinTicketSchema.parse({ ...ticket, server: { kind: 'hocuspocus', url: 'ws://10.0.0.5:4790' } }).server).toEqual({ kind: 'hocuspocus', url: 'ws://10.0.0.5:4790' });
  });

  it('refuse a ticket or room that would point the page anywhere but a ws:// or wss:// origin', () => {
    for (const url of ['http://10.0.0.5:4790', 'ws://10.0.0.5:4790/x', 'ws://a:b@10.0.0.5']) {
      expect(JoinTicketSchema.safeParse({ ...ticket, server: { kind: 'hocuspocus', url } }).success).toBe(false);
      expect(SyncServerSchema.safeParse({ kind: 'hocuspocus', url }).success).toBe(false);
    }
    expect(JoinTicketSchema.safeParse({ ...ticket, server: { kind: 'y-websocket', url: 'ws://10.0.0.5:4790' } }).success).toBe(false);
    const room = { ...ticket, memberToken: 'x', joinUrl: 'http://10.0.0.2:4780/?join=123456', addresses: [], qrSvg: '<svg/>' };
    expect(RoomInfoSchema.safeParse({ ...room, server: { kind: 'hocuspocus', url: 'ws://10.0.0.5:4790' } }).success).toBe(true);
    expect(RoomInfoSchema.safeParse({ ...room, server: { kind: 'hocuspocus', url: 'https://10.0.0.5' } }).success).toBe(false);
  });
});
