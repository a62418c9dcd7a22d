import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../host/log';
import { installQuitHandlers } from './lifecycle';

function fakeApp() {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  // Like Electron: quit() emits before-quit, and only goes on when nobody prevented it.
  let quitted = false;
  app.quit.mockImplementation(() => {
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    app.emit('before-quit', event);
    if (!event.defaultPrevented) quitted = true;
  });
  return { app, quitted: () => quitted };
}

afterEach(() => vi.useRealTimers());

describe('installQuitHandlers', () => {
  it('quits when the last window closes, after cleanup, exactly once', async () => {
    const { app, quitted } = fakeApp();
    let finish!: () => void;
    const cleanup = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    installQuitHandlers(app, cleanup, createMemoryLogger());

    app.emit('window-all-closed');
    expect(quitted()).toBe(false);
    app.quit(); // A second quit while cleaning up waits too.
    expect(cleanup).toHaveBeenCalledOnce();

    finish();
    await vi.waitFor(() => expect(quitted()).toBe(true));
    expect(cleanup).toHaveBeenCalledOnce();
  });

  it('still quits when cleanup fails', async () => {
    const { app, quitted } = fakeApp();
    const log = createMemoryLogger();
    installQuitHandlers(app, () => Promise.reject(new Error('close failed')), log);
    app.quit();
    await vi.waitFor(() => expect(quitted()).toBe(true));
    expect(log.entries[0]).toMatchObject({ level: 'error', event: 'app.cleanupFailed' });
  });

  it('still quits when cleanup hangs', async () => {
    vi.useFakeTimers();
    const { app, quitted } = fakeApp();
    const log = createMemoryLogger();
    installQuitHandlers(app, () => new Promise<void>(() => {}), log, 1000);
    app.quit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(quitted()).toBe(true);
    expect(log.entries[0]).toMatchObject({ level: 'warn', event: 'app.cleanupTimeout' });
  });
});
