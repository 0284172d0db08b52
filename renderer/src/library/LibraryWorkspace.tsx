import { useState } from 'react';
import type { ImportReview } from '../../../shared/runbook/index';
import { useHost } from '../host-client/HostProvider';
import { describeError } from './describe-error';
import { HistoryView } from './HistoryView';
import { ImportPanel } from './ImportPanel';
import { ImportReviewScreen } from './ImportReviewScreen';
import { LibraryPane } from './LibraryPane';
import type { GuideText } from './read-guide-file';
import { RunbookEditor } from './RunbookEditor';
import { RunbookView } from './RunbookView';
import { TemplatePicker } from './TemplatePicker';
import './library.css';

type Screen =
  | { name: 'welcome' }
  | { name: 'import' }
  | { name: 'review'; input: GuideText; review: ImportReview }
  | { name: 'templates' }
  | { name: 'view' | 'edit' | 'history'; id: string };

interface Deleted {
  id: string;
  title: string;
}

/** The library list and the main pane it drives: view, import, review, edit, history. */
export function LibraryWorkspace() {
  const [screen, setScreen] = useState<Screen>({ name: 'welcome' });
  const [deleted, setDeleted] = useState<Deleted | undefined>(undefined);
  const open = (id: string) => setScreen({ name: 'view', id });
  return (
    <>
      <LibraryPane
        selectedId={'id' in screen ? screen.id : undefined}
        onSelect={open}
        onImport={() => setScreen({ name: 'import' })}
        onTemplates={() => setScreen({ name: 'templates' })}
      />
      <section className="main-pane" aria-label="Runbook">
        {deleted !== undefined && (
          <UndoDelete
            deleted={deleted}
            onDone={() => setDeleted(undefined)}
            onRestored={() => open(deleted.id)}
          />
        )}
        <MainScreen
          screen={screen}
          setScreen={setScreen}
          open={open}
          onDeleted={(id, title) => {
            setDeleted({ id, title });
            setScreen({ name: 'welcome' });
          }}
        />
      </section>
    </>
  );
}

interface MainScreenProps {
  screen: Screen;
  setScreen(screen: Screen): void;
  open(id: string): void;
  onDeleted(id: string, title: string): void;
}

function MainScreen({ screen, setScreen, open, onDeleted }: MainScreenProps) {
  const home = () => setScreen({ name: 'welcome' });
  switch (screen.name) {
    case 'welcome':
      return (
        <p className="muted placeholder">
          Choose a runbook in the library, import a guide or start from a template.
        </p>
      );
    case 'import':
      return (
        <ImportPanel
          onReview={(input, review) => setScreen({ name: 'review', input, review })}
          onCancel={home}
        />
      );
    case 'review':
      return (
        <ImportReviewScreen
          input={screen.input}
          review={screen.review}
          onAccepted={(runbook) => open(runbook.id)}
          onCancel={() => setScreen({ name: 'import' })}
        />
      );
    case 'templates':
      return <TemplatePicker onCreated={(runbook) => open(runbook.id)} onCancel={home} />;
    case 'view':
      return (
        <RunbookView
          key={screen.id}
          id={screen.id}
          onEdit={() => setScreen({ name: 'edit', id: screen.id })}
          onHistory={() => setScreen({ name: 'history', id: screen.id })}
          onDuplicated={(copy) => open(copy.id)}
          onDeleted={onDeleted}
        />
      );
    case 'edit':
      return (
        <RunbookEditor
          key={screen.id}
          id={screen.id}
          onSaved={() => open(screen.id)}
          onCancel={() => open(screen.id)}
        />
      );
    case 'history':
      return <HistoryView key={screen.id} id={screen.id} onClose={() => open(screen.id)} />;
  }
}

interface UndoDeleteProps {
  deleted: Deleted;
  onDone(): void;
  onRestored(): void;
}

/** Says what was deleted and offers to bring it back (the runbook and its revisions are kept). */
function UndoDelete({ deleted, onDone, onRestored }: UndoDeleteProps) {
  const { client } = useHost();
  const [error, setError] = useState<string | undefined>(undefined);
  const undo = () => {
    client?.call('runbooks.restore', { id: deleted.id }).then(
      () => {
        onDone();
        onRestored();
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  };
  return (
    <div className="undo-banner" role="status">
      <span>Deleted “{deleted.title}”.</span>
      <button type="button" onClick={undo}>
        Undo
      </button>
      <button type="button" onClick={onDone} aria-label="Dismiss">
        ×
      </button>
      {error !== undefined && <span className="error">{error}</span>}
    </div>
  );
}
