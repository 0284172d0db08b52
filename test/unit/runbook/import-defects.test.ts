/**
 * One small guide of our own per defect class of issue 15, each the reproduction the issue
 * describes. Every test here failed on the importer before that changes.
 */
import { describe, expect, it } from 'vitest';
import type { ImportReview, Runbook, Step } from '../../../shared/runbook/index';
import {
  importGuide,
  lintRunbook,
  parseRunbook,
  serializeRunbook,
} from '../../../electron/host/runbook/index';
import { sendable } from '../../../electron/host/run/variables';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const steps = (runbook: Runbook): Step[] => runbook.phases.flatMap((p) => p.steps);
const runnable = (runbook: Runbook): string[] =>
  steps(runbook).flatMap((s) =>
    [...s.commands, ...s.alternatives.flatMap((a) => a.commands)].filter((c) => c.run).map((c) => c.text),
  );

function roundTrips(review: ImportReview): void {
  const again = parseRunbook(serializeRunbook(review.runbook), 'again.md');
  const strip = (v: unknown) =>
    JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === 'source' ? undefined : x)));
  expect(strip(again)).toEqual(strip(review.runbook));
}

describe('rST directives inside list items', () => {
  const guide = lines(
    'Backups',
    '=======',
    '',
    '#. Dump the database:',
    '',
    '   .. code-block:: console',
    '',
    '      # mysqldump --all-databases > backup.sql',
    '',
    '   .. note::',
    '',
    '      The dump takes a while on large clouds.',
    '',
    '#. Copy the dump away::',
    '',
    '      $ scp backup.sql backup-host:',
    '',
    '   * Keep two copies:',
    '',
    '     .. code-block:: bash',
    '',
    '        cp backup.sql backup.sql.1',
    '',
    '   .. warning::',
    '',
    '      Never keep the only copy on the database host.',
  );
  const review = importGuide(guide, 'backups.rst');
  const [dump, copy] = steps(review.runbook);

  it('reads the directives of an item: a command step, its note attached', () => {
    expect(dump).toMatchObject({ title: 'Dump the database', kind: 'command' });
    expect(dump!.commands.map((c) => [c.text, c.run])).toEqual([
      ['mysqldump --all-databases > backup.sql', true],
    ]);
    expect(dump!.warnings.map((w) => [w.kind, w.text])).toEqual([
      ['note', 'The dump takes a while on large clouds.'],
    ]);
    expect(dump!.text).not.toContain('..');
  });

  it('reads literal blocks, nested lists and warnings of an item into the same step', () => {
    expect(copy!.title).toBe('Copy the dump away');
    expect(copy!.commands.map((c) => c.text)).toEqual([
      'scp backup.sql backup-host:',
      'cp backup.sql backup.sql.1',
    ]);
    expect(copy!.warnings.map((w) => w.kind)).toEqual(['warning']);
    expect(copy!.text).toContain('Keep two copies');
    expect(steps(review.runbook)).toHaveLength(2);
    roundTrips(review);
  });
});

describe('one prompt rule for rST literal blocks and console blocks', () => {
  it.each([
    ['$ ', 'tool service upgrade'],
    ['# ', 'tool service upgrade'],
    ['(venv) $ ', 'tool service upgrade'],
    ['operator@deploy:~$ ', 'tool service upgrade'],
    ['[root@node-1 /]# ', 'tool service upgrade'],
  ])('a literal block with the prompt %j is run, prompt stripped', (prompt, command) => {
    const review = importGuide(
      lines('Upgrade', '=======', '', 'Upgrade the services::', '', `    ${prompt}${command}`),
      'u.rst',
    );
    const [step] = steps(review.runbook);
    expect(step!.commands[0]).toMatchObject({ text: command, run: true, language: 'console' });
  });

  it('a literal block without a prompt is shown, with a note that says so', () => {
    const review = importGuide(
      lines('Config', '======', '', 'The file reads::', '', '    key = value'),
      'c.rst',
    );
    expect(steps(review.runbook)[0]!.commands[0]).toMatchObject({ run: false });
    expect(review.ledger.find((e) => e.kind === 'literal')).toMatchObject({ outcome: 'shown' });
  });
});

describe('Sphinx substitutions in code', () => {
  const review = importGuide(
    lines(
      'Install',
      '=======',
      '',
      '.. |TOOL_VERSION| replace:: 2.1.0',
      '',
      'Install the tool:',
      '',
      '.. code-block:: console',
      '',
      '   $ pip install tool==|TOOL_VERSION|',
    ),
    'install.rst',
  );

  it('becomes a declared variable with the substitution as its default, never a pipe', () => {
    expect(runnable(review.runbook)).toEqual(['pip install tool=={{TOOL_VERSION}}']);
    expect(review.runbook.variables).toContainEqual(
      expect.objectContaining({ name: 'TOOL_VERSION', default: '2.1.0' }),
    );
    expect(
      lintRunbook(serializeRunbook(review.runbook), 'x.md').filter((d) => d.severity === 'error'),
    ).toEqual([]);
  });
});

