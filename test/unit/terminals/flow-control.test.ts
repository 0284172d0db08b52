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

test('batches writes into one send after a few ms', () => {
  vi.useFakeTimers();
  const { flow, sent } = controller();
  flow.write('a');
  flow.write('b');
  expect(sent).toEqual([]);
  vi.advanceTimersByTime(flowControl.batchMs);
  expect(sent).toEqual(['ab']);
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
