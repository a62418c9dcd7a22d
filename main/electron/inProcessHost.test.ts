import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../host/log';
import type { Host, HostOptions } from '../host/server';
import { DEFAULT_HOST_PORT, hostOrigins, startHost } from './inProcessHost';

const options = { dataDir: '/tmp/host', staticDir: '/tmp/renderer', version: '0.1.0' };
const fakeHost = (port: number) => ({ url: `http://127.0.0.1:${port}`, port }) as unknown as Host;
const listenError = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('startHost', () => {
  it('listens on the well-known port', async () => {
    const create = vi.fn(async (o: HostOptions) => fakeHost(o.port));
    await expect(startHost(create, options, createMemoryLogger())).resolves.toMatchObject({ port: DEFAULT_HOST_PORT });
    expect(create).toHaveBeenCalledExactlyOnceWith({ ...options, port: 4780 });
  });

  it('falls back to any free port when the well-known one is taken', async () => {
    const log = createMemoryLogger();
    const create = vi.fn(async (o: HostOptions) => {
      if (o.port === 4780) throw listenError('EADDRINUSE');
      return fakeHost(51234);
    });
    await expect(startHost(create, options, log)).resolves.toMatchObject({ port: 51234 });
    expect(create.mock.calls.map(([o]) => o.port)).toEqual([4780, 0]);
    expect(log.entries[0]).toMatchObject({ level: 'warn', event: 'host.portInUse', port: 4780 });
  });

  it('does not retry other errors, nor a second EADDRINUSE', async () => {
    const denied = vi.fn(async () => Promise.reject(listenError('EACCES')));
    await expect(startHost(denied, options, createMemoryLogger())).rejects.toMatchObject({ code: 'EACCES' });
    expect(denied).toHaveBeenCalledOnce();

    const busy = vi.fn(async () => Promise.reject(listenError('EADDRINUSE')));
    await expect(startHost(busy, options, createMemoryLogger())).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(busy).toHaveBeenCalledTimes(2);
  });
});

describe('hostOrigins', () => {
  it('gives the HTTP and WebSocket origins of the host', () => {
    expect(hostOrigins('http://127.0.0.1:4780')).toEqual({ http: 'http://127.0.0.1:4780', ws: 'ws://127.0.0.1:4780' });
    expect(hostOrigins('http://127.0.0.1:51234/some/path?x=1')).toEqual({ http: 'http://127.0.0.1:51234', ws: 'ws://127.0.0.1:51234' });
    expect(hostOrigins('https://host.local')).toEqual({ http: 'https://host.local', ws: 'wss://host.local' });
  });
});
