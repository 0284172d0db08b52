import { createHash } from 'node:crypto';
import type { RunbookReader } from '../runbook-reader/runbook-reader';

type Inspection = Awaited<ReturnType<RunbookReader['inspect']>>;

/**
 * The last few inspections (lint + parse) by content. A revision never changes, yet the run
 * screen asks for its steps each time it opens a run and the library each time it shows one:
 * inspecting a 5,000-step runbook takes ~1.3 s (`npm run bench -- runbook-scale`), now in the
 * runbook reader's worker rather than on the host's thread, and a second window asking for the
 * same file meanwhile waits for the same read. Results are shared: callers must not mutate.
 */
export class InspectionCache {
  private readonly entries = new Map<string, Inspection>();
  private readonly reading = new Map<string, Promise<Inspection>>();

  /** 8: a few runbooks open in a few windows; each entry is one parsed runbook. */
  constructor(
    private readonly reader: RunbookReader,
    private readonly capacity = 8,
  ) {}

  inspect(source: string, fileName: string): Promise<Inspection> {
    const key = createHash('sha256').update(fileName).update('\0').update(source).digest('hex');
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Most recently used last, so the oldest is the one evicted.
      this.entries.delete(key);
      this.entries.set(key, known);
      return Promise.resolve(known);
    }
    const pending = this.reading.get(key);
    if (pending !== undefined) return pending;
    const read = this.reader
      .inspect(source, fileName)
      .then((inspection) => {
        this.entries.set(key, inspection);
        if (this.entries.size > this.capacity)
          this.entries.delete(this.entries.keys().next().value as string);
        return inspection;
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }
}
