import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** A file the page downloaded: its suggested name, where Playwright saved it, its bytes. */
export interface DownloadedFile {
  fileName: string;
  path: string;
  bytes: Buffer;
}

/** Clicks a button that starts a download and returns the downloaded file. */
export async function downloadFrom(page: Page, button: Locator): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), path, bytes: readFileSync(path) };
}

/** The Reports section: verify a report, import a run for review, the imported runs. */
export class ReportsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await expect(this.page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  }

  get verifyPanel(): Locator {
    return this.page.getByRole('region', { name: 'Verify a report' });
  }

  get importPanel(): Locator {
    return this.page.getByRole('region', { name: 'Import a run for review' });
  }

  /** Chooses a file to verify and returns the panel's verification once it shows. */
  async verify(path: string): Promise<Locator> {
    await this.verifyPanel.getByLabel('Report or bundle to verify').setInputFiles(path);
    const result = this.verifyPanel.getByRole('region', { name: 'Verification' });
    await expect(result.getByTestId('verdict')).toBeVisible({ timeout: 30_000 });
    return result;
  }

  async import(path: string): Promise<Locator> {
    await this.importPanel.getByLabel('Bundle or report to import').setInputFiles(path);
    const result = this.importPanel.getByRole('region', { name: 'Verification' });
    await expect(result.getByTestId('verdict')).toBeVisible({ timeout: 30_000 });
    return result;
  }

  async openImported(title: string): Promise<void> {
    await this.importPanel.getByTestId('imported-run').getByRole('button', { name: title }).click();
    await expect(this.page.getByRole('region', { name: 'Imported run' })).toBeVisible();
  }

  /** The check lines of a verification, as text, and whether each holds. */
  static async checks(result: Locator): Promise<Array<{ text: string; valid: boolean }>> {
    const lines = result.getByTestId('check');
    const count = await lines.count();
    const checks: Array<{ text: string; valid: boolean }> = [];
    for (let index = 0; index < count; index += 1) {
      const line = lines.nth(index);
      checks.push({
        text: (await line.textContent()) ?? '',
        valid: (await line.getAttribute('data-valid')) === 'true',
      });
    }
    return checks;
  }
}
