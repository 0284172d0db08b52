/** The operator's screen is keyboard first; these are its keys, as the help overlay lists them. */
export type ShortcutAction =
  'next' | 'previous' | 'run' | 'done' | 'note' | 'skip' | 'terminal' | 'list' | 'help';

export const shortcuts: ReadonlyArray<{ keys: string[]; action: ShortcutAction; label: string }> = [
  { keys: ['j', '↓'], action: 'next', label: 'Next step' },
  { keys: ['k', '↑'], action: 'previous', label: 'Previous step' },
  { keys: ['r'], action: 'run', label: 'Run the step (a failed or skipped one asks first)' },
  { keys: ['d'], action: 'done', label: 'Mark done (asks for evidence where needed)' },
  { keys: ['n'], action: 'note', label: 'Add a note to the step' },
  { keys: ['s'], action: 'skip', label: 'Skip the step (asks the reason)' },
  { keys: ['t'], action: 'terminal', label: 'Focus the terminal' },
  { keys: ['Esc'], action: 'list', label: 'Back to the step list' },
  { keys: ['?'], action: 'help', label: 'This help' },
];

const byKey: Record<string, ShortcutAction> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'previous',
  ArrowUp: 'previous',
  r: 'run',
  d: 'done',
  n: 'note',
  s: 'skip',
  t: 'terminal',
  Escape: 'list',
  '?': 'help',
};

/** The action a key press asks for; none with a modifier (Ctrl-R stays the browser's). */
export function shortcutFor(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): ShortcutAction | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  return Object.hasOwn(byKey, event.key) ? byKey[event.key] : undefined;
}

/** Keys belong to what the operator is typing into: inputs, text areas, the terminal, editables. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (target === null || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return (
    element.closest('input, textarea, select, [contenteditable="true"], .xterm, [role="dialog"]') !== null
  );
}
