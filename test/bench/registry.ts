import type { Benchmark } from './harness';
import { importBenchmark } from './import.bench';
import { startupBenchmark } from './startup.bench';

/** Every benchmark `npm run bench` knows, in the order they run. */
export const benchmarks: Benchmark[] = [startupBenchmark, importBenchmark];
