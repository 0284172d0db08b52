import { EnvironmentsScreen } from '../environments/EnvironmentsScreen';
import { LibraryWorkspace } from '../library/LibraryWorkspace';
import { CompareScreen } from '../compare/CompareScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { ImportedRunScreen } from '../reports/ImportedRunScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { RunScreen } from '../run-screen/RunScreen';
import { ReplayScreen } from '../replay/ReplayScreen';
import { RunsList } from '../runs/RunsList';
import { SearchScreen } from '../search/SearchScreen';
import { StartRunWizard } from '../runs/StartRunWizard';
import { StatusBar } from '../status/StatusBar';
import { TerminalDock } from '../terminals/TerminalDock';
import { ScreenShortcuts } from './ScreenShortcuts';
import { useRoute, type Route } from './route';

const sections = [
  { label: 'Library', route: { view: 'library' } },
  { label: 'Environments', route: { view: 'environments' } },
  { label: 'Runs', route: { view: 'runs' } },
  { label: 'Reports', route: { view: 'reports' } },
  { label: 'Search', route: { view: 'search' } },
] as const satisfies ReadonlyArray<{ label: string; route: Route }>;

/** The window: a title bar with the sections, the section's screen, status at the bottom. */
export function App() {
  const [route, navigate] = useRoute();
  const section = ['start-run', 'run', 'replay', 'review', 'compare'].includes(route.view)
    ? 'runs'
    : route.view === 'imported'
      ? 'reports'
      : route.view;
  return (
    <div className="app">
      <header className="title-bar">
        <span className="brand">Handrail</span>
        <nav className="app-nav" aria-label="Sections">
          {sections.map((item) => (
            <a
              key={item.label}
              href={`#/${item.route.view}`}
              aria-current={section === item.route.view ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </nav>
      </header>
      <Screen route={route} navigate={navigate} />
      <StatusBar />
      <ScreenShortcuts enabled={route.view !== 'run'} />
    </div>
  );
}

function Screen({ route, navigate }: { route: Route; navigate: (route: Route) => void }) {
  switch (route.view) {
    case 'library':
      return (
        <div className="workspace">
          <LibraryWorkspace />
          <TerminalDock />
        </div>
      );
    case 'environments':
      return <EnvironmentsScreen />;
    case 'runs':
      return (
        <RunsList
          onOpen={(id) => navigate({ view: 'run', id })}
          onStart={() => navigate({ view: 'start-run' })}
        />
      );
    case 'start-run':
      return (
        <StartRunWizard
          onStarted={(id) => navigate({ view: 'run', id })}
          onCancel={() => navigate({ view: 'runs' })}
        />
      );
    case 'run':
      return <RunScreen key={`${route.id} ${route.stepKey ?? ''}`} id={route.id} stepKey={route.stepKey} />;
    case 'search':
      return <SearchScreen navigate={navigate} />;
    case 'replay':
      return <ReplayScreen key={route.id} route={route} navigate={navigate} />;
    case 'review':
      return <ReviewScreen key={route.id} runId={route.id} />;
    case 'compare':
      return (
        <CompareScreen
          key={route.id}
          runId={route.id}
          referenceId={route.reference}
          onReference={(reference) => navigate({ view: 'compare', id: route.id, reference })}
        />
      );
    case 'reports':
      return <ReportsScreen onOpenImported={(id) => navigate({ view: 'imported', id })} />;
    case 'imported':
      return <ImportedRunScreen key={route.id} runId={route.id} />;
  }
}
