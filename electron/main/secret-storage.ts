import { ipcMain, safeStorage } from 'electron';
import { secretChannels } from './secret-channels';
import type { TrustedSenders } from './trusted-senders';

/**
 * Sealing secret values with the OS keychain (Electron `safeStorage`) for the renderer. The host
 * stores the sealed blob and never sees the key; only this process can open it again. Each channel
 * does one thing and checks its argument, and only the app's own window may ask.
 */

/** The same ceilings as the contract: a value is at most 64 KiB, a sealed blob at most 128 KiB. */
const maxValueChars = 64 * 1024;
const maxSealedChars = 128 * 1024;
const base64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function registerSecretStorage(senders: TrustedSenders): void {
  ipcMain.handle(secretChannels.isAvailable, (event) => {
    senders.check(event, 'the keychain');
    return keychainAvailable();
  });
  ipcMain.handle(secretChannels.seal, (event, text: unknown) => {
    senders.check(event, 'the keychain');
    if (typeof text !== 'string' || text.length === 0 || text.length > maxValueChars)
      throw new Error(`seal: the value must be a string of 1 to ${maxValueChars} characters`);
    requireKeychain();
    return safeStorage.encryptString(text).toString('base64');
  });
  ipcMain.handle(secretChannels.open, (event, sealed: unknown) => {
    senders.check(event, 'the keychain');
    if (typeof sealed !== 'string' || sealed.length > maxSealedChars || !base64.test(sealed))
      throw new Error('open: the sealed value must be base64 of at most 128 KiB');
    requireKeychain();
    return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  });
}

/**
 * On Linux without a secret service (GNOME Keyring, KWallet) Electron falls back to a key built
 * into Chromium (`basic_text`): that hides nothing from anyone with the file, so it does not count.
 */
function keychainAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

function requireKeychain(): void {
  if (!keychainAvailable())
    throw new Error('the OS keychain is not available: the value is kept in memory for the run only');
}
