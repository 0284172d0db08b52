/**
 * `npm run bench [-- NAME...]`: runs the benchmarks (all, or those named), prints a table and
 * writes bench-results.json with the machine's CPU count and Node version.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/built-app';
import { formatTable, type Benchmark, type Figure } from './harness';
import { benchmarks } from './registry';

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const selected: Benchmark[] =
    names.length === 0 ? benchmarks : benchmarks.filter((b) => names.includes(b.name));
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version };
  console.log(`Handrail benchmarks on ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}\n`);
  const figures: Figure[] = [];
  const failures: Array<{ benchmark: string; error: string }> = [];
  for (const benchmark of selected) {
    console.log(`… ${benchmark.name}: ${benchmark.description}`);
    try {
      figures.push(...(await benchmark.run()));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ benchmark: benchmark.name, error: message });
      console.log(`  could not run: ${message}`);
    }
  }
  console.log(`\n${formatTable(figures)}\n`);
  const output = join(repoRoot, 'bench-results.json');
  writeFileSync(
    output,
    `${JSON.stringify({ machine, date: new Date().toISOString(), figures, failures }, null, 2)}\n`,
  );
  console.log(`Written to ${output}`);
  if (failures.length > 0) process.exitCode = 1;
}

void main(process.argv.slice(2));
