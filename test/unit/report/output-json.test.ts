import { describe, expect, it } from 'vitest';
import type { Attempt, CommandRecord } from '../../../shared/contract/index';
import { canonicalJson } from '../../../shared/canonical-json';
import { outputJsonKey, outputText } from '../../../electron/host/report/output-json';
import { rendered } from '../../../electron/host/report/report-sink';
import { writeSplicedStep } from '../../../electron/host/report/spliced-step-json';

const hostile = [
  '',
  'plain',
  'quote " and \\" and \\\\"',
  'fake key ","outputTruncated":true,"x":"',
  '"output":"inner',
  'emoji 🚀 and lone \ud83d and \ude80',
  'controls \x00\x1b[31m\r\n\u2028',
];

function payload(index: number, output: string, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    canonicalJson({
      exitCode: 0,
      index,
      notRun: 0,
      outcome: 'finished',
      output,
      outputTruncated: false,
      parts: [{ text: 'x "output":"y', exitCode: 0 }],
      problems: ['a ","outputTruncated": b'],
      terminalSeq: 3,
      ...extra,
    }),
  );
}

describe('a command output cut from its stored payload', () => {
  it('is the output serialised, with its index', () => {
    hostile.forEach((output, index) => {
      const cut = outputText(payload(index, output));
      expect(cut?.index).toBe(index);
      expect(Buffer.from(cut?.text ?? []).toString('utf8')).toBe(JSON.stringify(output));
      // Read as a string (a run not open in the host), the cut is the same text.
      expect(outputText(payload(index, output).toString('utf8'))).toEqual({
        index,
        text: JSON.stringify(output),
      });
    });
  });

  it('is refused when something before it could hide where the key is', () => {
    expect(outputText(payload(1, 'x', { exitCode: [1] }))).toBeUndefined();
    expect(outputText(payload(1, 'x', { outcome: '{' }))).toBeUndefined();
    expect(outputText(Buffer.from('[]'))).toBeUndefined();
    expect(outputText(Buffer.from(canonicalJson({ index: 1, output: 'x' })))).toBeUndefined();
  });

  it('gives the bytes canonicalJson gives the step, or falls back to it', () => {
    const record = (index: number, output: string, endedAt: string | null): CommandRecord => ({
      index,
      text: 'cat x',
      startedAt: 't0',
      endedAt,
      exitCode: 0,
      outcome: 'finished',
      output,
      outputTruncated: false,
      terminalId: null,
      terminalSeq: 1,
      problems: [],
    });
    const attempt = (number: number, commands: CommandRecord[]): Attempt => ({
      number,
      startedAt: 't0',
      endedAt: null,
      operator: 'Ada',
      commands,
      outcome: 'succeeded',
    });
    const step = {
      key: 's1',
      title: 'Step',
      attempts: [
        attempt(
          1,
          hostile.map((output, index) => record(index, output, `t${index}`)),
        ),
        attempt(2, [record(0, 'running', null)]),
      ],
    };
    const texts = new Map(
      hostile.map((output, index) => [
        outputJsonKey(index, `t${index}`),
        Buffer.from(JSON.stringify(output)),
      ]),
    );
    // The state's copy may lack the outputs (a run not open in the host): the texts supply them.
    const bare = {
      ...step,
      attempts: step.attempts.map((attempt) => ({
        ...attempt,
        commands: attempt.commands.map((item) => (item.endedAt === null ? item : { ...item, output: '' })),
      })),
    };
    expect(rendered((sink) => writeSplicedStep(sink, bare, texts, () => step))).toBe(canonicalJson(step));
    texts.delete(outputJsonKey(2, 't2'));
    expect(rendered((sink) => writeSplicedStep(sink, bare, texts, () => step))).toBe(canonicalJson(step));
  });
});
