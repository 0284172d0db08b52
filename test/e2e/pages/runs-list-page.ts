import { expect, type Page } from '@playwright/test';
import { tallyLines } from './tally';

/** The Runs section's list. */
export class RunsListPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click();
    await expect(this.page.getByRole('region', { name: 'Runs' })).toBeVisible();
  }

  row(runbookTitle: string) {
    return this.page.getByTestId('run-row').filter({ hasText: runbookTitle });
  }

  /** The Progress column of a run's row: its count, line by line. */
  async tally(runbookTitle: string): Promise<string[]> {
    return tallyLines(this.row(runbookTitle).locator('td.run-progress'));
  }
}
