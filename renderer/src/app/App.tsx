import { useState } from 'react';
import { LibraryPane } from '../library/LibraryPane';
import { RunbookView } from '../library/RunbookView';
import { StatusBar } from '../status/StatusBar';
import { TerminalDock } from '../terminals/TerminalDock';

/** The window: library on the left, the main pane, terminals on the right, status at the bottom. */
export function App() {
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  return (
    <div className="app">
      <header className="title-bar">
        <span className="brand">Handrail</span>
      </header>
      <div className="workspace">
        <LibraryPane selectedId={selectedId} onSelect={setSelectedId} />
        <RunbookView id={selectedId} />
        <TerminalDock />
      </div>
      <StatusBar />
    </div>
  );
}
