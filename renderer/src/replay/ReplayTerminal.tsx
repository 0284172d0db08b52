import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef, useState } from 'react';
import type { ReplaySink } from './replay-player';

const empty = new Uint8Array(0);

/**
 * A read-only xterm.js screen of the session's recorded size, resized where the session was
 * (output is drawn as it was, so no fitting to the pane). Gives the player its sink once the
 * terminal exists.
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
    onSink({
      write: (data) => term.write(data),
      // xterm resizes at once but parses writes later: queue the resize behind them.
      resize: (width, height) => term.write(empty, () => term.resize(width, height)),
      reset: () => {
        term.reset();
        term.resize(cols, rows);
      },
    });
    return () => onSink(undefined);
  }, [term, onSink, cols, rows]);
  useEffect(() => () => term.dispose(), [term]);
  return <div className="replay-screen" ref={container} data-testid="replay-screen" />;
}
