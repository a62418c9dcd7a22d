// The composition root, run against a mocked Electron and host: order of start-up steps,
// flags, port fallback and clean shutdown.
import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discoveryName } from '../../shared/room/discovery';

const mocks = vi.hoisted(() => ({
  electron: {} as Record<string, unknown>,
  createHost: vi.fn(),
  calls: [] as string[],
}));
vi.mock('electron', () => mocks.electron);
vi.mock('../host/server', () => ({ createHost: mocks.createHost }));

type FakeWindow = EventEmitter & { options: { webPreferences: { preload: string } }; loadURL: ReturnType<typeof vi.fn> };

function setUpElectron({ lock = true } = {}) {
  const calls = mocks.calls;
  calls.splice(0);
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const app = Object.assign(new EventEmitter(), {
    setPath: vi.fn((name: string) => calls.push(`setPath:${name}`)),
    getPath: vi.fn(() => '/data/madang'),
    getVersion: () => '0.1.0',
    getLocale: () => 'ko-KR',
    requestSingleInstanceLock: vi.fn(() => (calls.push('lock'), lock)),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    whenReady: () => whenReady,
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
    }),
    exit: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  class BrowserWindow extends EventEmitter {
    loadURL = vi.fn(async () => {});
    show = vi.fn();
    constructor(public options: unknown) {
      super();
      calls.push('window');
      windows.push(this as unknown as FakeWindow);
    }
  }
  const ipcMain = { handle: vi.fn((channel: string) => calls.push(`ipc:${channel}`)) };
  Object.assign(mocks.electron, {
    app,
    BrowserWindow,
    ipcMain,
    dialog: { showErrorBox: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerScheme')),
      handle: vi.fn(() => calls.push('protocol')),
    },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(() => calls.push('permissions')), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
      encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(plain)),
      decryptStringAsync: vi.fn(async (sealed: Buffer) => ({ result: sealed.toString(), shouldReEncrypt: false })),
    },
  });
  return { app, ipcMain, windows, ready };
}

function fakeHost(port: number) {
  return { url: `http://127.0.0.1:${port}`, port, info: vi.fn(), openRoom: vi.fn(), closeRoom: vi.fn(), renewJoinCode: vi.fn(), removeParticipant: vi.fn(), defaultRoom: vi.fn(), close: vi.fn(async () => {}) };
}

const argv = process.argv;
beforeEach(() => {
  vi.resetModules();
  mocks.createHost.mockReset();
  mocks.createHost.mockImplementation(async ({ port }: { port: number }) => (mocks.calls.push(`host:${port}`), fakeHost(port)));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

async function start(args: string[], options?: { lock?: boolean }) {
  const electron = setUpElectron(options);
  process.argv = ['/usr/bin/electron', 'out/main/index.cjs', ...args];
  await import('./index');
  return electron;
}

describe('main process start-up', () => {
  it('sets the user-data folder and registers the scheme before ready, then starts everything in order', async () => {
    const { ready, windows, app } = await start(['--automation', '--user-data-dir=/tmp/madang-test']);
    expect(app.setPath).toHaveBeenCalledWith('userData', '/tmp/madang-test');
    expect(mocks.calls).toEqual(['setPath:userData', 'lock', 'registerScheme', 'enableSandbox']);

    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(mocks.calls.slice(4)).toEqual([
      'permissions',
      'host:4780',
      'protocol',
      'ipc:madang:app:info',
      'ipc:madang:host:info',
      'ipc:madang:room:open',
      'ipc:madang:room:close',
      'ipc:madang:room:renewCode',
      'ipc:madang:room:removeParticipant',
      'ipc:madang:hosts:discover',
      'window',
    ]);
    expect(mocks.createHost).toHaveBeenCalledWith(expect.objectContaining({ port: 4780, dataDir: join('/data/madang', 'host'), version: '0.1.0' }));
    // Other Madang apps on the LAN can find this host, under the machine's name.
    expect(mocks.createHost).toHaveBeenCalledWith(expect.objectContaining({ discovery: { port: 4781, name: discoveryName(hostname()) } }));
    // The portal token is sealed with safeStorage before it reaches the host's data folder.
    const { secrets } = mocks.createHost.mock.calls[0]![0] as { secrets: { seal(p: string): Promise<string>; open(s: string): Promise<string> } | null };
    expect(await secrets!.open(await secrets!.seal('token'))).toBe('token');
    expect((mocks.electron.safeStorage as { encryptStringAsync: ReturnType<typeof vi.fn> }).encryptStringAsync).toHaveBeenCalledWith('token');
    const { staticDir } = mocks.createHost.mock.calls[0]![0] as { staticDir: string };
    expect(windows[0]!.options.webPreferences.preload).toBe(join(staticDir, '..', 'preload', 'index.cjs'));
    expect(windows[0]!.loadURL).toHaveBeenCalledWith('app://madang/');
  });

  it('tells the renderer about --automation through appInfo', async () => {
    const { ready, ipcMain, windows } = await start(['--automation']);
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    const [, listener] = ipcMain.handle.mock.calls.find(([channel]) => channel === 'madang:app:info') as unknown as [string, (event: unknown) => Promise<unknown>];
    const frame = { url: 'app://madang/', parent: null };
    await expect(listener({ senderFrame: frame, sender: { mainFrame: frame } })).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', locale: 'ko-KR', automation: true },
    });
  });

  it('uses the OS user-data folder without the flag', async () => {
    const { app } = await start([]);
    expect(app.setPath).not.toHaveBeenCalled();
  });

  it('moves to a free port when 4780 is taken', async () => {
    mocks.createHost.mockImplementation(async ({ port }: { port: number }) => {
      if (port === 4780) throw Object.assign(new Error('in use'), { code: 'EADDRINUSE' });
      return fakeHost(50000);
    });
    const { ready, windows } = await start([]);
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    expect(mocks.createHost.mock.calls.map(([o]) => (o as { port: number }).port)).toEqual([4780, 0]);
  });

  it('quits at once when another instance holds the lock', async () => {
    const { app, ready } = await start([], { lock: false });
    expect(app.quit).toHaveBeenCalled();
    ready();
    await Promise.resolve();
    expect(mocks.createHost).not.toHaveBeenCalled();
  });

  it('closes the host before quitting when the last window closes', async () => {
    const { app, ready, windows } = await start([]);
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1));
    const host = (await mocks.createHost.mock.results[0]!.value) as ReturnType<typeof fakeHost>;
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(2));
    expect(host.close).toHaveBeenCalledOnce();
  });

  it('shows an error and exits when the host cannot start', async () => {
    mocks.createHost.mockRejectedValue(Object.assign(new Error('permission denied'), { code: 'EACCES' }));
    const { app, ready } = await start([]);
    ready();
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    const dialog = mocks.electron.dialog as { showErrorBox: ReturnType<typeof vi.fn> };
    expect(dialog.showErrorBox.mock.calls[0]![1]).toContain('permission denied');
  });
});
