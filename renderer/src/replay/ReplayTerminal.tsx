import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ReplaySink } from './replay-player';

/**
 * A read-only xterm.js screen of the session's recorded size (output is drawn as it was, so no
 * fitting to the pane). Gives the player its sink once the terminal exists.
 */
export function ReplayTerminal({
  cols,
  rows,
  onSink,
}: {
  cols: number;
  rows: number;
  onSink(sink: ReplaySink | undefined): void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [term] = useState(
    () => new Terminal({ cols, rows, disableStdin: true, scrollback: 10_000, cursorBlink: false }),
  );
  useEffect(() => {
    if (container.current !== null && term.element === undefined) term.open(container.current);
    onSink({ write: (data) => term.write(data), reset: () => term.reset() });
    return () => onSink(undefined);
  }, [term, onSink]);
  useEffect(() => () => term.dispose(), [term]);
  return <div className="replay-screen" ref={container} data-testid="replay-screen" />;
}
