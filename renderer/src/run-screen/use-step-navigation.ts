import { useCallback, useEffect, useState } from 'react';
import { runbookStepCount } from './run-layout';
import type { RunModel } from './run-model';

/**
 * `j`/`k` through the runbook's steps by position, so it works on rows this window does not hold
 * yet: moving onto one asks for its page and selects it when it comes. Host steps are the grid's
 * and are not stepped through (from one, `j` goes to the first step, as from no selection).
 */
export function useStepNavigation(
  model: RunModel,
  selectedKey: string | undefined,
  select: (key: string) => void,
  loadRows: (from: number, to: number) => void,
): (delta: 1 | -1) => void {
  const [wanted, setWanted] = useState<number | undefined>(undefined);
  const wantedRow = wanted === undefined ? undefined : model.rows.get(wanted);
  useEffect(() => {
    if (wantedRow === undefined) return;
    setWanted(undefined);
    select(wantedRow.key);
  }, [wantedRow, select]);

  return useCallback(
    (delta: 1 | -1) => {
      const listed = runbookStepCount(model);
      if (listed === 0) return;
      const at = selectedKey === undefined ? undefined : model.indexByKey.get(selectedKey);
      const from = wanted ?? (at !== undefined && at < listed ? at : -1);
      const next = Math.min(listed - 1, Math.max(0, from + delta));
      const row = model.rows.get(next);
      if (row === undefined) {
        setWanted(next);
        loadRows(next, next);
        return;
      }
      setWanted(undefined);
      select(row.key);
    },
    [model, selectedKey, wanted, select, loadRows],
  );
}
