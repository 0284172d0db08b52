import { expect, type Page } from '@playwright/test';

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
}
