import { runbook, type Runbook } from '../../../shared/runbook/index';
import { serializeRunbook } from '../../../electron/host/runbook/index';

/** A small runbook written through the real serializer, so tests do not depend on its syntax. */
export function sampleRunbook(title = 'Restart the API'): Runbook {
  return runbook.parse({
    title,
    description: 'Restarts the API containers one host at a time.',
    phases: [
      {
        title: 'Preparation',
        window: 'before',
        steps: [
          {
            id: 'check-health',
            title: 'Check the API answers',
            kind: 'check',
            text: 'The endpoint must answer before anything changes.',
            commands: [{ text: 'openstack endpoint list', expect: { exitCode: 0 } }],
          },
        ],
      },
      {
        title: 'Restart',
        steps: [
          {
            id: 'restart-api',
            title: 'Restart the containers',
            kind: 'command',
            commands: [{ text: 'kolla-ansible -i inventory restart --tags nova' }],
          },
        ],
      },
    ],
  });
}

export function sampleSource(title?: string): string {
  return serializeRunbook(sampleRunbook(title));
}
