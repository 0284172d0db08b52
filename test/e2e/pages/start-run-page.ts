import { expect, type Page } from '@playwright/test';

export interface RunChoice {
  runbook: string;
  environment: string;
  operator: string;
  mode?: 'live' | 'practice';
  /** Values typed into the variables form, by variable name. */
  variables?: Record<string, string>;
}

/** The start wizard: choose, fill in, review the plan, start. */
export class StartRunPage {
  constructor(private readonly page: Page) {}

  get region() {
    return this.page.getByRole('region', { name: 'Start a run' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Runs' }).click();
    await this.page.getByRole('button', { name: 'Start a run' }).click();
    await expect(this.region).toBeVisible();
  }

  async choose(choice: RunChoice): Promise<void> {
    await this.region.getByLabel('Runbook').selectOption({ label: choice.runbook });
    const environment = this.region.getByLabel('Environment');
    const value = await environment
      .locator('option', { hasText: `${choice.environment} (` })
      .getAttribute('value');
    await environment.selectOption(value ?? '');
    if (choice.mode !== undefined)
      await this.region.getByLabel(choice.mode === 'live' ? 'Live' : 'Practice').check();
    await this.region.getByLabel('Operator').fill(choice.operator);
    await expect(this.plan).toBeVisible();
    for (const [name, value] of Object.entries(choice.variables ?? {}))
      await this.region.getByLabel(name, { exact: true }).fill(value);
  }

  get plan() {
    return this.region.getByRole('region', { name: 'Plan' });
  }

  async start(): Promise<void> {
    await this.region.getByRole('button', { name: 'Start the run' }).click();
    await expect(this.page.getByTestId('step-panel')).toBeVisible();
  }
}
