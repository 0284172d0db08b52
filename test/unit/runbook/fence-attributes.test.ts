import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runbook, type Runbook } from '../../../shared/runbook/index';
import { formatAttribute, parseAttributes } from '../../../electron/host/runbook/format/attributes';
import { parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';

function withFence(info: string): string {
  return ['# T', '', '## P', '', '### S {#s kind=command}', '', '```' + info, 'echo hi', '```', ''].join(
    '\n',
  );
}

function expectOf(parsed: Runbook) {
  const step = parsed.phases[0]?.steps[0];
  return step !== undefined && 'commands' in step ? step.commands?.[0]?.expect : undefined;
}

function oneCommand(patterns: string[]): Runbook {
  return runbook.parse({
    title: 'T',
    phases: [
      {
        title: 'P',
        steps: [
          {
            id: 's',
            title: 'S',
            kind: 'command',
            commands: [
              {
                language: 'bash',
                text: 'echo hi',
                run: true,
                expect: { outputMatches: patterns, outputNotMatches: [] },
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('expect-output and reject-output patterns', () => {
  test('are read as written: a regex backslash is kept, \\" is a quote', () => {
    const parsed = parseRunbook(
      withFence('bash run expect-output="enabled\\s+up" reject-output="a\\"b\\\\c"'),
      'r.md',
    );
    // CommonMark would have made the meta `expect-output="enableds+up"` and `reject-output="a"b\c"`.
    expect(expectOf(parsed)).toEqual({ outputMatches: ['enabled\\s+up'], outputNotMatches: ['a"b\\c'] });
  });

  test('survive serialize → parse, backticks and tildes included', () => {
    const patterns = [
      'enabled\\s+up',
      '\\d+\\.\\d+',
      'a"b',
      'ends with \\\\',
      '\\\\server\\share',
      'run `x`',
      '~~~',
      '{x}',
    ];
    const again = parseRunbook(serializeRunbook(oneCommand(patterns)), 'r.md');
    expect(expectOf(again)?.outputMatches).toEqual(patterns);
  });

  test('any one-line value survives formatAttribute → parseAttributes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii' }).filter((value) => !/[\r\n]/.test(value)),
        (value) => {
          const parsed = parseAttributes(formatAttribute('expect-output', value));
          expect(parsed).toEqual({ ok: true, attributes: [{ key: 'expect-output', value }] });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('may-fail', () => {
  test('is read, kept through serialize → parse, and refused beside expect-exit', () => {
    const parsed = parseRunbook(withFence('bash run may-fail'), 'r.md');
    const command = parsed.phases[0]?.steps[0]?.commands[0];
    expect(command?.mayFail).toBe(true);
    const again = parseRunbook(serializeRunbook(parsed), 'again.md');
    const withoutSources = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v)));
    expect(withoutSources(again)).toEqual(withoutSources(parsed));
    expect(serializeRunbook(parsed)).toContain('```bash run may-fail');
    expect(parseRunbook(withFence('bash run'), 'r.md').phases[0]?.steps[0]?.commands[0]?.mayFail).toBe(false);
    expect(() => parseRunbook(withFence('bash run may-fail expect-exit=1'), 'r.md')).toThrow(
      /r\.md:7:1: .*may-fail and expect-exit contradict/,
    );
  });
});
