import { LibraryWorkspace } from '../library/LibraryWorkspace';
import { StatusBar } from '../status/StatusBar';
import { TerminalDock } from '../terminals/TerminalDock';

/** The window: library on the left, the main pane, terminals on the right, status at the bottom. */
export function App() {
  return (
    <div className="app">
      <header className="title-bar">
        <span className="brand">Handrail</span>
      </header>
      <div className="workspace">
        <LibraryWorkspace />
        <TerminalDock />
      </div>
      <StatusBar />
    </div>
  );
}
