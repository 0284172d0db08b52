import { expect, type Locator, type Page } from '@playwright/test';
import { tallyLines } from './tally';

/** The sign-off dialog (gate, final, countersign, review): name, role, summary, key, sign. */
export class SignoffDialogPage {
  constructor(private readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get summary(): Locator {
    return this.dialog.getByRole('region', { name: 'Summary' });
  }

  /** The summary's count of the run's steps, line by line (once the run is read). */
  async tally(): Promise<string[]> {
    await expect(this.summary.getByTestId('summary-counts')).toBeVisible();
    return tallyLines(this.summary.getByTestId('summary-counts'));
  }

  get error(): Locator {
    return this.dialog.getByRole('alert');
  }

  async fill(name: string, role: string): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('Name', { exact: true }).fill(name);
    await this.dialog.getByLabel('Role', { exact: true }).fill(role);
  }

  /** Chooses Handrail's key and returns the fingerprint the dialog shows for it. */
  async useHandrailKey(): Promise<string> {
    await this.dialog.getByLabel('Handrail’s key on this machine').check();
    const fingerprint = this.dialog.getByTestId('handrail-fingerprint');
    await expect(fingerprint).toHaveText(/^SHA256:/);
    return (await fingerprint.textContent()) ?? '';
  }

  async useSshKey(path: string): Promise<void> {
    await this.dialog.getByLabel('My own SSH key').check();
    await this.dialog.getByLabel('SSH key path').fill(path);
  }

  async sign(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  }

  /** Signs and waits until the host accepted (the dialog closes only then). */
  async signAndClose(): Promise<void> {
    await this.sign();
    await expect(this.dialog).toBeHidden({ timeout: 30_000 });
  }
}
