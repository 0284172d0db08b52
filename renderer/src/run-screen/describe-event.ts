import type { RunEvent } from '../../../shared/contract/index';

type Payload = Record<string, unknown>;

function field(payload: Payload, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = payload[name];
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

function quoted(text: string | undefined, max = 160): string {
  if (text === undefined) return '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `“${line.slice(0, max - 1)}…”` : `“${line}”`;
}

/**
 * One line for the timeline, in words: what was done, to which step, and the detail that matters
 * (reason, exit code, who signed). Unknown event types still show their type.
 */
export function describeEvent(event: RunEvent, stepTitle: (key: string) => string | undefined): string {
  const payload: Payload =
    typeof event.payload === 'object' && event.payload !== null ? (event.payload as Payload) : {};
  const step = event.stepKey === null ? '' : (stepTitle(event.stepKey) ?? event.stepKey);
  const reason = field(payload, 'reason');
  const because = reason === undefined ? '' : `: ${quoted(reason)}`;
  switch (event.type) {
    case 'run.created':
      return `Run started by ${event.actor}`;
    case 'run.paused':
      return `Paused${because}`;
    case 'run.resumed':
      return 'Resumed';
    case 'run.handover':
      return `Handed over from ${field(payload, 'from') ?? event.actor} to ${field(payload, 'to', 'operator') ?? '?'}`;
    case 'run.finished':
      return 'Run finished';
    case 'run.aborted':
      return `Run aborted${because}`;
    case 'variable.changed':
      return `Variable ${field(payload, 'name') ?? ''} changed${because}`;
    case 'secrets.supplied':
      return `Secrets supplied${Array.isArray(payload.names) ? `: ${payload.names.join(', ')}` : ''}`;
    case 'terminal.opened':
      return 'Terminal opened on the control host';
    case 'step.started':
      return `Started ${step}`;
    case 'command.sent':
      return `Sent ${quoted(field(payload, 'text', 'command'))}`;
    case 'command.finished':
      return `Command finished with exit code ${field(payload, 'exitCode') ?? '?'} (${step})`;
    case 'command.lost':
      return `Command outcome lost (${step}): verify it`;
    case 'command.cancelled':
      return `Ctrl-C sent to the command (${step})`;
    case 'command.edited':
      return `Command edited in ${step}: ${quoted(field(payload, 'newText', 'text', 'to'))}`;
    case 'step.succeeded':
      return payload.override === true ? `${step} marked done by hand` : `${step} succeeded`;
    case 'step.failed':
      return `${step} failed${because}`;
    case 'step.skipped':
      return `${step} skipped${because}`;
    case 'step.retried':
      return `${step} retried${field(payload, 'from') === 'skipped' ? ' after being skipped' : ''}${because}`;
    case 'step.unknown':
      return `${step}: outcome unknown${because}`;
    case 'note.added':
      return `Note${step === '' ? ' on the run' : ` on ${step}`} by ${event.actor}: ${quoted(field(payload, 'text'))}`;
    case 'transcript.gap':
      return `Transcript gap${step === '' ? '' : ` in ${step}`}: ${field(payload, 'bytes') ?? '?'} bytes of output not recorded`;
    case 'evidence.added':
      return `Evidence for ${step}: ${quoted(field(payload, 'text'))}`;
    case 'backup.recorded':
      return `Backup recorded for ${step}: ${field(payload, 'path') ?? ''}`;
    case 'wait.started':
      return `Wait started (${step})`;
    case 'wait.poll':
      return `Poll (${step}): exit code ${field(payload, 'exitCode') ?? '?'}`;
    case 'wait.finished':
      return `Wait over (${step})`;
    case 'wait.cut':
      return `Wait cut short (${step})${because}`;
    case 'gate.signed':
      return `${step} signed by ${field(payload, 'name') ?? event.actor}${field(payload, 'role') === undefined ? '' : ` (${field(payload, 'role')})`}`;
    case 'rolling.planned':
      return `${step} planned: ${Array.isArray(payload.hosts) ? payload.hosts.length : '?'} hosts in ${Array.isArray(payload.batches) ? payload.batches.length : '?'} batches`;
    case 'rolling.batchStarted':
      return `${step}: batch ${Number(payload.batch ?? 0) + 1} started (${Array.isArray(payload.hosts) ? payload.hosts.join(', ') : ''})`;
    case 'rolling.batchFinished':
      return `${step}: batch ${Number(payload.batch ?? 0) + 1} finished`;
    case 'rolling.hostSkipped':
      return `${step}: host ${field(payload, 'host') ?? '?'} skipped${because}`;
    case 'rolling.aborted':
      return `${step}: rolling update aborted${because}`;
    // Approval before change (docs/approval.md).
    case 'approval.required':
      return `Awaiting approval: ${field(payload, 'kind') ?? ''} runs need a second person's approval`;
    case 'approval.granted':
      return `${payload.retrospective === true ? 'Emergency start reviewed' : 'Approved'} by ${field(payload, 'name') ?? event.actor} (${field(payload, 'fingerprint') ?? 'no key'})`;
    case 'approval.withdrawn':
      return `Approval withdrawn${because}`;
    case 'approval.emergencyStarted':
      return `EMERGENCY START by ${event.actor}, without approval${because}`;
    default:
      return `${event.type}${step === '' ? '' : ` (${step})`}`;
  }
}
