/** `handrail verify` and `handrail report`: checking and exporting signed run reports. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { exportFormat, RpcError, type DocumentVerification } from '../../../shared/contract/index';
import { createHost } from '../host';
import { RunbookReader } from '../runbook-reader/runbook-reader';
import { resolveDataDir } from '../store/data-dir';
import { AllowedSignersError, type TrustedSigner } from '../signing/allowed-signers-file';
import { readAllowedSigners } from '../signing/read-allowed-signers';
import { isAuditPackFile, verifyPackFile } from './pack-verify-command';
import { terminalSafeLine } from './terminal-safe-line';
import { describeVerification } from './verification-lines';
import { UsageError } from './usage-error';

export const reportUsage = `  verify FILE [--allowed-signers F]
                       check a report (HTML, JSON), run bundle or auditor pack (.tar, see audit
                       pack): every signature, the event
                       log, and that the report shows what its record says, and each signing
                       key against F (OpenSSH allowed_signers, your own team's file). Exits 0
                       VALID (all hold, every key trusted), 1 INVALID, UNSIGNED or a key not
                       trusted, 2 consistent but not judged (no --allowed-signers)
  report RUN_ID [--format html|pdf|markdown|json|bundle] [--out F]
                       export a run's report (HTML by default) to stdout or F
  runs                 list the runs in the data folder`;

export async function runReportCommand(
  command: 'verify' | 'report' | 'runs',
  args: string[],
  version: string,
): Promise<void> {
  if (command === 'verify') await verifyFile(args);
  else if (command === 'report') await exportReport(args, version);
  else listRuns(args, version);
}

async function verifyFile(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { 'allowed-signers': { type: 'string' } },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('verify: name exactly one file');
  const trustFile = values['allowed-signers'];
  const trusted = trustFile === undefined ? undefined : readTrust(trustFile);
  if (isAuditPackFile(file)) {
    await verifyPackFile(file, trusted);
    return;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let result: DocumentVerification;
  const reader = new RunbookReader({ limits: { readers: 1 } });
  try {
    result = await reader.verifyDocument(text, basename(file));
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    console.error(`handrail: ${error.message}`);
    process.exitCode = 1;
    return;
  } finally {
    await reader.close();
  }
  const verdict = describeVerification(result, trusted, trustFile ?? null);
  for (const line of verdict.lines) console.log(terminalSafeLine(line));
  process.exitCode = verdict.exitCode;
}

/** The reader's allowed_signers file; a file or line that cannot be used stops the check, named. */
function readTrust(file: string): TrustedSigner[] {
  try {
    return readAllowedSigners(file);
  } catch (error) {
    if (error instanceof AllowedSignersError) throw new UsageError(error.message);
    throw error;
  }
}

async function exportReport(args: string[], version: string): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { format: { type: 'string', default: 'html' }, out: { type: 'string' } },
  });
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError('report: name exactly one run id');
  const format = exportFormat.safeParse(values.format);
  if (!format.success) throw new UsageError(`report: --format is one of ${exportFormat.options.join(', ')}`);
  // Read only: works beside a running app or `serve`, which hold the folder's lock.
  const host = createHost({ dataDir: resolveDataDir({ env: process.env }), version, readOnly: true });
  try {
    // To a file the report streams (HTML, Markdown, JSON are never whole in memory); stdout gets
    // it whole, since writes to a pipe queue in memory until the reader takes them anyway.
    if (values.out !== undefined) await host.reports.exportToFile(runId, format.data, values.out);
    else {
      const file = await host.reports.export(runId, format.data);
      process.stdout.write(Buffer.from(file.content, file.encoding));
    }
  } finally {
    host.close();
  }
}

function listRuns(args: string[], version: string): void {
  parseArgs({ args, allowPositionals: false, strict: true, options: {} });
  const host = createHost({ dataDir: resolveDataDir({ env: process.env }), version, readOnly: true });
  try {
    for (const run of host.runs.list())
      console.log(
        `${run.id}  ${run.status.padEnd(9)}  ${run.createdAt}  ${run.environmentName}  ${run.runbookTitle}`,
      );
  } finally {
    host.close();
  }
}
