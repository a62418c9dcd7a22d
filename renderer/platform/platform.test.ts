import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, MadangBridge } from '../../shared/ipc/contract';
import { createElectronPlatform } from './electronPlatform';
import { createWebPlatform } from './webPlatform';

const origin = 'http://127.0.0.1:4780';

function answer(status: number, body: unknown) {
  return vi.fn(async (_url: URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

function web() {
  return createWebPlatform({ origin, search: '' } as Location, { languages: ['ko-KR'], language: 'ko-KR' } as unknown as Navigator);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('web platform (host HTTP API)', () => {
  it('closes a room with DELETE /api/rooms/<roomId>', async () => {
    const fetch = answer(200, { closed: true });
    vi.stubGlobal('fetch', fetch);
    await expect(web().closeRoom({ roomId: 'room-1' })).resolves.toEqual({ ok: true, value: { closed: true } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url.toString()).toBe(`${origin}/api/rooms/room-1`);
    expect(init?.method).toBe('DELETE');
  });

  it('renews a join code with POST /api/rooms/<roomId>/code and gets the room with its new code', async () => {
    const room = { roomId: 'room-1', sessionId: 's', title: 't', joinCode: '654321', joinUrl: 'http://10.0.0.2:4780/?join=654321', addresses: [], qrSvg: '<svg/>', memberToken: 'fAAAAAAAAAAAAAAAA.f.AAAAAAAAAAAAAAAAAAAAAA' };
    const fetch = answer(200, room);
    vi.stubGlobal('fetch', fetch);
    await expect(web().renewJoinCode({ roomId: 'room-1' })).resolves.toEqual({ ok: true, value: room });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url.toString()).toBe(`${origin}/api/rooms/room-1/code`);
    expect(init?.method).toBe('POST');
  });

  it('removes a participant with POST /api/rooms/<roomId>/remove and the client id only', async () => {
    const fetch = answer(200, { removed: true });
    vi.stubGlobal('fetch', fetch);
    await expect(web().removeParticipant({ roomId: 'room-1', clientId: 4242 })).resolves.toEqual({ ok: true, value: { removed: true } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url.toString()).toBe(`${origin}/api/rooms/room-1/remove`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ clientId: 4242 });
  });

  it('passes on the host’s error keys: 404 not found, 403 forbidden, 400 bad request', async () => {
    for (const [status, error] of [[404, 'error.notFound'], [403, 'error.forbidden'], [400, 'error.badRequest']] as const) {
      vi.stubGlobal('fetch', answer(status, { error }));
      await expect(web().removeParticipant({ roomId: 'room-1', clientId: 1 })).resolves.toEqual({ ok: false, error });
    }
  });

  it('takes the sync server a ticket names only when it is a ws:// or wss:// origin', async () => {
    const ticket = { roomId: 'r1', sessionId: 's1', title: '마을', joinCode: 'ABCDEF', memberToken: 'pAAAAAAAAAAAAAAAA.p.AAAAAAAAAAAAAAAAAAAAAA' };
    vi.stubGlobal('fetch', answer(200, { ...ticket, server: { kind: 'hocuspocus', url: 'wss://sync.madang.kr' } }));
    await expect(web().join('ABCDEF')).resolves.toMatchObject({ ok: true, value: { server: { kind: 'hocuspocus', url: 'wss://sync.madang.kr' } } });
    // Whatever answered (a host, or something in between), a page is not sent anywhere else.
    for (const url of ['https://evil.example', 'ws://evil.example/x', 'ws://u:p@evil.example']) {
      vi.stubGlobal('fetch', answer(200, { ...ticket, server: { kind: 'hocuspocus', url } }));
      await expect(web().join('ABCDEF')).resolves.toEqual({ ok: false, error: 'error.internal' });
    }
  });

  it('cannot discover (a page cannot send UDP): nothing found, and nothing fetched', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const platform = web();
    expect(platform.canDiscover).toBe(false);
    await expect(platform.discoverHosts()).resolves.toEqual({ ok: true, value: [] });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('submits a package to the portal through the host: the package as the body, the key in a header', async () => {
    const fetch = answer(200, { kind: 'accepted', submissionId: 'sub-1' });
    vi.stubGlobal('fetch', fetch);
    await expect(web().submitToPortal({ idempotencyKey: 'madang-key-1', body: '{"a":1}' })).resolves.toEqual({ ok: true, value: { kind: 'accepted', submissionId: 'sub-1' } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url.toString()).toBe(`${origin}/api/portal/submissions`);
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"a":1}');
    expect((init?.headers as Record<string, string>)['Idempotency-Key']).toBe('madang-key-1');
    vi.stubGlobal('fetch', answer(409, { error: 'portal.notConfigured' }));
    await expect(web().submitToPortal({ idempotencyKey: 'madang-key-1', body: '{}' })).resolves.toEqual({ ok: false, error: 'portal.notConfigured' });
  });

  it('sets the portal with PUT /api/portal and reads back only whether a token is set', async () => {
    const fetch = answer(200, { endpoint: 'https://portal.example/api', hasToken: true, tokenPersists: false });
    vi.stubGlobal('fetch', fetch);
    await expect(web().configurePortal({ endpoint: 'https://portal.example/api', token: 't' })).resolves.toEqual({ ok: true, value: { endpoint: 'https://portal.example/api', hasToken: true, tokenPersists: false } });
    expect(fetch.mock.calls[0]![1]?.method).toBe('PUT');
  });

  it('says error.network when the host cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(web().closeRoom({ roomId: 'room-1' })).resolves.toEqual({ ok: false, error: 'error.network' });
  });
});

describe('electron platform (preload bridge)', () => {
  const app: AppInfo = { version: '0.1.0', locale: 'ko-KR', automation: false };
  function bridge(overrides: Partial<MadangBridge>): MadangBridge {
    const none = async () => ({ ok: false as const, error: 'error.internal' as const });
    return { appInfo: none, hostInfo: none, openRoom: none, closeRoom: none, renewJoinCode: none, removeParticipant: none, discoverHosts: none, identitiesAvailable: none, identitiesList: none, identitiesSave: none, ...overrides };
  }

  it('renews a join code through IPC; a room that is not open is error.notFound, as over HTTP', async () => {
    const room = { roomId: 'room-1', sessionId: 's', title: 't', joinCode: '654321', joinUrl: 'http://10.0.0.2:4780/?join=654321', addresses: [], qrSvg: '<svg/>', memberToken: 'fAAAAAAAAAAAAAAAA.f.AAAAAAAAAAAAAAAAAAAAAA' };
    const renewJoinCode = vi.fn(async ({ roomId }: { roomId: string }) => ({ ok: true as const, value: roomId === 'room-1' ? room : null }));
    const platform = createElectronPlatform(bridge({ renewJoinCode }), app);
    await expect(platform.renewJoinCode({ roomId: 'room-1' })).resolves.toEqual({ ok: true, value: room });
    await expect(platform.renewJoinCode({ roomId: 'gone' })).resolves.toEqual({ ok: false, error: 'error.notFound' });
  });

  it('closes a room through IPC', async () => {
    const closeRoom = vi.fn(async () => ({ ok: true as const, value: { closed: true } }));
    const platform = createElectronPlatform(bridge({ closeRoom }), app);
    await expect(platform.closeRoom({ roomId: 'room-1' })).resolves.toEqual({ ok: true, value: { closed: true } });
    expect(closeRoom).toHaveBeenCalledWith({ roomId: 'room-1' });
  });

  it('removes a participant through IPC; nobody removed is error.notFound, as over HTTP', async () => {
    const removeParticipant = vi.fn(async ({ clientId }: { roomId: string; clientId: number }) => ({ ok: true as const, value: { removed: clientId === 42 } }));
    const platform = createElectronPlatform(bridge({ removeParticipant }), app);
    await expect(platform.removeParticipant({ roomId: 'room-1', clientId: 42 })).resolves.toEqual({ ok: true, value: { removed: true } });
    expect(removeParticipant).toHaveBeenCalledWith({ roomId: 'room-1', clientId: 42 });
    await expect(platform.removeParticipant({ roomId: 'room-1', clientId: 7 })).resolves.toEqual({ ok: false, error: 'error.notFound' });
  });

  it('can discover: lists the hosts main found on the LAN, passing errors on', async () => {
    const found = [{ address: '192.168.0.10', port: 4780, name: 'facilitator-laptop', rooms: 2 }];
    const discoverHosts = vi.fn(async () => ({ ok: true as const, value: found }));
    const platform = createElectronPlatform(bridge({ discoverHosts }), app);
    expect(platform.canDiscover).toBe(true);
    await expect(platform.discoverHosts()).resolves.toEqual({ ok: true, value: found });
    expect(discoverHosts).toHaveBeenCalledWith();
    await expect(createElectronPlatform(bridge({}), app).discoverHosts()).resolves.toEqual({ ok: false, error: 'error.internal' });
  });

  it('reaches another machine\'s room through its own host: the join and the room share that base', async () => {
    const hostInfo = vi.fn(async () => ({ ok: true as const, value: { url: 'http://127.0.0.1:4780', addresses: [], version: '0.1.0' } }));
    const platform = createElectronPlatform(bridge({ hostInfo }), app);
    await expect(platform.hostOrigin()).resolves.toEqual({ ok: true, value: 'http://127.0.0.1:4780' });
    await expect(platform.hostOrigin('192.168.0.23:51000')).resolves.toEqual({ ok: true, value: 'http://127.0.0.1:4780/remote/192.168.0.23:51000' });
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ roomId: 'r1', sessionId: 's1', title: '옆 반', joinCode: 'ABCDEF', memberToken: 'pAAAAAAAAAAAAAAAA.p.AAAAAAAAAAAAAAAAAAAAAA' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(platform.join('ABCDEF', '192.168.0.23:51000')).resolves.toMatchObject({ ok: true, value: { roomId: 'r1' } });
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe('http://127.0.0.1:4780/remote/192.168.0.23:51000/api/join');
    vi.unstubAllGlobals();
  });

  it('asks its own host (loopback) for the room\'s versions, a restore and the storage state', async () => {
    const hostInfo = vi.fn(async () => ({ ok: true as const, value: { url: 'http://127.0.0.1:4780', addresses: [], version: '0.1.0' } }));
    const platform = createElectronPlatform(bridge({ hostInfo }), app);
    const version = { id: '1-manual', createdAt: 1, reason: 'manual', records: 1, notes: 1, bytes: 10 };
    const fetchMock = answer(200, { restored: version, saved: null });
    vi.stubGlobal('fetch', fetchMock);
    await expect(platform.restoreHostVersion({ roomId: 'room-1', versionId: '1-manual' })).resolves.toEqual({ ok: true, value: { restored: version, saved: null } });
    expect(String(fetchMock.mock.calls[0]![0])).toBe('http://127.0.0.1:4780/api/rooms/room-1/history/1-manual/restore');
    expect(fetchMock.mock.calls[0]![1]?.method).toBe('POST');
    vi.stubGlobal('fetch', answer(200, { dataFolder: 'full', rooms: [] }));
    await expect(platform.hostStorage()).resolves.toEqual({ ok: true, value: { dataFolder: 'full', rooms: [] } });
    vi.stubGlobal('fetch', answer(409, { error: 'history.newer' }));
    await expect(platform.restoreHostVersion({ roomId: 'room-1', versionId: '1-manual' })).resolves.toEqual({ ok: false, error: 'history.newer' });
  });

  it('reaches the portal through its own host (loopback), never from the page', async () => {
    const hostInfo = vi.fn(async () => ({ ok: true as const, value: { url: 'http://127.0.0.1:4780', addresses: [], version: '0.1.0' } }));
    const platform = createElectronPlatform(bridge({ hostInfo }), app);
    const fetchMock = answer(200, { kind: 'retry', error: 'network' });
    vi.stubGlobal('fetch', fetchMock);
    await expect(platform.submitToPortal({ idempotencyKey: 'madang-key-1', body: '{}' })).resolves.toEqual({ ok: true, value: { kind: 'retry', error: 'network' } });
    expect(String(fetchMock.mock.calls[0]![0])).toBe('http://127.0.0.1:4780/api/portal/submissions');
    vi.stubGlobal('fetch', answer(200, { endpoint: '', hasToken: false, tokenPersists: true }));
    await expect(platform.portalConfig()).resolves.toEqual({ ok: true, value: { endpoint: '', hasToken: false, tokenPersists: true } });
  });

  it('keeps real names through main (sealed there); a failed call stores and reads nothing', async () => {
    const identity = { participant_id: 'p1', real_name: '김민수', contact: { channel: 'phone' as const, value: '010' }, guardian: null };
    const identitiesSave = vi.fn(async () => ({ ok: true as const, value: true }));
    const platform = createElectronPlatform(bridge({ identitiesSave, identitiesList: async () => ({ ok: true, value: [identity] }), identitiesAvailable: async () => ({ ok: true, value: true }) }), app);
    await expect(platform.identities!.save('s1', identity)).resolves.toBe(true);
    expect(identitiesSave).toHaveBeenCalledWith({ sessionId: 's1', identity });
    await expect(platform.identities!.identities('s1')).resolves.toEqual([identity]);
    await expect(platform.identities!.available()).resolves.toBe(true);
    const failing = createElectronPlatform(bridge({}), app);
    await expect(failing.identities!.save('s1', identity)).resolves.toBe(false);
    await expect(failing.identities!.identities('s1')).resolves.toEqual([]);
    await expect(failing.identities!.available()).resolves.toBe(false);
    expect(web().identities).toBeNull();
  });

  it('passes IPC errors on', async () => {
    const platform = createElectronPlatform(bridge({ removeParticipant: async () => ({ ok: false, error: 'error.badRequest' }) }), app);
    await expect(platform.removeParticipant({ roomId: 'room-1', clientId: -1 })).resolves.toEqual({ ok: false, error: 'error.badRequest' });
  });
});
