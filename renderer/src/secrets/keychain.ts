/**
 * The OS keychain, reachable only in the desktop app through the preload's `handrailSecrets`
 * (Electron safeStorage in main). In browser mode there is none: secret values then live in the
 * host's memory for the run only.
 */
export interface Keychain {
  isAvailable(): Promise<boolean>;
  /** The value sealed, base64. */
  seal(text: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export const noKeychainReason =
  'the OS keychain is only reachable from the desktop app; the value is kept in memory for the run';

export function keychain(): Keychain | undefined {
  return (window as unknown as { handrailSecrets?: Keychain }).handrailSecrets;
}
