import { beforeEach, describe, expect, it } from 'vitest';
import { readClipboard, resetMemoryClipboard, writeClipboard } from './clipboard';

describe('clipboard carrier', () => {
  beforeEach(() => resetMemoryClipboard());

  it('uses the system clipboard when the page may', async () => {
    let system = '';
    const nav = { clipboard: { writeText: async (t: string) => void (system = t), readText: async () => system } } as unknown as Navigator;
    await writeClipboard('{"format":"madang-clipboard"}', nav);
    expect(system).toBe('{"format":"madang-clipboard"}');
    system = 'text from another app';
    expect(await readClipboard(nav)).toBe('text from another app');
  });

  it('falls back to memory without navigator.clipboard (http on a LAN address) or without permission', async () => {
    await writeClipboard('payload', { clipboard: undefined } as unknown as Navigator);
    expect(await readClipboard({ clipboard: undefined } as unknown as Navigator)).toBe('payload');
    const denied = { clipboard: { writeText: () => Promise.reject(new Error('denied')), readText: () => Promise.resolve('stale') } } as unknown as Navigator;
    await writeClipboard('fresh', denied);
    // The system clipboard is stale (our write never reached it): memory wins.
    expect(await readClipboard(denied)).toBe('fresh');
  });
});
