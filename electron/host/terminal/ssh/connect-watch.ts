import type { SshControl } from './ssh-control';
import type { SshProfile } from './ssh-profile';

/** How often to ask the master socket whether the login finished. */
const connectPollMs = 250;
/** Remote shells get the loader once their output has been quiet this long (the prompt is up). */
const quietBeforeInjectMs = 300;
/** ...or after this long regardless (a clock or spinner in the prompt is never quiet). */
const maxWaitBeforeInjectMs = 5_000;

/**
 * Resolves true once the master connection answers `ssh -O check` (authentication is done, in
 * the terminal, by the operator), false if `alive` turns false first (ssh ended).
 */
export async function awaitMaster(
  control: SshControl,
  profile: SshProfile,
  alive: () => boolean,
): Promise<boolean> {
  while (alive()) {
    if (await control.check(profile)) return alive();
    await delay(connectPollMs);
  }
  return false;
}

/** Resolves once output has been quiet for a moment (bounded), so typed input lands at a prompt. */
export async function awaitQuiet(lastOutputAt: () => number, alive: () => boolean): Promise<void> {
  const since = Date.now();
  while (alive() && Date.now() - since < maxWaitBeforeInjectMs) {
    if (lastOutputAt() > 0 && Date.now() - lastOutputAt() >= quietBeforeInjectMs) return;
    await delay(50);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
