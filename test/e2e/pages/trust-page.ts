import { expect, type Locator, type Page } from '@playwright/test';

/** The Reports section's "Trusted signers" panel: the workspace's allowed_signers file. */
export class TrustPanelPage {
  constructor(private readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Trusted signers' });
  }

  get state(): Locator {
    return this.region.getByTestId('trust-state');
  }

  get error(): Locator {
    return this.region.getByTestId('trust-error');
  }

  /** Types the path and asks the host to use it; the host reads and parses the file. */
  async use(path: string): Promise<void> {
    await this.region.getByLabel('allowed_signers file (full path on the host)').fill(path);
    await this.region.getByRole('button', { name: 'Use this file' }).click();
  }

  /** A verification's signature lines: trust state, whether it shows as holding, and its text. */
  static async signatures(
    result: Locator,
  ): Promise<Array<{ trust: string | null; valid: boolean; text: string }>> {
    const lines = result.locator('[data-signature]');
    await expect(lines.first()).toBeVisible();
    const out: Array<{ trust: string | null; valid: boolean; text: string }> = [];
    for (let index = 0; index < (await lines.count()); index += 1) {
      const line = lines.nth(index);
      out.push({
        trust: await line.getAttribute('data-trust'),
        valid: (await line.getAttribute('data-valid')) === 'true',
        text: (await line.textContent()) ?? '',
      });
    }
    return out;
  }
}
