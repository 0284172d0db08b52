import type { Page } from 'playwright-core';

/** What the page must show for an action to count as finished; exactly one field is set. */
export type ScreenProbe =
  | { selectedStepPainted: true }
  | { selectedIs: string }
  | { stepStatus: { key: string; status: string } }
  | { stepRowShown: string }
  | { cellStatus: { key: string; status: string } }
  | { gridHostShown: string };

/**
 * Milliseconds from just before `act` (in the page's clock) to the first animation frame at which
 * the DOM satisfies `probe`. Checking in requestAnimationFrame means the result is committed and
 * the next paint shows it; the Playwright round trip is only on the way in, before the clock stops
 * mattering, so it is the same small constant for a figure and its baseline.
 */
export async function untilInPage(
  page: Page,
  act: () => Promise<unknown>,
  probe: ScreenProbe,
): Promise<number> {
  await page.evaluate(() => {
    (window as unknown as { __benchStart: number }).__benchStart = performance.now();
  });
  await act();
  const handle = await page.waitForFunction(
    (probe) => {
      const shown = (element: Element | null): boolean => {
        if (element === null) return false;
        const box = element.getBoundingClientRect();
        const scroller = element.closest('.step-list, .rolling-grid-body');
        if (scroller === null) return box.height > 0;
        const view = scroller.getBoundingClientRect();
        return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
      };
      const list = document.querySelector('[role="listbox"][aria-label="Steps"]');
      const satisfied = (): boolean => {
        if ('selectedStepPainted' in probe) {
          const selected = list?.querySelector('[aria-selected="true"]');
          const panel = document.querySelector('[data-testid="step-panel"]');
          const title = selected?.querySelector('.step-row-title')?.textContent ?? '';
          return (
            selected !== null &&
            selected !== undefined &&
            title !== '' &&
            (panel?.textContent ?? '').includes(title)
          );
        }
        if ('selectedIs' in probe) {
          const selected = list?.querySelector('[aria-selected="true"]');
          const title = selected?.querySelector('.step-row-title')?.textContent ?? '';
          const panel = document.querySelector('[data-testid="step-panel"]');
          return (
            selected?.getAttribute('data-step-key') === probe.selectedIs &&
            (panel?.textContent ?? '').includes(title)
          );
        }
        if ('stepStatus' in probe) {
          const row = list?.querySelector(`[data-step-key="${CSS.escape(probe.stepStatus.key)}"]`);
          return row?.getAttribute('data-status') === probe.stepStatus.status;
        }
        if ('stepRowShown' in probe)
          return shown(list?.querySelector(`[data-step-key="${CSS.escape(probe.stepRowShown)}"]`) ?? null);
        if ('cellStatus' in probe) {
          const cell = document.querySelector(`[data-cell-key="${CSS.escape(probe.cellStatus.key)}"]`);
          return cell?.getAttribute('data-status') === probe.cellStatus.status;
        }
        return shown(document.querySelector(`[data-host="${CSS.escape(probe.gridHostShown)}"]`));
      };
      const done = satisfied();
      return done ? performance.now() - (window as unknown as { __benchStart: number }).__benchStart : false;
    },
    probe,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}
