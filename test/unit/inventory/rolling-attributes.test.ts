import { describe, expect, it } from 'vitest';
import {
  lintRunbook,
  parseRunbook,
  RunbookInputError,
  serializeRunbook,
} from '../../../electron/host/runbook/index';

function runbookWith(attributes: string): string {
  return [
    '---',
    'title: Rolling',
    '---',
    '',
    '## Hosts {window=inside}',
    '',
    `### Update controllers {#roll kind=rolling ${attributes}}`,
    '',
    '#### Update packages {#update kind=command}',
    '',
    '```bash run',
    'kayobe overcloud host package update --packages "*" --limit {{host}}',
    '```',
    '',
  ].join('\n');
}

describe('rolling attributes in the runbook format', () => {
  it('reads vip-var, last and canary, and writes them back unchanged', () => {
    const text = runbookWith(
      'group="controllers:!ctl-03" order=canary-first batch=2 drain-cap=2 vip-last vip-var=keepalived_master last=ctl-09 canary=ctl-01',
    );
    const runbook = parseRunbook(text, 'r.md');
    const rolling = runbook.phases[0]!.steps[0]!.rolling!;
    expect(rolling).toMatchObject({
      group: 'controllers:!ctl-03',
      order: 'canary-first',
      batchSize: 2,
      drainCap: 2,
      vipHolderLast: true,
      vipVariable: 'keepalived_master',
      lastHost: 'ctl-09',
      canary: 'ctl-01',
    });
    const written = serializeRunbook(runbook);
    expect(written).toContain('vip-last vip-var=keepalived_master last=ctl-09 canary=ctl-01}');
    const again = parseRunbook(written, 'r.md').phases[0]!.steps[0]!.rolling!;
    expect({ ...again, steps: [] }).toEqual({ ...rolling, steps: [] });
    expect(serializeRunbook(parseRunbook(written, 'r.md'))).toBe(written);
  });

  it('leaves the new fields out when they are not given', () => {
    const rolling = parseRunbook(runbookWith('group=compute order=batches batch=3'), 'r.md').phases[0]!
      .steps[0]!.rolling!;
    expect(rolling).not.toHaveProperty('vipVariable');
    expect(rolling).not.toHaveProperty('lastHost');
    expect(rolling).not.toHaveProperty('canary');
    expect(serializeRunbook(parseRunbook(runbookWith('group=compute'), 'r.md'))).not.toMatch(
      /vip-var|last=|canary=/,
    );
  });

  it('rejects bad values and contradictions with the heading line', () => {
    const cases: [string, string][] = [
      ['group=g vip-var=1bad', "vip-var: expected a host variable name, got '1bad'"],
      ['group=g last=', 'last: expected a host name'],
      ['group=g canary=c', 'canary=c needs order=canary-first'],
      ['group=g order=canary-first canary=c last=c', 'c cannot be both the canary and the last host'],
    ];
    for (const [attributes, message] of cases) {
      let error: unknown;
      try {
        parseRunbook(runbookWith(attributes), 'r.md');
      } catch (caught) {
        error = caught;
      }
      expect(error, attributes).toBeInstanceOf(RunbookInputError);
      expect((error as RunbookInputError).message, attributes).toBe(`r.md:7:1: ${message}`);
    }
  });

  it('warns that vip-var does nothing without vip-last', () => {
    expect(lintRunbook(runbookWith('group=g vip-var=vip'), 'r.md')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 7,
        message: 'vip-var=vip has no effect without vip-last',
      }),
    ]);
  });
});
