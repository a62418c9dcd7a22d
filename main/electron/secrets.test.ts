// safeStorage as the host's SecretBox: sealed text is not the secret and opens back to it; without a
// real secret store (Linux 'basic_text', or none) there is no box, so nothing is written.
import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../host/log';
import { safeStorageBox } from './secrets';

function fakeSafeStorage(options: { available?: boolean; backend?: 'basic_text' | 'gnome_libsecret' } = {}) {
  const key = 0x5a;
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ key));
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (plain: string) => xor(Buffer.from(plain))),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => ({ result: xor(sealed).toString(), shouldReEncrypt: false })),
  };
}

describe('safeStorageBox', () => {
  it('seals with safeStorage and opens what it sealed', async () => {
    const storage = fakeSafeStorage();
    const box = await safeStorageBox(storage, 'linux', createMemoryLogger());
    const sealed = await box!.seal('portal-token-123');
    expect(sealed).not.toContain('portal-token-123');
    expect(storage.encryptStringAsync).toHaveBeenCalledWith('portal-token-123');
    expect(await box!.open(sealed)).toBe('portal-token-123');
  });

  it('gives no box without encryption, or with Linux\'s plain-text fallback', async () => {
    expect(await safeStorageBox(fakeSafeStorage({ available: false }), 'darwin', createMemoryLogger())).toBeNull();
    const log = createMemoryLogger();
    expect(await safeStorageBox(fakeSafeStorage({ backend: 'basic_text' }), 'linux', log)).toBeNull();
    expect(log.entries.map((e) => e.event)).toContain('secrets.unavailable');
    // The backend is a Linux notion; elsewhere the OS key store is used.
    expect(await safeStorageBox(fakeSafeStorage({ backend: 'basic_text' }), 'win32', createMemoryLogger())).not.toBeNull();
  });
});
