import { expect, type Page } from '@playwright/test';

export interface EnvironmentSpec {
  name: string;
  kind: 'production' | 'staging' | 'test' | 'training';
  ssh?: { host: string; configFile: string };
  variables?: Record<string, string>;
  secretNames?: string[];
}

/** The Environments section, as the operator uses it. */
export class EnvironmentsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Environments' })
      .click();
    await expect(this.page.getByRole('complementary', { name: 'Environments' })).toBeVisible();
  }

  async create(spec: EnvironmentSpec): Promise<void> {
    await this.page.getByRole('button', { name: 'New environment' }).click();
    const form = this.page.getByRole('form', { name: 'New environment' });
    await form.getByLabel('Name').fill(spec.name);
    await form.getByLabel('Kind').selectOption(spec.kind);
    if (spec.ssh !== undefined) {
      await form.getByLabel('SSH').check();
      await form.getByLabel('Host', { exact: true }).fill(spec.ssh.host);
      await form.getByLabel('ssh_config file').fill(spec.ssh.configFile);
    }
    for (const [index, [name, value]] of Object.entries(spec.variables ?? {}).entries()) {
      await form.getByRole('button', { name: 'Add variable' }).click();
      await form.getByLabel(`Variable ${index + 1} name`).fill(name);
      await form.getByLabel(`Variable ${index + 1} value`).fill(value);
    }
    if (spec.secretNames !== undefined)
      await form.getByLabel('Secret variables').fill(spec.secretNames.join(', '));
    await form.getByRole('button', { name: 'Create environment' }).click();
    await expect(this.item(spec.name)).toBeVisible();
  }

  item(name: string) {
    return this.page.getByRole('complementary', { name: 'Environments' }).getByRole('button', { name });
  }
}
