import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  app: { on: vi.fn() },
  shell: { openExternal: vi.fn(() => Promise.resolve()) },
  session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
}));
vi.mock('electron', () => electron);

import { externalUrlToOpen, guardSession, guardWebContents, installSecurityGuards, isAppUrl, isPermissionAllowed } from './security';

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('isAppUrl', () => {
  it.each([
    ['app://madang/', true],
    ['app://madang', true],
    ['app://madang/board/1?x=1#y', true],
    ['APP://MADANG/', true],
    ['app://madang.evil/', false],
    ['app://madang.evil', false],
    ['app://evil.madang/', false],
    ['app://madang:8080/', false],
    ['app://user@madang/', false],
    ['app://madang@evil/', false],
    ['app:///madang/', false],
    ['app:madang', false],
    ['apps://madang/', false],
    ['http://madang/', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['', false],
    ['not a url', false],
    [undefined, false],
    [42, false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('externalUrlToOpen', () => {
  it.each([
    ['https://example.com/', 'https://example.com/'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['HTTPS://EXAMPLE.COM/path', 'https://example.com/path'],
    ['https://example.com@evil', null],
    ['https://user:pass@example.com/', null],
    ['javascript:alert(1)', null],
    ['JavaScript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['app://madang/', null],
    ['mailto:a@example.com', null],
    ['ms-settings:privacy', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['//example.com/', null],
    ['example.com', null],
    ['https://', null],
    ['', null],
    [null, null],
  ])('%s → %s', (url, expected) => {
    expect(externalUrlToOpen(url)).toBe(expected);
  });
});

describe('isPermissionAllowed', () => {
  it.each([
    ['local-network-access', 'app://madang/', true],
    ['loopback-network', 'app://madang', true],
    ['clipboard-sanitized-write', 'app://madang/', true],
    ['local-network-access', 'https://evil.example/', false],
    ['local-network-access', 'app://madang.evil/', false],
    ['local-network-access', undefined, false],
    ['media', 'app://madang/', false],
    ['geolocation', 'app://madang/', false],
    ['notifications', 'app://madang/', false],
    ['openExternal', 'app://madang/', false],
    ['clipboard-read', 'app://madang/', false],
  ])('%s from %s → %s', (permission, origin, expected) => {
    expect(isPermissionAllowed(permission, origin)).toBe(expected);
  });
});

type OpenHandler = (details: { url: string }) => { action: string };

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: OpenHandler) => {
      openHandler = handler;
    },
  });
  guardWebContents(contents as unknown as WebContents, log);
  const fire = (name: string, url = ''): boolean => {
    const event = { url, defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    emitter.emit(name, event);
    return event.defaultPrevented;
  };
  return { fire, open: (url: string) => openHandler!({ url }) };
}

describe('guardWebContents', () => {
  beforeEach(() => vi.clearAllMocks());

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s stays inside app://madang', (name) => {
    const { fire } = fakeContents();
    expect(fire(name, 'app://madang/board')).toBe(false);
    expect(fire(name, 'https://example.com/')).toBe(true);
    expect(fire(name, 'app://madang.evil/')).toBe(true);
    expect(fire(name, 'file:///etc/passwd')).toBe(true);
    expect(fire(name, 'javascript:alert(1)')).toBe(true);
  });

  it('prevents every <webview>', () => {
    expect(fakeContents().fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window and opens only http(s) outside', () => {
    const { open } = fakeContents();
    expect(open('https://example.com/')).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://madang/', 'https://example.com@evil', 'not a url']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('logs, does not throw, when the OS browser cannot open', async () => {
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no browser'));
    fakeContents().open('https://example.com/');
    await vi.waitFor(() => expect(log.error).toHaveBeenCalled());
  });
});

describe('guardSession', () => {
  it('installs deny-by-default request and check handlers', () => {
    const target = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    guardSession(target as unknown as Session);
    const request = target.setPermissionRequestHandler.mock.calls[0]![0];
    const check = target.setPermissionCheckHandler.mock.calls[0]![0];
    const callback = vi.fn();
    request(null, 'media', callback, { requestingUrl: 'app://madang/' });
    request(null, 'local-network-access', callback, { requestingUrl: 'app://madang/' });
    request(null, 'local-network-access', callback, { requestingUrl: 'https://evil.example/' });
    expect(callback.mock.calls).toEqual([[false], [true], [false]]);
    expect(check(null, 'geolocation', 'app://madang', {})).toBe(false);
    expect(check(null, 'loopback-network', 'app://madang', {})).toBe(true);
  });
});

describe('installSecurityGuards', () => {
  it('guards every future webContents and the default session', () => {
    installSecurityGuards(log);
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();

    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    const onCreated = electron.app.on.mock.calls[0]![1] as (event: unknown, contents: unknown) => void;
    onCreated({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledOnce();
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });
});
