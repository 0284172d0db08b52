import type { RunFault, TerminalRecording } from '../../../shared/contract/index';
import type { LiveRun } from './run-context';
import { draft, hostActor, type EventDraft } from './run-event-types';

/**
 * What a recording fault of a run's terminal means for the run (issue 18): the `runs.fault` every
 * client is told, and, once the fault ended with output not kept, a `transcript.gap` event for
 * each lost range, laid at the step that printed it.
 */
export function recordingFaultOf(
  live: LiveRun,
  report: TerminalRecording,
): { fault: RunFault; drafts: EventDraft[] } {
  const lostBytes = report.lost.reduce((sum, range) => sum + range.bytes, 0);
  const fault: RunFault = {
    runId: live.id,
    kind: 'transcript',
    state: report.state,
    stepKey: live.sending?.stepKey ?? live.outputMarks.at(-1)?.stepKey ?? null,
    message: recordingMessage(report, lostBytes),
    heldBytes: report.heldBytes,
    lostBytes,
  };
  const drafts =
    report.state === 'failing'
      ? []
      : report.lost.map((range) =>
          draft('transcript.gap', hostActor, stepAt(live, range.fromByte), {
            terminalId: report.id,
            fromByte: range.fromByte,
            bytes: range.bytes,
            reason: report.message,
          }),
        );
  return { fault, drafts };
}

/** The step whose command was printing at `fromByte` of the run's terminal stream. */
function stepAt(live: LiveRun, fromByte: number): string | null {
  const mark = live.outputMarks.findLast((candidate) => candidate.fromByte <= fromByte);
  return mark?.stepKey ?? null;
}

function recordingMessage(report: TerminalRecording, lostBytes: number): string {
  const lost = lostBytes === 0 ? '' : ` ${lostBytes} bytes of output were not kept and are listed as a gap.`;
  if (report.state === 'failing')
    return `The terminal's output is not being recorded: ${report.message}. ${report.heldBytes} bytes are held in memory and written again every few seconds; free space where the data folder is.${lost}`;
  if (report.state === 'recovered') return `The terminal's output is recorded again.${lost}`;
  return `The terminal closed before its output could be recorded: ${report.message}.${lost}`;
}
