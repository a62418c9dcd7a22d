import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'reply' })) },
}));
vi.mock('electron', () => electron);

import './index';

describe('preload', () => {
  const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [string, Record<string, (...args: unknown[]) => Promise<unknown>>][];

  it('exposes exactly one object, window.madangBridge, with exactly the contract methods', () => {
    expect(calls).toHaveLength(1);
    const [name, bridge] = calls[0]!;
    expect(name).toBe('madangBridge');
    expect(Object.keys(bridge).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('invokes each method on its own channel, passing only the request', async () => {
    const bridge = calls[0]![1];
    const request = { sessionId: 's1', title: 'x' };
    for (const method of Object.keys(IPC_CHANNELS) as (keyof typeof IPC_CHANNELS)[]) {
      electron.ipcRenderer.invoke.mockClear();
      const takesRequest = method === 'openRoom' || method === 'closeRoom' || method === 'removeParticipant' || method === 'renewJoinCode' || method === 'identitiesList' || method === 'identitiesSave';
      await expect(takesRequest ? bridge[method]!(request, 'ignored') : bridge[method]!('ignored')).resolves.toEqual({ ok: true, value: 'reply' });
      expect(electron.ipcRenderer.invoke.mock.calls).toEqual([takesRequest ? [IPC_CHANNELS[method], request] : [IPC_CHANNELS[method]]]);
    }
  });
});
