import { describe, expect, it, vi } from 'vitest';
import type { DiscoveredHost } from '../../shared/room/discovery';
import { createIpcHandlers } from './handlers';

const room = { roomId: 'r1', sessionId: 's1', title: 't', joinCode: '123456', joinUrl: 'http://10.0.0.2:4780/?join=123456', addresses: ['10.0.0.2'], qrSvg: '<svg/>', memberToken: 'fAAAAAAAAAAAAAAAA.f.AAAAAAAAAAAAAAAAAAAAAA' };

describe('createIpcHandlers', () => {
  const host = {
    info: vi.fn(() => ({ url: 'http://127.0.0.1:4780', addresses: ['10.0.0.2'], version: '0.1.0' })),
    openRoom: vi.fn(async () => room),
    closeRoom: vi.fn(async (roomId: string) => roomId === 'r1'),
    renewJoinCode: vi.fn(async (roomId: string) => (roomId === 'r1' ? { ...room, joinCode: '654321' } : undefined)),
    removeParticipant: vi.fn(async (roomId: string, clientId: number) => roomId === 'r1' && clientId === 42),
    port: 4780,
  };
  const discoverHosts = vi.fn(async (): Promise<DiscoveredHost[]> => []);
  const handlers = createIpcHandlers({ host, appInfo: () => ({ version: '0.1.0', locale: 'en-US', automation: true }), discoverHosts, identities: { available: () => false, list: async () => [], save: async () => false } });

  it('answers appInfo and hostInfo from their sources', async () => {
    await expect(handlers.appInfo(undefined)).resolves.toEqual({ version: '0.1.0', locale: 'en-US', automation: true });
    await expect(handlers.hostInfo(undefined)).resolves.toEqual(host.info());
  });

  it('opens and closes rooms on the host', async () => {
    await expect(handlers.openRoom({ sessionId: 's1', title: 't' })).resolves.toBe(room);
    expect(host.openRoom).toHaveBeenCalledWith({ sessionId: 's1', title: 't' });
    await expect(handlers.closeRoom({ roomId: 'r1' })).resolves.toEqual({ closed: true });
    await expect(handlers.closeRoom({ roomId: 'nope' })).resolves.toEqual({ closed: false });
  });

  it('renews a join code on the host; a room that is not open is null', async () => {
    await expect(handlers.renewJoinCode({ roomId: 'r1' })).resolves.toEqual({ ...room, joinCode: '654321' });
    await expect(handlers.renewJoinCode({ roomId: 'nope' })).resolves.toBeNull();
  });

  it('removes a participant through the host, saying whether anyone was removed', async () => {
    await expect(handlers.removeParticipant({ roomId: 'r1', clientId: 42 })).resolves.toEqual({ removed: true });
    expect(host.removeParticipant).toHaveBeenCalledWith('r1', 42);
    await expect(handlers.removeParticipant({ roomId: 'r1', clientId: 7 })).resolves.toEqual({ removed: false });
  });

  it('lists the hosts found on the LAN, leaving out this app’s own host', async () => {
    const other = { address: '10.0.0.3', port: 4780, name: 'facilitator', rooms: 2 };
    const sameMachineOtherPort = { address: '10.0.0.2', port: 4790, name: 'me-cli', rooms: 1 };
    discoverHosts.mockResolvedValueOnce([
      { address: '10.0.0.2', port: 4780, name: 'me', rooms: 1 },
      { address: '127.0.0.1', port: 4780, name: 'me', rooms: 1 },
      other,
      sameMachineOtherPort,
    ]);
    await expect(handlers.discoverHosts(undefined)).resolves.toEqual([other, sameMachineOtherPort]);
  });

  it('shares one search between calls made while it runs', async () => {
    discoverHosts.mockClear();
    let finish!: (hosts: DiscoveredHost[]) => void;
    discoverHosts.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const first = handlers.discoverHosts(undefined);
    const second = handlers.discoverHosts(undefined);
    finish([{ address: '10.0.0.3', port: 4780, name: 'facilitator', rooms: 1 }]);
    await expect(first).resolves.toHaveLength(1);
    await expect(second).resolves.toHaveLength(1);
    expect(discoverHosts).toHaveBeenCalledTimes(1);
    await handlers.discoverHosts(undefined);
    expect(discoverHosts).toHaveBeenCalledTimes(2);
  });
});
