import { useEffect, useState } from 'react';
import { keychain, noKeychainReason, type Keychain } from './keychain';

export type KeychainState = { available: true; keychain: Keychain } | { available: false; reason: string };

/** Whether "remember this secret" can be offered here, and why not when it cannot. */
export function useKeychain(): KeychainState {
  const [state, setState] = useState<KeychainState>(() => ({ available: false, reason: noKeychainReason }));
  useEffect(() => {
    const bridge = keychain();
    if (bridge === undefined) return;
    let live = true;
    bridge.isAvailable().then(
      (available) => {
        if (!live) return;
        setState(
          available
            ? { available: true, keychain: bridge }
            : { available: false, reason: 'this system offers no keychain to the app (safeStorage)' },
        );
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
