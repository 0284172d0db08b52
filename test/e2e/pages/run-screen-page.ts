import { expect, type Locator, type Page } from '@playwright/test';
import { tallyLines } from './tally';

interface HookTerminal {
  id: string;
  text: string;
  integration: string;
  exitCodes: Array<number | null>;
}

/** The operator's screen: the step list, the selected step, dialogs, the terminal. */
export class RunScreenPage {
  constructor(private readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('listbox', { name: 'Steps' });
  }

  get panel(): Locator {
    return this.page.getByTestId('step-panel');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The header's count of the run's steps, line by line. */
  async tally(): Promise<string[]> {
    return tallyLines(this.page.getByTestId('run-progress'));
  }

  /** Why the selected step is held back (a running wait, earlier steps in production). */
  get hold(): Locator {
    return this.panel.getByTestId('step-hold');
  }

  /** The refusal or problem shown for the selected step's last action. */
  get stepError(): Locator {
    return this.panel.getByRole('alert');
  }

  /** The run terminal's state from the read-only test hook (xterm's buffer, integration). */
  async terminal(): Promise<HookTerminal | undefined> {
    const terminals = await this.page.evaluate(() =>
      (
        window as unknown as { __handrailTerminals?: { terminals(): HookTerminal[] } }
      ).__handrailTerminals?.terminals(),
    );
    return terminals?.[0];
  }

  /** Waits until the control host's shell reports exit codes, so steps can run. */
  async waitForTerminal(): Promise<void> {
    await expect.poll(async () => (await this.terminal())?.integration, { timeout: 30_000 }).toBe('active');
  }

  /**
   * The row of a step. The list is virtualised and pages its rows in, so this scrolls it a page
   * at a time (letting the page draw, and the rows in view come, between pages) until the row is
   * rendered.
   */
  async row(key: string): Promise<Locator> {
    const row = this.list.locator(`[data-step-key="${key}"]`);
    if ((await row.count()) === 0)
      await this.list.evaluate(async (element, wanted) => {
        const frame = () =>
          new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        const found = () => element.querySelector(`[data-step-key="${CSS.escape(wanted)}"]`) !== null;
        // Rows not held yet show as placeholders until their page comes (runs.steps).
        const loaded = async () => {
          for (let wait = 0; wait < 100 && element.querySelector('.loading-row') !== null; wait += 1)
            await frame();
        };
        for (let top = 0; top <= element.scrollHeight && !found(); top += element.clientHeight) {
          element.scrollTop = top;
          await frame();
          await loaded();
        }
      }, key);
    await expect(row).toHaveCount(1);
    return row;
  }

  async select(key: string): Promise<void> {
    await (await this.row(key)).click();
    await this.expectSelected(key);
  }

  async expectSelected(key: string): Promise<void> {
    await expect(this.list.locator('[aria-selected="true"]')).toHaveAttribute('data-step-key', key);
  }

  async expectStatus(key: string, status: string, timeout = 15_000): Promise<void> {
    await expect(await this.row(key)).toHaveAttribute('data-status', status, { timeout });
  }

  /** Presses a shortcut with the focus on the step list (shortcuts are off while typing). */
  async press(key: string): Promise<void> {
    await this.list.focus();
    await this.page.keyboard.press(key);
  }

  async action(name: string): Promise<void> {
    await this.panel
      .getByRole('toolbar', { name: 'Step actions' })
      .getByRole('button', { name, exact: true })
      .click();
  }

  /** The run menu (report, exports, sign-offs): closed while the run goes on, open once it ended. */
  async openRunMenu(): Promise<void> {
    const menu = this.page.locator('details.run-menu');
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  }

  /** Finish run…, then the dialog that says what is left, confirmed. */
  async finishRun(): Promise<void> {
    await this.page
      .getByRole('toolbar', { name: 'Run actions' })
      .getByRole('button', { name: 'Finish run…' })
      .click();
    await this.dialog.getByRole('button', { name: 'Finish run', exact: true }).click();
  }

  /** Fills the open dialog's fields by label and submits it with its button. */
  async submitDialog(fields: Record<string, string>, button: string): Promise<void> {
    for (const [label, value] of Object.entries(fields)) await this.dialog.getByLabel(label).fill(value);
    await this.dialog.getByRole('button', { name: button, exact: true }).click();
  }
}
