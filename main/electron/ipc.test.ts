import type { IpcMain } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';
import { createMemoryLogger } from '../host/log';
import { handleIpcCall, isTrustedSender, registerIpcHandlers, type IpcHandlers, type IpcSenderEvent } from './ipc';

type FakeFrame = { url: string; parent: FakeFrame | null };

function eventFrom(frame: FakeFrame | null, mainFrame: FakeFrame | null = frame): IpcSenderEvent {
  return { senderFrame: frame, sender: { mainFrame } } as unknown as IpcSenderEvent;
}
const top = (url: string): FakeFrame => ({ url, parent: null });
const appEvent = () => eventFrom(top('app://madang/'));

const room = {
  roomId: 'r1',
  sessionId: 's1',
  title: 'Alley safety',
  joinCode: '123456',
  joinUrl: 'http://192.168.0.2:4780/?join=123456',
  addresses: ['192.168.0.2'],
  qrSvg: '<svg/>',
  memberToken: 'fAAAAAAAAAAAAAAAA.f.AAAAAAAAAAAAAAAAAAAAAA',
};

function handlers(overrides: Partial<IpcHandlers> = {}): IpcHandlers {
  return {
    appInfo: async () => ({ version: '0.1.0', locale: 'ko-KR', automation: false }),
    hostInfo: async () => ({ url: 'http://127.0.0.1:4780', addresses: [], version: '0.1.0' }),
    openRoom: async () => room,
    closeRoom: async () => ({ closed: true }),
    renewJoinCode: async () => room,
    removeParticipant: async () => ({ removed: true }),
    discoverHosts: async () => [],
    identitiesAvailable: async () => false,
    identitiesList: async () => [],
    identitiesSave: async () => false,
    ...overrides,
  };
}

describe('isTrustedSender', () => {
  it('accepts the top frame of our own page', () => {
    expect(isTrustedSender(appEvent())).toBe(true);
    expect(isTrustedSender(eventFrom(top('app://madang/session/1?x=1')))).toBe(true);
  });

  it('accepts a top frame that is not (or no longer) the same object as mainFrame', () => {
    expect(isTrustedSender(eventFrom(top('app://madang/'), top('app://madang/')))).toBe(true);
  });

  it.each(['https://evil.example/', 'app://madang.evil/', 'app://evil/', 'file:///index.html', 'http://127.0.0.1:4780/', 'about:blank', ''])(
    'refuses a top frame on %s',
    (url) => {
      expect(isTrustedSender(eventFrom(top(url)))).toBe(false);
    },
  );

  it('refuses an iframe, even one on our own origin', () => {
    const main = top('app://madang/');
    expect(isTrustedSender(eventFrom({ url: 'app://madang/', parent: main }, main))).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(isTrustedSender(eventFrom(null, top('app://madang/')))).toBe(false);
  });

  it('refuses when the frame is destroyed and throws on access', () => {
    const event = { get senderFrame(): never { throw new Error('Render frame was disposed'); }, sender: {} };
    expect(isTrustedSender(event as unknown as IpcSenderEvent)).toBe(false);
  });
});

