import { useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import type { OpenTerminal } from './terminal-registry';

/**
 * One terminal's screen: xterm fitted to the pane, with search in its buffer. It takes the focus
 * when shown unless `autoFocus` is false (the run screen keeps the keys for its step list).
 */
export function TerminalPane({
  open,
  visible,
  autoFocus = true,
}: {
  open: OpenTerminal;
  visible: boolean;
  autoFocus?: boolean;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const element = container.current;
    if (element === null) return;
    if (open.term.element === undefined) open.term.open(element);
    else if (open.term.element.parentElement !== element) element.appendChild(open.term.element);
    const observer = new ResizeObserver(() => {
      // A hidden tab has no size; fitting it would shrink the pty to nothing.
      if (element.offsetWidth > 0 && element.offsetHeight > 0) open.fit.fit();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [open]);

  useEffect(() => {
    if (!visible) return;
    open.fit.fit();
    if (autoFocus) open.term.focus();
  }, [open, visible, autoFocus]);

  const find = (backwards: boolean): void => {
    if (query === '') return;
    if (backwards) open.search.findPrevious(query);
    else open.search.findNext(query);
  };

  return (
    <div className="terminal-pane" hidden={!visible}>
      <form
        className="terminal-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          find(false);
        }}
      >
        <input
          type="search"
          aria-label="Search in terminal"
          placeholder="Search output"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" onClick={() => find(true)}>
          Previous
        </button>
        <button type="submit">Next</button>
      </form>
      <div className="terminal-screen" ref={container} data-testid="terminal-screen" />
    </div>
  );
}
