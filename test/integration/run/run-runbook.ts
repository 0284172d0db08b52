import { runbook, type Runbook } from '../../../shared/runbook/index';
import { parseRunbook, serializeRunbook } from '../../../electron/host/runbook/index';
import { canonicalJson } from '../../../electron/host/run/canonical-json';

/**
 * A runbook with one step of every kind the engine handles, written through the real serializer
 * (and checked to read back the same), so the engine tests do not depend on the file syntax.
 */
export function engineRunbook(): Runbook {
  return runbook.parse({
    title: 'Engine exercise',
    variables: [
      { name: 'release', default: '2024.1' },
      { name: 'work_dir', description: 'a scratch folder on the control host' },
      { name: 'db_password', secret: true },
    ],
    phases: [
      {
        title: 'Preparation',
        window: 'before',
        steps: [
          { id: 'read-notes', title: 'Read the release notes', kind: 'instruction' },
          {
            id: 'check-release',
            title: 'Check the release',
            kind: 'check',
            commands: [
              {
                text: 'echo "release {{release}} ready"',
                expect: { outputMatches: ['^release 2024.1 ready$'] },
              },
            ],
          },
          {
            id: 'look-at-dashboards',
            title: 'Look at the dashboards',
            kind: 'check',
            manualCheck: { evidenceRequired: true },
          },
          {
            id: 'list-dir',
            title: 'List the work folder',
            kind: 'command',
            commands: [{ text: 'ls {{work_dir}}/missing' }],
          },
          {
            id: 'use-secret',
            title: 'Log in to the database',
            kind: 'command',
            commands: [{ text: 'echo "login with {{db_password}} as {{.Names}}"' }],
          },
          {
            id: 'backup-db',
            title: 'Back up the database',
            kind: 'backup',
            commands: [
              {
                text: 'printf backup > {{work_dir}}/db.tar && cd {{work_dir}} && sha256sum db.tar && stat -c "%s %n" ./db.tar && cd - >/dev/null',
              },
            ],
          },
          {
            id: 'backup-config',
            title: 'Back up the configuration',
            kind: 'backup',
            commands: [{ text: 'true' }],
          },
          { id: 'settle', title: 'Let it settle', kind: 'wait', wait: { seconds: 1 } },
          {
            id: 'wait-ready',
            title: 'Wait for the ready marker',
            kind: 'wait',
            wait: { intervalSeconds: 1, timeoutSeconds: 60 },
            commands: [{ text: 'test -f {{work_dir}}/ready', poll: true }],
          },
          { id: 'go-no-go', title: 'Go / no-go', kind: 'gate' },
        ],
      },
      {
        title: 'Upgrade',
        window: 'inside',
        steps: [
          {
            id: 'upgrade',
            title: 'Upgrade the control plane',
            kind: 'command',
            destructive: true,
            estimatedDurationSeconds: 900,
            commands: [{ text: 'echo upgraded to {{release}}' }],
          },
          {
            id: 'reboot-hosts',
            title: 'Reboot the hosts',
            kind: 'rolling',
            rolling: {
              group: 'compute',
              steps: [{ id: 'reboot', title: 'Reboot', kind: 'command', commands: [{ text: 'reboot' }] }],
            },
          },
          { id: 'optional-tidy', title: 'Tidy up', kind: 'instruction', optional: true },
        ],
      },
    ],
  });
}

export function engineRunbookSource(): string {
  const source = serializeRunbook(engineRunbook());
  const reread = parseRunbook(source, 'engine.md');
  if (canonicalJson(stripSources(reread)) !== canonicalJson(stripSources(engineRunbook())))
    throw new Error('the engine runbook does not read back as written');
  return source;
}

function stripSources(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSources);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, item]) => [key, stripSources(item)]),
  );
}
