import { defaultVipVariable } from '../inventory/order';
import { isTruthy } from '../inventory/truthy';
import { hostStepKey, RpcError, type RollingHost, type StepState } from '../../../shared/contract/index';
import type { Inventory } from '../../../shared/inventory/index';
import type { Step } from '../../../shared/runbook/index';
import { HostPatternError, InventoryInputError, planRollingStep, RollingPlanError } from '../inventory/index';
import type { LiveRun } from './run-context';
import { draft, type EventDraft } from './run-event-types';

/**
 * Plans a rolling step from the environment's inventory: the hosts its pattern selects, in the
 * batches its order policy gives (electron/host/inventory). The plan becomes a `rolling.planned`
 * event, so the hosts and batches are pinned in the run's log whatever the inventory says later.
 */
export function planDraft(
  live: LiveRun,
  step: StepState,
  spec: Step,
  inventory: Inventory | undefined,
): EventDraft {
  const rolling = spec.rolling;
  if (rolling === undefined) throw new RpcError('conflict', `"${step.title}" is not a rolling step`);
  const environment = live.state.run.environment.name;
  if (inventory === undefined)
    throw new RpcError(
      'conflict',
      `"${step.title}" needs the hosts of ${environment}: import its inventory under Environments first`,
    );
  let plan: ReturnType<typeof planRollingStep>;
  try {
    plan = planRollingStep(inventory, rolling);
  } catch (error) {
    if (
      error instanceof HostPatternError ||
      error instanceof RollingPlanError ||
      error instanceof InventoryInputError
    )
      throw new RpcError(
        'conflict',
        `"${step.title}" cannot be planned from ${inventory.file}: ${error.message}`,
      );
    throw error;
  }
  const byName = new Map(inventory.hosts.map((host) => [host.name, host]));
  const vipVariable = rolling.vipVariable ?? defaultVipVariable;
  // Marked only where true, so a plan without a VIP holder is written as before.
  const hosts: RollingHost[] = plan.batches.flatMap((batch, index) =>
    batch.map((name) => {
      const host = byName.get(name);
      const vip = isTruthy(host?.effectiveVars[vipVariable]);
      return { name, groups: host?.groups ?? [], batch: index, ...(vip ? { vipHolder: true as const } : {}) };
    }),
  );
  return draft('rolling.planned', live.state.run.operator, step.key, {
    pattern: rolling.group,
    order: rolling.order,
    batchSize: rolling.batchSize,
    drainCap: rolling.drainCap ?? null,
    auto: rolling.auto,
    batches: plan.batches,
    warnings: plan.warnings,
    inventoryFile: inventory.file,
    hosts,
    subSteps: rolling.steps.map((sub) => ({
      id: sub.id,
      title: sub.title,
      kind: sub.kind,
      drains: sub.drains,
      restores: sub.restores,
      destructive: sub.destructive,
      optional: sub.optional,
      commands: sub.commands.map((command) => ({ text: command.text, run: command.run })),
    })),
  });
}

/** Makes every planned host step known to the run by key, with its sub-step as its spec. */
export function registerHostSteps(live: LiveRun): void {
  for (const step of live.state.steps) {
    const spec = live.steps.get(step.key);
    if (step.rolling === undefined || spec?.rolling === undefined) continue;
    for (const host of step.rolling.hosts) {
      for (const sub of spec.rolling.steps) live.steps.set(hostStepKey(step.key, host.name, sub.id), sub);
    }
  }
}

/** The plans of every rolling step the inventory can serve at the start; the others plan later. */
export function startPlans(live: LiveRun, inventory: Inventory | undefined): EventDraft[] {
  if (inventory === undefined) return [];
  return live.state.steps.flatMap((step) => {
    const spec = live.steps.get(step.key);
    if (step.kind !== 'rolling' || spec?.rolling === undefined) return [];
    try {
      return [planDraft(live, step, spec, inventory)];
    } catch (error) {
      // The step shows the reason when the operator starts it.
      if (error instanceof RpcError) return [];
      throw error;
    }
  });
}
