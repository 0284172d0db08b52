import { expect, type Locator, type Page } from '@playwright/test';

/** The rolling step's panel on the run screen: counts, actions and the host × sub-step grid. */
export class RollingGridPage {
  constructor(private readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('rolling-panel');
  }

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Rolling update grid' });
  }

  host(name: string): Locator {
    return this.grid.locator(`[data-host="${name}"]`);
  }

  cell(stepKey: string, host: string, sub: string): Locator {
    return this.grid.locator(`[data-cell-key="${stepKey}@${host}/${sub}"]`);
  }

  batch(number: number): Locator {
    return this.grid.locator(`[data-batch="${number}"]`);
  }

  count(name: 'updated' | 'failed' | 'skipped' | 'remaining'): Locator {
    return this.page.getByTestId('rolling-counts').locator(`[data-count="${name}"]`);
  }

  async action(name: string | RegExp): Promise<void> {
    await this.panel.getByRole('toolbar', { name: 'Rolling actions' }).getByRole('button', { name }).click();
  }

  async expectCell(stepKey: string, host: string, sub: string, status: string, timeout = 30_000) {
    await expect(this.cell(stepKey, host, sub)).toHaveAttribute('data-status', status, { timeout });
  }

  /** The host rows, top to bottom. */
  async hostOrder(): Promise<string[]> {
    return this.grid.locator('[data-host]').evaluateAll((rows) =>
      rows
        .map((row) => ({
          host: row.getAttribute('data-host') ?? '',
          top: parseFloat((row as HTMLElement).style.top),
        }))
        .sort((a, b) => a.top - b.top)
        .map((row) => row.host),
    );
  }
}
