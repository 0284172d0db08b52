/** Where the run's terminals live (local shell, SSH to the control host). */
export function TerminalDock() {
  return (
    <aside className="terminal-dock" aria-label="Terminals">
      <h2 className="pane-title">Terminals</h2>
      <p className="muted">
        Terminals open here when a run starts: a local shell or SSH to the control host.
      </p>
    </aside>
  );
}
