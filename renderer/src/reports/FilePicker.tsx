import { useState } from 'react';
import { describeError } from '../library/describe-error';
import { readReportFile, type ReportFileText } from './read-report-file';

/** A labelled file input that reads the chosen report or bundle and hands its text on. */
export function FilePicker({
  label,
  busy,
  onFile,
}: {
  label: string;
  busy: boolean;
  onFile(file: ReportFileText): void;
}) {
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <div className="file-picker">
      <label className="field">
        <span>{label}</span>
        <input
          type="file"
          aria-label={label}
          accept=".html,.htm,.json,application/json,text/html"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = ''; // choosing the same file again is a new choice
            if (file === undefined) return;
            setError(undefined);
            readReportFile(file).then(onFile, (failure: unknown) => setError(describeError(failure)));
          }}
        />
      </label>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
