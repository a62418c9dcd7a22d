// The host's SecretBox in the desktop app: Electron's safeStorage, whose key the OS keeps (Keychain,
// DPAPI, libsecret/kwallet). On Linux without a secret store safeStorage falls back to a hard-coded
// key ('basic_text'), which protects nothing: then there is no box, and the token stays in memory.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../host/portal/forwarder';
import type { Logger } from '../host/log';

type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export async function safeStorageBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: Logger): Promise<SecretBox | null> {
  let available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (available && platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') available = false;
  if (!available) {
    log.warn('secrets.unavailable', { platform });
    return null;
  }
  return {
    seal: async (plain) => (await safeStorage.encryptStringAsync(plain)).toString('base64'),
    open: async (sealed) => (await safeStorage.decryptStringAsync(Buffer.from(sealed, 'base64'))).result,
  };
}
