import { useEffect, useState } from 'react';
import { HelpOverlay, type ShortcutRow } from '../run-screen/HelpOverlay';
import { isTypingTarget } from '../run-screen/shortcuts';

/**
 * `?` on every screen (issue 21): the run screen has its own keys and overlay; every other screen
 * is worked with the keyboard's own keys, which this lists, so nobody has to guess.
 */
const everyScreen: readonly ShortcutRow[] = [
  { keys: ['Tab', 'Shift+Tab'], label: 'Next or previous control (the focused one is outlined)' },
  { keys: ['Enter', 'Space'], label: 'Press the focused button, open the focused item' },
  { keys: ['↑', '↓'], label: 'Move in a list or menu' },
  { keys: ['Esc'], label: 'Close a dialog without changing anything' },
  { keys: ['?'], label: 'This help' },
];

export function ScreenShortcuts({ enabled }: { enabled: boolean }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.defaultPrevented || isTypingTarget(event.target)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
  if (!open || !enabled) return null;
  return (
    <HelpOverlay
      rows={everyScreen}
      intro="This screen is worked with the keyboard's own keys; the run screen has more of its own."
      onClose={() => setOpen(false)}
    />
  );
}
