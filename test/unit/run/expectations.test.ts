import { expect, test } from 'vitest';
import { judge } from '../../../electron/host/run/expectations';

test('the exit code must be 0 unless the runbook expects another', () => {
  expect(judge({ exitCode: 0, output: '' }, undefined)).toEqual([]);
  expect(judge({ exitCode: 2, output: '' }, undefined)).toEqual(['exit code 2, expected 0']);
  const expectOne = { exitCode: 1, outputMatches: [], outputNotMatches: [] };
  expect(judge({ exitCode: 1, output: '' }, expectOne)).toEqual([]);
  expect(judge({ exitCode: 0, output: '' }, expectOne)).toEqual(['exit code 0, expected 1']);
  expect(judge({ exitCode: null, output: '' }, undefined)).toEqual(['the shell reported no exit code']);
});

test('the output must match every pattern and none of the forbidden ones, line by line', () => {
  const expect_ = {
    outputMatches: ['^rabbitmq .*running$', 'nodes: 3'],
    outputNotMatches: ['ERROR', '^down'],
  };
  const good = 'cluster ok\nrabbitmq node1 running\nnodes: 3\n';
  expect(judge({ exitCode: 0, output: good }, expect_)).toEqual([]);
  expect(judge({ exitCode: 0, output: 'nodes: 2\nERROR x\n' }, expect_)).toEqual([
    'the output does not match /^rabbitmq .*running$/',
    'the output does not match /nodes: 3/',
    'the output matches /ERROR/, which it must not',
  ]);
  expect(judge({ exitCode: 0, output: `${good}down node2\n` }, expect_)).toEqual([
    'the output matches /^down/, which it must not',
  ]);
});

test('an invalid pattern fails the judgement and says why, never throws', () => {
  const problems = judge(
    { exitCode: 0, output: 'x' },
    { outputMatches: ['(unclosed'], outputNotMatches: [] },
  );
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^\/\(unclosed\/ is not a valid regular expression/);
});
