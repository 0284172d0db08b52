/**
 * The benchmark harness: each figure is the median of several runs after a warm-up, with min and
 * max, and is printed beside a baseline measured in the same run, as a ratio, because absolute
 * times on shared machines drift. Benchmarks never fail because a machine is slow.
 */
export interface Sample {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export interface Figure {
  benchmark: string;
  name: string;
  unit: string;
  sample: Sample;
  /** The baseline this figure is compared against, measured in the same run. */
  baseline?: { name: string; sample: Sample };
  /** figure / baseline (medians); > 1 means the figure is larger (slower, for times). */
  ratio?: number;
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

export interface MeasureOptions {
  warmup?: number;
  runs?: number;
}

/** Runs `once` warm-up times, then `runs` times, and summarises what it returned (or its duration). */
export async function measure(
  once: () => Promise<number | void> | number | void,
  { warmup = 1, runs = 5 }: MeasureOptions = {},
): Promise<Sample> {
  for (let index = 0; index < warmup; index++) await once();
  const values: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    const value = await once();
    values.push(typeof value === 'number' ? value : performance.now() - started);
  }
  return summarise(values);
}

export function summarise(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, runs: values.length };
}

export function compared(
  benchmark: string,
  name: string,
  unit: string,
  sample: Sample,
  baseline: { name: string; sample: Sample },
  note?: string,
): Figure {
  const ratio = baseline.sample.median === 0 ? undefined : sample.median / baseline.sample.median;
  return {
    benchmark,
    name,
    unit,
    sample,
    baseline,
    ...(ratio === undefined ? {} : { ratio }),
    ...(note ? { note } : {}),
  };
}

export function formatTable(figures: Figure[]): string {
  const rows = figures.map((figure) => [
    figure.benchmark,
    figure.name,
    `${fmt(figure.sample.median)} ${figure.unit}`,
    `${fmt(figure.sample.min)}–${fmt(figure.sample.max)}`,
    figure.baseline ? `${figure.baseline.name}: ${fmt(figure.baseline.sample.median)} ${figure.unit}` : '',
    figure.ratio === undefined ? '' : `${figure.ratio.toFixed(2)}×`,
  ]);
  const header = ['benchmark', 'figure', 'median', 'min–max', 'baseline (same run)', 'ratio'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
