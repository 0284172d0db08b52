import type { Diagnostic } from '../../../shared/runbook/index';

/** What the linter found, each with its line and column. */
export function Diagnostics({ diagnostics }: { diagnostics: Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="diagnostics" aria-label="Problems in this runbook">
      {diagnostics.map((diagnostic, index) => (
        <li key={index} className={`diagnostic diagnostic-${diagnostic.severity}`}>
          <span className="source-line">
            {diagnostic.severity} at line {diagnostic.line}:{diagnostic.column}
          </span>{' '}
          {diagnostic.message}
        </li>
      ))}
    </ul>
  );
}
