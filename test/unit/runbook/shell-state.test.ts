import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintRunbook, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { repoRoot } from './seeds';

const kayobe = readFileSync(join(repoRoot, 'resources/runbooks/kayobe-upgrade.md'), 'utf8');
const isolated = (text: string) => text.replace(/^---\ntitle:/, '---\nshell: isolated\ntitle:');

/** A runbook of one phase whose steps are the given bash blocks, in order. */
function steps(shell: string, ...blocks: string[]): string {
  return [
    '---',
    'title: "State"',
    ...(shell === '' ? [] : [`shell: ${shell}`]),
    '---',
    '',
    '## Work {window=inside}',
    '',
    ...blocks.flatMap((block, index) => [
      `### Step ${index + 1} {#s${index + 1} kind=command estimate=1m}`,
      '',
      '```bash run',
      block,
      '```',
      '',
    ]),
  ].join('\n');
}

const warnings = (text: string) =>
  lintRunbook(text, 'state.md')
    .filter((diagnostic) => diagnostic.severity === 'warning')
    .map((diagnostic) => `${diagnostic.line}: ${diagnostic.message.split(';')[0]}`);

describe('state one step leaves for the next', () => {
  it('is fine in a continuous shell (the default): the Kayobe template lints clean', () => {
    expect(lintRunbook(kayobe, 'kayobe-upgrade.md')).toEqual([]);
    expect(parseRunbook(kayobe, 'kayobe-upgrade.md').shell).toBe('continuous');
  });

  it('is flagged in the Kayobe template once it says shell: isolated, where a step relies on it', () => {
    const found = lintRunbook(isolated(kayobe), 'kayobe-upgrade.md').map((d) => d.message.split(';')[0]);
    // Read off the template by hand: "Merge" runs git where "Create the configuration branch"
    // cd'd to; every later step using $KAYOBE_CONFIG_PATH gets it from the environment that
    // "Refresh the local Kayobe environment" sources (it sets no variable of that name itself).
    const sourced = (title: string) =>
      `step '${title}' uses $KAYOBE_CONFIG_PATH, which may come from what 'Refresh the local Kayobe environment' sources: source it in this step too`;
    expect(found).toEqual([
      "step 'Merge the upstream configuration' uses `git remote` in the directory 'Create the configuration branch for the new release' changed to: cd there in this step first",
      sourced('Sync Release Train packages and images'),
      sourced('Promote the packages to production'),
      sourced('Migrate the queues'),
      sourced('Reboot the seed hypervisor'),
      sourced('Reboot the seed'),
      sourced('Upgrade the Wazuh manager and agents'),
      sourced('Reboot'),
      sourced('Disable and drain'),
      sourced('Reboot'),
      sourced('Enable the compute service'),
    ]);
  });

  it('names a variable an earlier step exported or assigned, unless this step sets it', () => {
    expect(warnings(steps('isolated', 'export REGION=north', 'echo "$REGION"'))).toEqual([
      "17: step 'Step 2' uses $REGION, which 'Step 1' sets: set it in this step, or declare it as a runbook variable",
    ]);
    expect(warnings(steps('isolated', 'tag=v2', 'echo ${tag}'))).toHaveLength(1);
    expect(warnings(steps('isolated', 'export REGION=north', 'export REGION=south\necho $REGION'))).toEqual(
      [],
    );
    // A prefix assignment sets the variable for that one command only: nothing carries over.
    expect(warnings(steps('isolated', 'LANG=C sort x', 'echo $LANG'))).toEqual([]);
    // Single quotes keep $ literal; the shell's own variables are no one's state.
    expect(warnings(steps('isolated', 'export A=1', "echo '$A' $HOME"))).toEqual([]);
  });

  it('names a relative path or a git command after an earlier cd, unless this step cds first', () => {
    expect(warnings(steps('isolated', 'cd /srv/app', './deploy.sh --fast'))).toEqual([
      "17: step 'Step 2' uses `./deploy.sh` in the directory 'Step 1' changed to: cd there in this step first",
    ]);
    expect(warnings(steps('isolated', 'cd /srv/app', 'pip install -r requirements.txt'))).toHaveLength(1);
    expect(warnings(steps('isolated', 'cd /srv/app', 'git status'))).toHaveLength(1);
    expect(warnings(steps('isolated', 'cd /srv/app', 'source kayobe-env'))).toHaveLength(1);
    expect(warnings(steps('isolated', 'cd /srv/app', 'cd /srv/app && ./deploy.sh'))).toEqual([]);
    expect(warnings(steps('isolated', 'cd /srv/app', 'git -C /srv/app status; cat /etc/hosts'))).toEqual([]);
    // Versions, refs and absolute or home paths are no working-directory state.
    expect(warnings(steps('isolated', 'cd /srv', 'upgrade 3.12 --to 2024.1 ~/notes.txt /tmp/a.yml'))).toEqual(
      [],
    );
    // Nothing changed the directory before: nothing to rely on.
    expect(warnings(steps('isolated', 'echo start', './deploy.sh'))).toEqual([]);
  });

  it('says nothing of any of it when the runbook does not opt in', () => {
    expect(warnings(steps('', 'export REGION=north\ncd /srv', 'echo $REGION; ./deploy.sh'))).toEqual([]);
    expect(
      warnings(steps('continuous', 'export REGION=north\ncd /srv', 'echo $REGION; ./deploy.sh')),
    ).toEqual([]);
  });

  it('reads shell: from the front matter, refuses other values by line, and writes isolated back', () => {
    const bad = lintRunbook(steps('separate', 'true'), 'state.md');
    expect(bad).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 3,
        message: "front matter: shell must be continuous or isolated, not 'separate'",
      }),
    ]);
    const runbook = parseRunbook(isolated(kayobe), 'kayobe-upgrade.md');
    expect(runbook.shell).toBe('isolated');
    const written = serializeRunbook(runbook);
    expect(written).toMatch(/^---\ntitle: ".*"\nshell: "isolated"\n/);
    expect(parseRunbook(written, 'again.md').shell).toBe('isolated');
    // The default is left out, so a continuous runbook is written as before.
    expect(serializeRunbook(parseRunbook(kayobe, 'kayobe-upgrade.md'))).not.toContain('shell:');
  });
});
