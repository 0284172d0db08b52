import { describe, expect, it } from 'vitest';
import { lintRunbook, parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';

const text = [
  '---',
  'title: Rolling reboot',
  '---',
  '',
  '## Hosts {window=inside}',
  '',
  '### Reboot hypervisors {#roll kind=rolling group=compute order=batches batch=2 drain-cap=2 auto}',
  '',
  '#### Disable {#disable kind=command drains}',
  '',
  '```bash run',
  'openstack compute service set --disable {{host}} nova-compute',
  '```',
  '',
  '#### Reboot {#reboot kind=command}',
  '',
  '```bash run',
  'ssh {{host}} sudo reboot',
  '```',
  '',
  '#### Enable {#enable kind=command restores}',
  '',
  '```bash run',
  'openstack compute service set --enable {{host}} nova-compute',
  '```',
  '',
].join('\n');

describe('drains, restores and auto in the runbook format', () => {
  it('reads them on sub-steps and the rolling step, and writes them back', () => {
    const runbook = parseRunbook(text, 'r.md');
    const rolling = runbook.phases[0]!.steps[0]!.rolling!;
    expect(rolling.auto).toBe(true);
    expect(rolling.steps.map((sub) => [sub.id, sub.drains, sub.restores])).toEqual([
      ['disable', true, false],
      ['reboot', false, false],
      ['enable', false, true],
    ]);
    const written = serializeRunbook(runbook);
    expect(written).toContain('{#disable kind=command drains}');
    expect(written).toContain('{#enable kind=command restores}');
    expect(written).toMatch(/\{#roll kind=rolling [^}]* auto\}/);
    expect(serializeRunbook(parseRunbook(written, 'r.md'))).toBe(written);
  });

  it('refuses drains on a step that is not a sub-step, naming the line', () => {
    const wrong = text.replace('{#roll kind=rolling', '{#roll drains kind=rolling');
    const diagnostics = lintRunbook(wrong, 'r.md').filter((d) => d.severity === 'error');
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 7,
        message: 'drains and restores belong on a sub-step (####) of a rolling step',
      }),
    ]);
  });
});
