import { runbook, type Runbook } from '../../../shared/runbook/index';
import type { RunEvent } from '../../../shared/contract/index';
import { eventHash, genesisHash } from '../../../electron/host/run/event-log';
import type { EventPayloads, RunEventType } from '../../../electron/host/run/run-event-types';

export const runId = '00000000-0000-4000-8000-000000000001';

/** A small runbook: an instruction, a command with a variable, a wait, a gate, then a later phase. */
export function smallRunbook(): Runbook {
  return runbook.parse({
    title: 'Small',
    variables: [
      { name: 'release', default: '1' },
      { name: 'token', secret: true },
    ],
    phases: [
      {
        title: 'One',
        window: 'before',
        steps: [
          { id: 'read', title: 'Read', kind: 'instruction' },
          {
            id: 'cmd',
            title: 'Command',
            kind: 'command',
            commands: [{ text: 'echo {{release}} {{token}} {{.Names}}' }],
          },
          { id: 'pause', title: 'Pause', kind: 'wait', wait: { seconds: 5 } },
          { id: 'gate', title: 'Gate', kind: 'gate' },
        ],
      },
      {
        title: 'Two',
        steps: [
          { id: 'later', title: 'Later', kind: 'command', destructive: true, commands: [{ text: 'x' }] },
        ],
      },
    ],
  });
}

/** Builds a log with times one second apart and a real hash chain. */
export class LogBuilder {
  readonly events: RunEvent[] = [];
  private clock = Date.parse('2025-01-01T10:00:00.000Z');

  constructor() {
    this.add('run.created', null, {
      runbookId: '00000000-0000-4000-8000-0000000000aa',
      revision: 1,
      runbookTitle: 'Small',
      environment: {
        id: '00000000-0000-4000-8000-0000000000bb',
        name: 'Test',
        kind: 'test',
        colour: '#000000',
        controlHost: { kind: 'local' },
      },
      mode: 'live',
      operator: 'Ada',
      variables: { release: '1', token: '••••••' },
      secretNames: ['token'],
    });
  }

  add<T extends RunEventType>(
    type: T,
    stepKey: string | null,
    payload: EventPayloads[T],
    actor = 'Ada',
  ): this {
    const seq = this.events.length;
    const unsealed = {
      seq,
      at: new Date(this.clock + seq * 1000).toISOString(),
      type,
      actor,
      stepKey,
      payload,
      prevHash: this.events.at(-1)?.hash ?? genesisHash,
    };
    this.events.push({ ...unsealed, hash: eventHash(runId, unsealed) });
    return this;
  }
}