describe('<placeholder> in a runnable command', () => {
  it('becomes a variable (the host where it names one), never an input redirection', () => {
    const review = importGuide(
      lines(
        '# Patch',
        '',
        '## Hosts',
        '',
        '```bash',
        'kayobe overcloud host package update --packages "*" --limit <host>',
        '```',
      ),
      'patch.md',
    );
    expect(runnable(review.runbook)).toEqual([
      'kayobe overcloud host package update --packages "*" --limit {{host}}',
    ]);
    expect(review.runbook.variables.map((v) => v.name)).toEqual(['host']);
    expect(review.warnings.some((w) => w.message.includes('<host>'))).toBe(true);
  });

  it('leaves here-documents, redirections and HTML alone', () => {
    const review = importGuide(
      lines(
        '# X',
        '',
        '## Y',
        '',
        '```bash',
        'cat <<EOF > out.html',
        '<b>bold</b>',
        'EOF',
        'sort < input.txt',
        '```',
      ),
      'x.md',
    );
    expect(runnable(review.runbook)).toEqual(['cat <<EOF > out.html\n<b>bold</b>\nEOF\nsort < input.txt']);
    expect(review.runbook.variables).toEqual([]);
  });
});

describe('item boundaries in numbered lists', () => {
  const markdown = lines(
    '# Upgrade',
    '',
    '## Upgrade the service',
    '',
    '1. Pull',
    '',
    '   ```bash',
    '   tool pull',
    '   ```',
    '',
    '   Pulling takes ten minutes.',
    '2. Check the free disk space.',
    '3. Upgrade',
    '',
    '   ```bash',
    '   tool upgrade',
    '   ```',
    '',
    '   :::note',
    '   The upgrade restarts the service.',
    '   :::',
  );

  it('each item is one step with all its blocks and prose, an item without code a step of its own', () => {
    const review = importGuide(markdown, 'upgrade.md');
    const all = steps(review.runbook);
    expect(all.map((s) => s.title)).toEqual(['Pull', 'Check the free disk space', 'Upgrade']);
    expect(all[0]!.text).toContain('Pulling takes ten minutes.');
    expect(all[0]!.commands.map((c) => c.text)).toEqual(['tool pull']);
    expect(all[1]!.kind).toBe('instruction');
    expect(all[2]!.commands.map((c) => c.text)).toEqual(['tool upgrade']);
    expect(all[2]!.warnings.map((w) => w.text)).toEqual(['The upgrade restarts the service.']);
    roundTrips(review);
  });

  it('a note right after a block belongs to that block’s step (rST and Markdown)', () => {
    const rst = importGuide(
      lines(
        'Upgrade',
        '=======',
        '',
        'Stop it:',
        '',
        '.. code-block:: bash',
        '',
        '   tool stop',
        '',
        '.. note::',
        '',
        '   Stopping drains the queue.',
        '',
        'Start it again:',
        '',
        '.. code-block:: bash',
        '',
        '   tool start',
      ),
      'u.rst',
    );
    const [stop, start] = steps(rst.runbook);
    expect(stop!.warnings.map((w) => w.text)).toEqual(['Stopping drains the queue.']);
    expect(start!.warnings).toEqual([]);
    const md = importGuide(
      lines(
        '# U',
        '',
        '## Upgrade',
        '',
        'Stop it:',
        '',
        '```bash',
        'tool stop',
        '```',
        '',
        '> [!NOTE]',
        '> Stopping drains the queue.',
        '',
        'Start it again:',
        '',
        '```bash',
        'tool start',
        '```',
      ),
      'u.md',
    );
    expect(steps(md.runbook)[0]!.warnings.map((w) => w.text)).toEqual(['Stopping drains the queue.']);
    expect(steps(md.runbook)[1]!.warnings).toEqual([]);
  });
});

