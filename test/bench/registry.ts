import type { Benchmark } from './harness';
import { echoLatencyBenchmark } from './echo-latency.bench';
import { importBenchmark } from './import.bench';
import { recordingOverheadBenchmark } from './recording-overhead.bench';
import { reportExportBenchmark } from './report-export.bench';
import { runbookScaleBenchmark } from './runbook-scale.bench';
import { runLengthBenchmark } from './run-length.bench';
import { searchBenchmark } from './search.bench';
import { startupBenchmark } from './startup.bench';
import { terminalThroughputBenchmark } from './terminal-throughput.bench';

/** Every benchmark `npm run bench` knows, in the order they run. */
export const benchmarks: Benchmark[] = [
  startupBenchmark,
  importBenchmark,
  terminalThroughputBenchmark,
  recordingOverheadBenchmark,
  echoLatencyBenchmark,
  runbookScaleBenchmark,
  runLengthBenchmark,
  searchBenchmark,
  reportExportBenchmark,
];
