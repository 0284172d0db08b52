/** Plain variable values of an environment as name = value rows. */
export function VariablesEditor({
  rows,
  onChange,
}: {
  rows: Array<{ name: string; value: string }>;
  onChange: (rows: Array<{ name: string; value: string }>) => void;
}) {
  const update = (index: number, change: Partial<{ name: string; value: string }>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  return (
    <fieldset className="variables-editor">
      <legend>Variable values</legend>
      {rows.length === 0 && <p className="muted">None: runs use the runbook's defaults or ask.</p>}
      {rows.map((row, index) => (
        <div key={index} className="variable-row">
          <input
            aria-label={`Variable ${index + 1} name`}
            placeholder="name"
            value={row.name}
            onChange={(event) => update(index, { name: event.target.value })}
          />
          <span aria-hidden="true">=</span>
          <input
            aria-label={`Variable ${index + 1} value`}
            placeholder="value"
            value={row.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <button
            type="button"
            aria-label={`Remove variable ${index + 1}`}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        Add variable
      </button>
    </fieldset>
  );
}