describe('handleIpcCall', () => {
  it('returns the handler value on success', async () => {
    const log = createMemoryLogger();
    const open = vi.fn(async () => room);
    const result = await handleIpcCall('openRoom', open, appEvent(), [{ sessionId: 's1', title: '  Alley safety ' }], log);
    expect(result).toEqual({ ok: true, value: room });
    // The handler receives the parsed request (trimmed title), not the raw payload.
    expect(open).toHaveBeenCalledWith({ sessionId: 's1', title: 'Alley safety' });
    expect(log.entries).toEqual([]);
  });

  it('accepts a call without payload for methods that take none', async () => {
    const result = await handleIpcCall('appInfo', handlers().appInfo, appEvent(), [], createMemoryLogger());
    expect(result).toEqual({ ok: true, value: { version: '0.1.0', locale: 'ko-KR', automation: false } });
  });

  it('forbids untrusted senders without running the handler', async () => {
    const log = createMemoryLogger();
    const handler = vi.fn(handlers().hostInfo);
    const main = top('app://madang/');
    const iframe = eventFrom({ url: 'app://madang/', parent: main }, main);
    for (const event of [eventFrom(top('https://evil.example/')), eventFrom(null), iframe]) {
      expect(await handleIpcCall('hostInfo', handler, event, [], log)).toEqual({ ok: false, error: 'error.forbidden' });
    }
    expect(handler).not.toHaveBeenCalled();
    expect(log.entries.map((e) => e.event)).toEqual(['ipc.forbidden', 'ipc.forbidden', 'ipc.forbidden']);
    expect(log.entries[0]).toMatchObject({ level: 'warn', method: 'hostInfo', url: 'https://evil.example/' });
  });

  it.each<[string, unknown[]]>([
    ['no payload', []],
    ['null', [null]],
    ['a string', ['s1']],
    ['missing title', [{ sessionId: 's1' }]],
    ['blank title', [{ sessionId: 's1', title: '   ' }]],
    ['bad id characters', [{ sessionId: '../etc', title: 'x' }]],
    ['too long a title', [{ sessionId: 's1', title: 'x'.repeat(201) }]],
    ['wrong types', [{ sessionId: 1, title: true }]],
    ['extra arguments', [{ sessionId: 's1', title: 'x' }, 'extra']],
  ])('refuses openRoom with %s', async (_name, args) => {
    const log = createMemoryLogger();
    const handler = vi.fn(handlers().openRoom);
    expect(await handleIpcCall('openRoom', handler, appEvent(), args, log)).toEqual({ ok: false, error: 'error.badRequest' });
    expect(handler).not.toHaveBeenCalled();
    expect(log.entries[0]).toMatchObject({ level: 'warn', event: 'ipc.badRequest', method: 'openRoom' });
  });

  it('refuses a payload for methods that take none', async () => {
    expect(await handleIpcCall('appInfo', handlers().appInfo, appEvent(), [{}], createMemoryLogger())).toEqual({ ok: false, error: 'error.badRequest' });
  });

  it('does not log what people typed when refusing a payload', async () => {
    const log = createMemoryLogger();
    await handleIpcCall('openRoom', handlers().openRoom, appEvent(), [{ sessionId: 'bad id!', title: '비밀 제목' }], log);
    expect(JSON.stringify(log.entries)).not.toContain('비밀 제목');
  });

  it('turns a thrown error into error.internal', async () => {
    const log = createMemoryLogger();
    const result = await handleIpcCall('closeRoom', async () => { throw new Error('disk full'); }, appEvent(), [{ roomId: 'r1' }], log);
    expect(result).toEqual({ ok: false, error: 'error.internal' });
    expect(log.entries[0]).toMatchObject({ level: 'error', event: 'ipc.failed', method: 'closeRoom' });
  });

  it('turns an invalid handler response into error.internal', async () => {
    const log = createMemoryLogger();
    const broken = (async () => ({ url: 42 })) as unknown as IpcHandlers['hostInfo'];
    expect(await handleIpcCall('hostInfo', broken, appEvent(), [], log)).toEqual({ ok: false, error: 'error.internal' });
    expect(log.entries[0]).toMatchObject({ level: 'error', event: 'ipc.badResponse' });
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel, each behind the checks', async () => {
    const handle = vi.fn();
    registerIpcHandlers({ handle } as unknown as Pick<IpcMain, 'handle'>, handlers(), createMemoryLogger());
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(IPC_CHANNELS).sort());

    const listener = (channel: string) => handle.mock.calls.find(([c]) => c === channel)![1] as (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>;
    expect(await listener(IPC_CHANNELS.closeRoom)(appEvent(), { roomId: 'r1' })).toEqual({ ok: true, value: { closed: true } });
    expect(await listener(IPC_CHANNELS.closeRoom)(eventFrom(top('https://evil.example/')), { roomId: 'r1' })).toEqual({ ok: false, error: 'error.forbidden' });
    expect(await listener(IPC_CHANNELS.closeRoom)(appEvent(), { roomId: '' })).toEqual({ ok: false, error: 'error.badRequest' });
    expect(await listener(IPC_CHANNELS.hostInfo)(appEvent())).toMatchObject({ ok: true, value: { url: 'http://127.0.0.1:4780' } });
  });

  it('removes a participant only for our page, with a valid room and client id', async () => {
    const handle = vi.fn();
    const remove = vi.fn(async ({ clientId }: { roomId: string; clientId: number }) => ({ removed: clientId === 42 }));
    registerIpcHandlers({ handle } as unknown as Pick<IpcMain, 'handle'>, handlers({ removeParticipant: remove }), createMemoryLogger());
    const listener = handle.mock.calls.find(([c]) => c === IPC_CHANNELS.removeParticipant)![1] as (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>;

    expect(await listener(appEvent(), { roomId: 'r1', clientId: 42 })).toEqual({ ok: true, value: { removed: true } });
    expect(remove).toHaveBeenCalledWith({ roomId: 'r1', clientId: 42 });
    expect(await listener(appEvent(), { roomId: 'r1', clientId: 7 })).toEqual({ ok: true, value: { removed: false } });
    expect(await listener(eventFrom(top('https://evil.example/')), { roomId: 'r1', clientId: 42 })).toEqual({ ok: false, error: 'error.forbidden' });
    for (const bad of [{ roomId: 'r1' }, { roomId: 'r1', clientId: -1 }, { roomId: 'r1', clientId: 1.5 }, { roomId: 'r1', clientId: '42' }, { roomId: '', clientId: 42 }, { roomId: 'r1', clientId: 2 ** 32 }]) {
      expect(await listener(appEvent(), bad)).toEqual({ ok: false, error: 'error.badRequest' });
    }
    expect(remove).toHaveBeenCalledTimes(2);
  });

  it('lists discovered hosts only for our page, taking no payload and passing on only valid answers', async () => {
    const handle = vi.fn();
    const found = [{ address: '192.168.0.10', port: 4780, name: 'facilitator-laptop', rooms: 1 }];
    const discover = vi.fn(async () => found);
    const log = createMemoryLogger();
    registerIpcHandlers({ handle } as unknown as Pick<IpcMain, 'handle'>, handlers({ discoverHosts: discover }), log);
    const listener = handle.mock.calls.find(([c]) => c === IPC_CHANNELS.discoverHosts)![1] as (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>;

    expect(await listener(appEvent())).toEqual({ ok: true, value: found });
    expect(await listener(eventFrom(top('http://192.168.0.10:4780/')))).toEqual({ ok: false, error: 'error.forbidden' });
    expect(await listener(appEvent(), { timeoutMs: 60_000 })).toEqual({ ok: false, error: 'error.badRequest' });
    expect(discover).toHaveBeenCalledTimes(1);

    // A host the handler let through that the contract does not accept (not an IPv4 address, too
    // long a name) is an internal error, never passed to the page.
    for (const bad of [[{ ...found[0], address: 'evil.example' }], [{ ...found[0], name: 'x'.repeat(65) }], [{ ...found[0], port: 0 }]]) {
      discover.mockResolvedValueOnce(bad as typeof found);
      expect(await listener(appEvent())).toEqual({ ok: false, error: 'error.internal' });
    }
  });
});
