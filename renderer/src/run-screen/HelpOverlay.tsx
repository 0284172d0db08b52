import { useEffect, useRef } from 'react';
import { shortcuts } from './shortcuts';

export interface ShortcutRow {
  keys: string[];
  label: string;
}

const runScreenIntro =
  'They work on the step list and the step; not while you type in a field or the terminal.';

/**
 * Keyboard shortcuts, opened with `?`: the operator's screen's by default, or another screen's
 * (app/ScreenShortcuts.tsx).
 */
export function HelpOverlay({
  onClose,
  rows = shortcuts,
  intro = runScreenIntro,
}: {
  onClose(): void;
  rows?: readonly ShortcutRow[];
  intro?: string;
}) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        className="dialog help-overlay"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <h2>Keyboard shortcuts</h2>
        <p className="muted">{intro}</p>
        <table className="shortcut-table">
          <tbody>
            {rows.map((shortcut) => (
              <tr key={shortcut.label} data-testid="shortcut">
                <td>
                  {shortcut.keys.map((key) => (
                    <kbd key={key}>{key}</kbd>
                  ))}
                </td>
                <td>{shortcut.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
