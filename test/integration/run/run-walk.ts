import { methods, type MethodName } from '../../../shared/contract/index';
import type { Fill } from '../../support/contract-walk';
import { environmentInput, waitFor, type RunHostFixture } from './host-fixture';
import { openRunTerminal, secretValue, type EngineRun } from './run-fixture';

/**
 * What the contract walks (secret-walk.test.ts, cancel-walk.test.ts) need to know of the engine
 * runbook (run-runbook.ts) to send each request about a run where it is allowed: the step it
 * names, ids of things that exist, what must have happened first.
 */

/** The step each run action is sent to, so that most of them are allowed and store something. */
export const stepFor: Partial<Record<MethodName, string>> = {
  'runs.runStep': 'check-release',
  'runs.retry': 'check-release',
  'runs.cancelCommand': 'check-release',
  'runs.editCommand': 'list-dir',
  'runs.addEvidence': 'look-at-dashboards',
  'runs.recordBackup': 'backup-config',
  'runs.startWait': 'settle',
  'runs.cutWait': 'wait-ready',
  'runs.skipHost': 'reboot-hosts',
  'runs.abortRolling': 'reboot-hosts',
  'reports.sign': 'go-no-go',
  'reviews.addComment': 'read-notes',
};

/** What a request needs to have happened first to store its text rather than be refused. */
export const prepare: Partial<
  Record<MethodName, (fixture: RunHostFixture, run: EngineRun) => Promise<unknown>>
> = {
  'runs.cutWait': (fixture, run) =>
    fixture.client.call('runs.startWait', { id: run.runId, stepKey: 'wait-ready' }),
  // A backup whose output names no artefact waits for one to be recorded by hand.
  'runs.recordBackup': async (fixture, run) => {
    await openRunTerminal(fixture, run.runId);
    await fixture.client.call('runs.runStep', {
      id: run.runId,
      stepKey: 'backup-config',
      outOfOrderReason: 'the walk goes to it first',
    });
    await untilCommandEnded(fixture, run.runId, 'backup-config');
  },
};

async function untilCommandEnded(fixture: RunHostFixture, runId: string, stepKey: string): Promise<void> {
  await waitFor(async () => {
    const { step } = await fixture.client.call('runs.step', { id: runId, stepKey });
    return step.attempts.at(-1)?.commands.at(-1)?.outcome === 'finished';
  }, `the command of ${stepKey} to end`);
}

export function aboutARun(name: MethodName): boolean {
  const shape = (methods[name].params as unknown as { _zod: { def: { shape?: Record<string, unknown> } } })
    ._zod.def.shape;
  const fields = Object.keys(shape ?? {});
  return (
    name === 'runs.start' || fields.includes('runId') || (name.startsWith('runs.') && fields.includes('id'))
  );
}

export function fillFor(name: MethodName, run: EngineRun): Fill {
  return (path) => {
    const key = path.join('.');
    switch (key) {
      case 'id':
        if (name.startsWith('runbooks.')) return run.runbookId;
        if (name.startsWith('environments.')) return run.environmentId;
        return run.runId;
      case 'runId':
      case 'referenceRunId':
        return run.runId;
      case 'stepKey':
        return stepFor[name] ?? 'read-notes';
      case 'runbookId':
        return run.runbookId;
      case 'environmentId':
        return run.environmentId;
      case 'revision':
        return 1;
      case 'name':
        return name === 'runs.setVariable' ? 'release' : undefined;
      case 'environment':
        return environmentInput({ name: `Env ${Math.random().toString(36).slice(2, 8)}` });
      case 'variables':
        return { work_dir: run.workDir };
      case 'variables.*':
        return 'release';
      case 'secrets.*':
        return 'db_password';
      case 'commandIndex':
        return 0;
      case 'secrets':
        return { db_password: secretValue };
      case 'operator':
      case 'author':
        return 'Ada';
      default:
        return undefined;
    }
  };
}
