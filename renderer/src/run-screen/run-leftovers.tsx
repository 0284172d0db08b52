import type { RunTally } from '../../../shared/contract/index';
import { VisibleText } from '../format/visible-text';
import type { RunModel } from './run-model';

/**
 * What a run leaves behind if it ends now, for the Finish and Abort dialogs (issue 21: ending a
 * run is a decision, and it should be taken looking at what is left): the steps not done, and
 * the hosts a rolling step took out of service and has not put back.
 */
export interface RunLeftovers {
  /** Steps without an outcome (pending, running, unknown), from the one count. */
  open: number;
  failed: number;
  skipped: number;
  /** Titles of the open steps this window holds rows for, the first few. */
  openTitles: string[];
  hostsOutOfService: Array<{ stepTitle: string; host: string }>;
}

const titlesShown = 5;

export function runLeftovers(model: RunModel, tally: RunTally): RunLeftovers {
  const openTitles: string[] = [];
  const hostsOutOfService: RunLeftovers['hostsOutOfService'] = [];
  for (const row of model.rows.values()) {
    if (row.rolling !== undefined && row.rolling !== null)
      for (const host of row.rolling.outOfService) hostsOutOfService.push({ stepTitle: row.title, host });
    const isHostStep = row.key.includes('@');
    if (
      !isHostStep &&
      ['pending', 'running', 'unknown'].includes(row.status) &&
      openTitles.length < titlesShown
    )
      openTitles.push(row.title);
  }
  const { steps } = tally;
  return {
    open: steps.open + steps.unknown,
    failed: steps.failed,
    skipped: steps.skipped,
    openTitles,
    hostsOutOfService,
  };
}

/** The leftovers in words, for a dialog's intro. */
export function LeftoversList({ leftovers }: { leftovers: RunLeftovers }) {
  const { open, failed, skipped, openTitles, hostsOutOfService } = leftovers;
  const nothing = open + failed + skipped + hostsOutOfService.length === 0;
  if (nothing) return <p data-testid="leftovers">Every step is done.</p>;
  return (
    <ul className="leftovers" data-testid="leftovers">
      {open > 0 && (
        <li>
          {open} step{open === 1 ? '' : 's'} not done
          {openTitles.length > 0 && (
            <>
              : <VisibleText text={openTitles.join(', ')} />
              {open > openTitles.length ? ', …' : ''}
            </>
          )}
        </li>
      )}
      {failed > 0 && <li>{failed} failed (the record keeps them failed)</li>}
      {skipped > 0 && <li>{skipped} skipped</li>}
      {hostsOutOfService.map(({ stepTitle, host }) => (
        <li key={`${stepTitle}/${host}`} className="warn">
          Host <VisibleText text={host} /> is out of service (<VisibleText text={stepTitle} />)
        </li>
      ))}
    </ul>
  );
}
