import { createHash } from 'node:crypto';
import { inspectSource } from './runbook-codec';

type Inspection = ReturnType<typeof inspectSource>;

/**
 * The last few inspections (lint + parse) by content. A revision never changes, yet the run
 * screen asks for its steps each time it opens a run and the library each time it shows one:
 * inspecting a 5,000-step runbook takes ~1.3 s on the host's one thread, and every request behind
 * it waited (`npm run bench -- runbook-scale`: "open the run" was ~50 ms or ~1.3 s depending on
 * whether the previous open's parse had finished). Results are shared: callers must not mutate.
 */
export class InspectionCache {
  private readonly entries = new Map<string, Inspection>();

  /** 8: a few runbooks open in a few windows; each entry is one parsed runbook. */
  constructor(private readonly capacity = 8) {}

  inspect(source: string, fileName: string): Inspection {
    const key = createHash('sha256').update(fileName).update('\0').update(source).digest('hex');
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the one evicted.
      this.entries.delete(key);
      this.entries.set(key, known);
      return known;
    }
    const inspection = inspectSource(source, fileName);
    this.entries.set(key, inspection);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return inspection;
  }
}
