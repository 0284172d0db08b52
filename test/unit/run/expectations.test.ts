import { expect, test } from 'vitest';
import { judgeBlock } from '../../../electron/host/run/expectations';

const ran = (text: string, exitCode: number | null) => ({ text, exitCode, outcome: 'finished' as const });
const none = { outputMatches: [], outputNotMatches: [] };

test('every command must exit 0, the last the exit code the runbook expects', () => {
  expect(judgeBlock([ran('true', 0)], 1, '', undefined, false)).toEqual([]);
  expect(judgeBlock([ran('false', 2)], 1, '', undefined, false)).toEqual(['`false` exited 2, expected 0']);
  const expectOne = { ...none, exitCode: 1 };
  expect(judgeBlock([ran('cd /srv', 0), ran('grep -q x f', 1)], 2, '', expectOne, false)).toEqual([]);
  expect(judgeBlock([ran('cd /srv', 1)], 2, '', expectOne, false)).toEqual([
    '`cd /srv` (command 1 of 2) exited 1, expected 0',
  ]);
  expect(judgeBlock([ran('x', null)], 1, '', undefined, false)).toEqual([
    '`x`: the shell reported no exit code',
  ]);
  expect(
    judgeBlock([{ text: 'sleep 9', exitCode: null, outcome: 'unknown' }], 1, '', undefined, true),
  ).toEqual(['`sleep 9`: its end was not seen']);
});

test('may-fail records exit codes without failing; a block cut short or never run is a problem', () => {
  expect(judgeBlock([ran('false', 1), ran('echo ok', 0)], 2, '', undefined, true)).toEqual([]);
  expect(judgeBlock([ran('echo a', 0)], 3, '', undefined, false)).toEqual([
    'the shell stopped after command 1 of 3',
  ]);
  expect(judgeBlock([], 2, '', undefined, false)).toEqual([
    "the shell ran none of its commands: is Handrail's shell integration loaded?",
  ]);
  const long = `echo ${'x'.repeat(100)}\nsecond line`;
  expect(judgeBlock([ran(long, 1)], 1, '', undefined, false)[0]).toMatch(/^`echo x{74}… …` exited 1/);
});

test('the output must match every pattern and none of the forbidden ones, line by line', () => {
  const expect_ = {
    outputMatches: ['^rabbitmq .*running$', 'nodes: 3'],
    outputNotMatches: ['ERROR', '^down'],
  };
  const good = 'cluster ok\nrabbitmq node1 running\nnodes: 3\n';
  const block = (output: string) => judgeBlock([ran('c', 0)], 1, output, expect_, false);
  expect(block(good)).toEqual([]);
  expect(block('nodes: 2\nERROR x\n')).toEqual([
    'the output does not match /^rabbitmq .*running$/',
    'the output does not match /nodes: 3/',
    'the output matches /ERROR/, which it must not',
  ]);
  expect(block(`${good}down node2\n`)).toEqual(['the output matches /^down/, which it must not']);
});

test('an invalid pattern fails the judgement and says why, never throws', () => {
  const problems = judgeBlock(
    [ran('c', 0)],
    1,
    'x',
    { outputMatches: ['(unclosed'], outputNotMatches: [] },
    false,
  );
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^\/\(unclosed\/ is not a valid regular expression/);
});
