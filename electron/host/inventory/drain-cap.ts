/**
 * The drain cap: how many hosts may be out of service (drained, disabled, rebooting) at once,
 * so the rest keep enough capacity for the migrated workloads (SCS operations guide: "ensure
 * enough capacity when parallelizing the reboot process").
 */

/** Splits any batch larger than the cap into consecutive batches of at most `drainCap` hosts. */
export function capBatches(
  batches: readonly (readonly string[])[],
  drainCap: number | undefined,
): string[][] {
  if (drainCap === undefined) return batches.map((b) => [...b]);
  checkCap(drainCap);
  return batches.flatMap((batch) => chunk(batch, drainCap));
}

/** Consecutive slices of at most `size` items; an empty list gives no slices. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

export type DrainDecision =
  { ok: true; outOfService: number } | { ok: false; outOfService: number; reason: string };

/**
 * Whether the next batch may start while `drained` hosts are still out of service: the hosts out
 * of service together (a host in both counts once) must not exceed the cap. No cap: always yes.
 */
export function mayStartBatch(
  batch: readonly string[],
  drained: Iterable<string>,
  drainCap: number | undefined,
): DrainDecision {
  const stillOut = [...new Set(drained)];
  const outOfService = new Set([...stillOut, ...batch]).size;
  if (drainCap === undefined || outOfService <= drainCap) return { ok: true, outOfService };
  checkCap(drainCap);
  const now = stillOut.length === 0 ? 'none' : stillOut.join(', ');
  return {
    ok: false,
    outOfService,
    reason:
      `starting ${batch.join(', ')} would put ${outOfService} hosts out of service at once; ` +
      `the drain cap is ${drainCap} (out of service now: ${now})`,
  };
}

function checkCap(drainCap: number): void {
  if (!Number.isInteger(drainCap) || drainCap < 1) {
    throw new RangeError(`the drain cap must be a whole number from 1, got ${drainCap}`);
  }
}