describe('step titles', () => {
  const review = importGuide(
    lines(
      '# Tune',
      '',
      '## Tuning the web tier',
      '',
      'Raise `web_worker_count` to the number of cores. Then reload.',
      '',
      '```bash',
      'tool set web_worker_count 8',
      '```',
      '',
      'Wait for `HEALTH_OK` from the cluster',
      'before you go on, it can take a while.',
      '',
      '```bash',
      'ceph health',
      '```',
      '',
      'Check the value of `a_setting_with_a_long_name_that_goes_on_and_on_and_on_and_on_past_the_limit` now.',
      '',
      '```bash',
      'tool get a_setting',
      '```',
    ),
    'tune.md',
  );
  const titles = steps(review.runbook).map((s) => s.title);

  it('the first step does not take the section title; a title is the first sentence of its prose', () => {
    expect(titles[0]).toBe('Raise `web_worker_count` to the number of cores');
    expect(titles[1]).toBe('Wait for `HEALTH_OK` from the cluster before you go on, it can take a while');
  });

  it('a cut never leaves a backtick open', () => {
    expect(titles[2]!.length).toBeLessThanOrEqual(130);
    expect((titles[2]!.match(/`/g) ?? []).length % 2).toBe(0);
  });

  it('a section that is one step is named after the section', () => {
    const one = importGuide(
      lines('# A', '', '## Restart the API', '', 'Run this:', '', '```bash', 'tool restart', '```'),
      'a.md',
    );
    expect(steps(one.runbook).map((s) => s.title)).toEqual(['Restart the API']);
  });
});

describe('Docusaurus', () => {
  const mdx = lines(
    '# Deploy',
    '',
    '## Deploy the service',
    '',
    ':::info Where this runs',
    'Run everything on the manager node.',
    ':::',
    '',
    '1. Install the package',
    '',
    '   <Tabs>',
    '   <TabItem value="deb" label="Debian">',
    '',
    '   ```bash',
    '   apt-get install -y tool',
    '   ```',
    '',
    '   </TabItem>',
    '   <TabItem value="rpm" label="Rocky">',
    '',
    '   ```bash',
    '   dnf install -y tool',
    '   ```',
    '',
    '   </TabItem>',
    '   </Tabs>',
    '',
    '2. Configure it',
    '',
    '   ```yaml title="etc/app.yml"',
    '   workers: 4',
    '   ```',
  );
  const review = importGuide(mdx, 'deploy.mdx');
  const [install, configure] = steps(review.runbook);

  it('`:::info Title` is a titled note', () => {
    expect(install!.warnings[0]).toMatchObject({ kind: 'note' });
    expect(install!.warnings[0]!.text).toBe('**Where this runs**\n\nRun everything on the manager node.');
  });

  it('tabs in a list item are alternatives of one step, never raw tags or two runnable steps', () => {
    expect(install!.title).toBe('Install the package');
    expect(install!.commands).toEqual([]);
    expect(install!.alternatives.map((a) => [a.label, a.commands.map((c) => c.text)])).toEqual([
      ['Debian', ['apt-get install -y tool']],
      ['Rocky', ['dnf install -y tool']],
    ]);
    expect(JSON.stringify(review.runbook)).not.toMatch(/<\/?Tab/);
    expect(steps(review.runbook)).toHaveLength(2);
  });

  it('a fence with title="…" is a shown file', () => {
    expect(configure!.commands[0]).toMatchObject({ run: false, file: 'etc/app.yml', text: 'workers: 4' });
    roundTrips(review);
  });
});

describe('phases', () => {
  it('commands before the first H2 of a single-H1 guide do not demote the H2 sections to steps', () => {
    const review = importGuide(
      lines(
        '# Upgrade the cluster',
        '',
        'Check the version first:',
        '',
        '```bash',
        'tool version',
        '```',
        '',
        '## Upgrade',
        '',
        '```bash',
        'tool upgrade',
        '```',
        '',
        '## Verify',
        '',
        '```bash',
        'tool check',
        '```',
      ),
      'cluster.md',
    );
    expect(review.runbook.phases.map((p) => [p.title, p.window])).toEqual([
      ['Upgrade the cluster', 'inside'],
      ['Upgrade', 'inside'],
      ['Verify', 'inside'],
    ]);
    expect(runnable(review.runbook)).toEqual(['tool version', 'tool upgrade', 'tool check']);
  });
});

describe('console continuation', () => {
  const transcript = (...body: string[]) =>
    importGuide(lines('# C', '', '## C', '', '```console', ...body, '```'), 'c.md').runbook;

  it.each([
    ['a trailing backslash', ['$ tool run \\', '    --all', 'ok'], 'tool run \\\n    --all'],
    ['a trailing pipe', ['$ tool list |', '    grep up', 'up'], 'tool list |\n    grep up'],
    ['&&', ['$ tool stop &&', '    tool start', 'started'], 'tool stop &&\n    tool start'],
    ['an open quote', ['$ echo "one', 'two"', 'one'], 'echo "one\ntwo"'],
    [
      'for … do … done',
      ['$ for h in a b; do', '>   ssh $h uptime', '> done', ' 10:00 up'],
      'for h in a b; do\n>   ssh $h uptime\n> done',
    ],
    ['if … then … fi', ['$ if tool ok; then', '  tool go', 'fi', 'went'], 'if tool ok; then\n  tool go\nfi'],
  ])('a command continues after %s until it is complete; then output starts', (_, body, command) => {
    const [step] = steps(transcript(...body));
    expect(step!.commands[0]!.text).toBe(command);
    expect(step!.commands[0]!.expectedOutput).toBe(body.at(-1));
  });
});

describe('unlabelled fences', () => {
  it('every line a plausible command: offered in the review ("run this?"), not silently shown', () => {
    const review = importGuide(lines('# U', '', '## U', '', '```', 'tool stop', 'tool start', '```'), 'u.md');
    expect(review.warnings.find((w) => w.line === 5)).toMatchObject({ severity: 'warning' });
    expect(review.warnings.find((w) => w.line === 5)!.message).toMatch(/^run this\?/);
    expect(review.ledger.find((e) => e.line === 5)).toMatchObject({ outcome: 'warning' });
  });

  it('YAML or INI content is shown without the offer', () => {
    const review = importGuide(lines('# U', '', '## U', '', '```', 'workers: 4', 'name: web', '```'), 'u.md');
    expect(review.warnings.find((w) => w.line === 5)).toMatchObject({ severity: 'info' });
  });
});

describe('serialisation', () => {
  it('step prose with lines starting `# ` or indented four spaces round-trips', () => {
    const review = importGuide(
      lines(
        'Notes',
        '=====',
        '',
        'Read this first',
        '# not a heading in rST',
        '',
        '#. Item one',
        '',
        '   Second paragraph',
        '',
        '       indented deeper',
      ),
      'n.rst',
    );
    roundTrips(review);
    expect(review.warnings.filter((w) => w.message.includes('would not survive'))).toEqual([]);
  });

  it('a runbook whose text would not survive being written and read back is flagged', () => {
    const review = importGuide(lines('# A', '', '## B', '', 'text', '', '```bash', 'tool', '```'), 'a.md');
    const model = structuredClone(review.runbook);
    model.phases[0]!.steps[0]!.text = 'fine\n\n# a heading typed into the editor';
    const findings = lintRunbook(serializeRunbook(model), 'a.md');
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('a second # heading'),
      }),
    );
  });
});

describe('literal braces', () => {
  const review = importGuide(
    lines(
      '# Facts',
      '',
      '## Facts',
      '',
      '```bash',
      'ansible all -m debug -a "msg={{ inventory_hostname }}"',
      '```',
    ),
    'facts.md',
  );

  it('Jinja braces are escaped in the runbook: they import, lint clean and round-trip', () => {
    expect(runnable(review.runbook)).toEqual(['ansible all -m debug -a "msg=\\{{ inventory_hostname }}"']);
    expect(review.runbook.variables).toEqual([]);
    const file = serializeRunbook(review.runbook);
    expect(lintRunbook(file, 'facts.md')).toEqual([]);
    roundTrips(review);
  });

  it('the terminal gets the braces as written', () => {
    expect(sendable(runnable(review.runbook)[0]!, { inventory_hostname: 'must-not-appear' })).toBe(
      'ansible all -m debug -a "msg={{ inventory_hostname }}"',
    );
  });
});

describe('intent', () => {
  const review = importGuide(
    lines(
      '# Upgrade',
      '',
      '## Upgrade',
      '',
      'There are two ways to restart the service:',
      '',
      '- With the tool',
      '',
      '  ```bash',
      '  tool restart',
      '  ```',
      '',
      '- With systemd',
      '',
      '  ```bash',
      '  systemctl restart tool',
      '  ```',
      '',
      'Clearing the cache is only necessary if the upgrade changed the schema.',
      '',
      '```bash',
      'tool cache clear',
      '```',
      '',
      '## Rolling back a failed upgrade',
      '',
      '```bash',
      'tool downgrade',
      '```',
    ),
    'intent.md',
  );
  const [restart, cache] = review.runbook.phases[0]!.steps;

  it('"There are two ways…" followed by a list: one step with the ways as alternatives', () => {
    expect(review.runbook.phases[0]!.steps).toHaveLength(2);
    expect(restart!.alternatives.map((a) => [a.label, a.commands[0]?.text])).toEqual([
      ['With the tool', 'tool restart'],
      ['With systemd', 'systemctl restart tool'],
    ]);
    expect(restart!.kind).toBe('command');
  });

  it('"only necessary if…" makes a step optional', () => {
    expect(cache).toMatchObject({ optional: true });
    expect(restart!.optional).toBe(false);
  });

  it('a rollback section is put after the window with every step optional, so a good run skips it', () => {
    const rollback = review.runbook.phases[1]!;
    expect(rollback).toMatchObject({ title: 'Rolling back a failed upgrade', window: 'after' });
    expect(rollback.steps.every((s) => s.optional)).toBe(true);
    roundTrips(review);
  });
});
