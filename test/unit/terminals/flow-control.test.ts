import { afterEach, expect, test, vi } from 'vitest';
import { FlowController, flowControl } from '../../../electron/host/terminal/flow-control';

afterEach(() => {
  vi.useRealTimers();
});

function controller() {
  const log: string[] = [];
  const sent: string[] = [];
  const flow = new FlowController({
    send: (text) => sent.push(text),
    pause: () => log.push('pause'),
    resume: () => log.push('resume'),
  });
  return { flow, log, sent };
}

test('output after a quiet moment is sent at once; output that keeps coming is batched for a frame', () => {
  vi.useFakeTimers();
  const { flow, sent } = controller();
  flow.write('echo');
  expect(sent).toEqual(['echo']);
  flow.write('a');
  flow.write('b');
  expect(sent).toEqual(['echo']);
  vi.advanceTimersByTime(flowControl.batchMs - 1);
  flow.write('c');
  expect(sent).toEqual(['echo']);
  vi.advanceTimersByTime(1);
  expect(sent).toEqual(['echo', 'abc']);
  // Quiet again: the next keystroke's echo goes at once.
  vi.advanceTimersByTime(flowControl.idleMs);
  flow.write('k');
  expect(sent).toEqual(['echo', 'abc', 'k']);
});

test('pauses above the high watermark and resumes only below the low one', () => {
  const { flow, log } = controller();
  flow.write('x'.repeat(flowControl.highWatermarkChars + 1));
  flow.flush();
  expect(log).toEqual(['pause']);
  flow.ack(flowControl.highWatermarkChars - flowControl.lowWatermarkChars); // still lowWatermark + 1 in flight
  expect(log).toEqual(['pause']);
  flow.ack(2);
  expect(log).toEqual(['pause', 'resume']);
});

test('a detached view releases a paused program', () => {
  const { flow, log } = controller();
  flow.write('x'.repeat(flowControl.highWatermarkChars * 2));
  flow.flush();
  flow.reset();
  expect(log).toEqual(['pause', 'resume']);
});
