import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGuide, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { repoRoot } from './seeds';

const fixture = (name: string): Buffer => readFileSync(join(repoRoot, 'test/fixtures/runbooks', name));

describe('MDX (Docusaurus) guides', () => {
  const review = importGuide(fixture('docusaurus-guide.mdx'), 'docusaurus-guide.mdx');
  const steps = review.runbook.phases.flatMap((p) => p.steps);

  it('reads front matter, drops import lines, and numbers come off step headings', () => {
    expect(review.format).toBe('mdx');
    expect(review.runbook.title).toBe('Upgrade the widget service');
    expect(review.runbook.phases.map((p) => [p.title, p.window])).toEqual([
      ['Before the window', 'before'],
      ['During the window', 'inside'],
      ['After the window', 'after'],
    ]);
    expect(steps.map((s) => s.title).slice(0, 3)).toEqual([
      'Back up the database',
      'Check the configuration',
      'Install the new packages',
    ]);
    expect(review.warnings.filter((w) => w.message.includes('MDX import line dropped'))).toHaveLength(2);
    expect(JSON.stringify(review.runbook)).not.toContain('@theme/Tabs');
  });

  it('keeps admonitions as warnings, prompts stripped and output kept, yaml shown', () => {
    expect(steps[0]!.warnings).toEqual([
      expect.objectContaining({ kind: 'note', text: 'The backup takes about ten minutes.' }),
    ]);
    expect(steps[0]!.commands[0]).toMatchObject({
      text: 'widget-db dump --all > /var/backups/widget.sql',
      expectedOutput: 'Dumped 12 tables',
      run: true,
    });
    expect(steps[1]!.commands[0]).toMatchObject({ language: 'yaml', run: false });
    expect(steps[1]!.kind).toBe('instruction');
  });

  it('turns tabs into labelled alternatives', () => {
    expect(steps[2]!.alternatives.map((a) => [a.label, a.commands[0]?.text])).toEqual([
      ['Debian / Ubuntu', 'apt-get install -y widget'],
      ['Rocky Linux', 'dnf install -y widget'],
    ]);
    expect(steps[2]!.kind).toBe('command');
  });

  it('keeps cd/source/export with their command, splits at sleep, flags destructive commands', () => {
    const restart = steps.find((s) => s.title === 'Restart')!;
    expect(restart.warnings[0]).toMatchObject({ kind: 'caution' });
    expect(restart.commands[0]!.text).toBe(
      'cd /opt/widget\nsource env.sh\nexport WIDGET_MODE=upgrade\nwidgetctl restart --all',
    );
    const wait = steps[steps.indexOf(restart) + 1]!;
    expect(wait).toMatchObject({ kind: 'wait', wait: { seconds: 30 } });
    expect(steps[steps.indexOf(restart) + 2]!.commands[0]!.text).toBe('widgetctl status');
    expect(steps.find((s) => s.title === 'Clean up')?.destructive).toBe(true);
    expect(steps.find((s) => s.title === 'Back up the database')?.destructive).toBe(false);
  });

  it('lists every item with its source line for the review', () => {
    const step = review.items.find(
      (i) => i.kind === 'step' && i.label.startsWith('Install the new packages'),
    );
    expect(step?.line).toBe(35);
    expect(review.items.find((i) => i.kind === 'command')?.line).toBe(21);
    expect(review.items.find((i) => i.kind === 'warning')?.line).toBe(15);
  });
});

describe('reStructuredText guides', () => {
  const review = importGuide(fixture('sphinx-guide.rst'), 'sphinx-guide.rst');
  const steps = review.runbook.phases.flatMap((p) => p.steps);
  const commands = steps.flatMap((s) => s.commands);

  it('takes section levels from the order adornments appear, over- and underlined', () => {
    expect(review.runbook.title).toBe('Widget upgrade');
    expect(review.runbook.phases.map((p) => p.title)).toEqual(['Preparing', 'Upgrading']);
    expect(steps.map((s) => s.title).slice(0, 2)).toEqual(['Back up', 'Configure']);
  });

  it('turns substitutions into variables, roles into text, links into Markdown links', () => {
    expect(review.runbook.variables.map((v) => v.name).sort()).toEqual(['new', 'old']);
    expect(review.runbook.description).toContain(
      'See the overview and the\n[release notes](https://example.org/notes)',
    );
    expect(commands.find((c) => c.language === 'yaml')?.text).toBe('version: {{new}}');
    // Without :substitutions: the text stays as written.
    expect(commands.find((c) => c.language === 'ini')).toMatchObject({
      run: false,
      file: 'widget.ini',
      text: '[main]\nrelease = |new|',
    });
  });

  it('strips console prompts and keeps output, flags restores and reboots as destructive', () => {
    const backup = steps.find((s) => s.title === 'Back up')!;
    expect(backup.warnings[0]).toMatchObject({
      kind: 'warning',
      text: 'Take the backup before anything else.',
    });
    expect(backup.commands[0]).toMatchObject({
      text: 'widget-db restore --dry-run\nwidget-db dump > backup.sql',
      expectedOutput: 'nothing to do',
    });
    expect(backup.destructive).toBe(true);
    const literal = commands.find((c) => c.text === 'widget upgrade --to 2.0');
    expect(literal).toMatchObject({ language: 'console', run: true });
    const reboot = steps.find((s) => s.commands.some((c) => c.text.includes('sudo reboot')));
    expect(reboot?.destructive).toBe(true);
    expect(reboot?.commands.map((c) => c.text)).toEqual([
      'widget upgrade --to 2.0',
      'widget switch {{new}}\nsudo reboot',
    ]);
  });

  it('reports what it dropped: todo, unsupported directives', () => {
    const messages = review.warnings.map((w) => `${w.line}: ${w.message}`);
    expect(messages).toContain('42: todo dropped: write more here');
    expect(messages).toContain("60: directive 'image' is not supported; dropped");
  });

  it('round-trips through the runbook format', () => {
    const again = parseRunbook(serializeRunbook(review.runbook), 'x.md');
    expect(again.phases.map((p) => p.steps.map((s) => s.id))).toEqual(
      review.runbook.phases.map((p) => p.steps.map((s) => s.id)),
    );
  });
});
