/** `handrail audit …`: change records, signed statements, asciicast v3 and auditor packs (docs/audit-exports.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { RpcError, type SigningKeyChoice } from '../../../shared/contract/index';
import { AuditService, jsonFile } from '../audit/audit-service';
import { AuditSignError } from '../audit/audit-signer';
import { createHost, type Host } from '../host';
import { resolveDataDir } from '../store/data-dir';
import { terminalSafeLine } from './terminal-safe-line';
import { UsageError } from './usage-error';

export const auditUsage = `  audit change-record RUN_ID [--out F]
                       a finished run as a change request (ServiceNow's field names), JSON
  audit statement RUN_ID --report F [--report F…] [--signer NAME] [--key K] --out S.json
                       an in-toto Statement v1 over the report files (name, sha256) and the
                       run's result, written to S.json and signed to S.sig (SSHSIG, namespace
                       handrail): ssh-keygen -Y verify -f allowed_signers -I PRINCIPAL
                       -n handrail -s S.sig < S.json
  audit asciicast RUN_ID [--v3|--v2] [--session N] [--out F]
                       the run's terminal session N (1 by default) as asciicast v3 (markers at
                       each step start; v2 as the terminal export has it)
  audit pack --from DATE --to DATE [--environment E] [--runbook TITLE] [--signer NAME]
             [--key K] --out F.tar
                       every finished run created in [from, to) in one signed tar: reports,
                       bundles, change records, statements, casts, MANIFEST (sha256sum -c) and
                       MANIFEST.sig; its README.txt says how to check it with stock tools, and
                       handrail verify F.tar --allowed-signers A checks it all
                       --key K signs with your SSH key K (ssh-keygen -Y sign) as --signer NAME;
                       without it, with this data folder's Handrail key as NAME (Handrail)`;

export async function runAuditCommand(args: string[], version: string): Promise<void> {
  const [verb, ...rest] = args;
  switch (verb) {
    case 'change-record':
      return withService(version, (audit) => {
        const { runId, values } = oneRun(rest, { out: { type: 'string' } }, verb);
        output(jsonFile(audit.changeRecord(runId)), values.out as string | undefined);
      });
    case 'statement':
      return withService(version, (audit) => statement(audit, rest));
    case 'asciicast':
      return withService(version, (audit) => asciicast(audit, rest));
    case 'pack':
      return withService(version, (audit) => pack(audit, rest));
    default:
      throw new UsageError('audit: one of change-record, statement, asciicast, pack');
  }
}

async function statement(audit: AuditService, args: string[]): Promise<void> {
  const { runId, values } = oneRun(
    args,
    { report: { type: 'string', multiple: true }, out: { type: 'string' }, ...signerOptions },
    'statement',
  );
  const reports = (values.report as string[] | undefined) ?? [];
  const out = values.out as string | undefined;
  if (reports.length === 0) throw new UsageError('audit statement: name the report with --report FILE');
  if (out === undefined || !out.endsWith('.json')) throw new UsageError('audit statement: --out FILE.json');
  const files = reports.map((path) => ({ name: basename(path), bytes: readInput(path) }));
  const { name, key } = signerOf(values);
  const signed = await audit.statement(runId, files, name, key);
  const sigPath = `${out.slice(0, -'.json'.length)}.sig`;
  writeFileSync(out, signed.bytes, { mode: 0o600 });
  writeFileSync(sigPath, signed.signature.signature, { mode: 0o600 });
  console.log(
    `wrote ${out} and ${sigPath}, signed as ${signed.signature.principal} by ${signed.signature.fingerprint}`,
  );
  console.log(`allowed_signers line: ${signed.signature.allowedSignersLine}`);
}

function asciicast(audit: AuditService, args: string[]): void {
  const { runId, values } = oneRun(
    args,
    {
      v3: { type: 'boolean' },
      v2: { type: 'boolean' },
      session: { type: 'string', default: '1' },
      out: { type: 'string' },
    },
    'asciicast',
  );
  if (values.v2 === true && values.v3 === true)
    throw new UsageError('audit asciicast: --v2 or --v3, not both');
  const casts = audit.casts(runId, values.v2 === true ? 2 : 3);
  const index = Number(values.session);
  const cast = casts[index - 1];
  if (cast === undefined)
    throw new UsageError(
      `audit asciicast: run ${runId} has ${casts.length} terminal session(s), not a session ${values.session as string}`,
    );
  output(Buffer.from(cast.text), values.out as string | undefined);
}

async function pack(audit: AuditService, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      environment: { type: 'string' },
      runbook: { type: 'string' },
      out: { type: 'string' },
      ...signerOptions,
    },
  });
  if (positionals.length > 0)
    throw new UsageError('audit pack: takes no run ids (it selects by --from/--to)');
  if (values.from === undefined || values.to === undefined || values.out === undefined)
    throw new UsageError('audit pack: --from DATE --to DATE --out FILE.tar are required');
  for (const date of [values.from, values.to])
    if (Number.isNaN(Date.parse(date)))
      throw new UsageError(`audit pack: ${date} is not a date (2026-12-01)`);
  const { name, key } = signerOf(values);
  const result = await audit.writePack(
    values.out,
    { from: values.from, to: values.to, environment: values.environment, runbook: values.runbook },
    name,
    key,
  );
  console.log(
    terminalSafeLine(
      `wrote ${values.out}: ${result.runIds.length} run(s) in ${result.root}/, signed as ${result.signature.principal} by ${result.signature.fingerprint}`,
    ),
  );
  console.log(terminalSafeLine(`allowed_signers line: ${result.signature.allowedSignersLine}`));
}

const signerOptions = { signer: { type: 'string' }, key: { type: 'string' } } as const;

function signerOf(values: { signer?: unknown; key?: unknown }): { name: string; key: SigningKeyChoice } {
  const keyPath = values.key as string | undefined;
  const name = (values.signer as string | undefined) ?? (keyPath === undefined ? 'Handrail' : undefined);
  if (name === undefined)
    throw new UsageError('audit: --key K signs as a person: name them with --signer NAME');
  return { name, key: keyPath === undefined ? { kind: 'handrail' } : { kind: 'ssh', keyPath } };
}

function oneRun(
  args: string[],
  options: NonNullable<Parameters<typeof parseArgs>[0]>['options'],
  verb: string,
): { runId: string; values: Record<string, unknown> } {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, strict: true, options });
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError(`audit ${verb}: name exactly one run id`);
  return { runId, values: values as Record<string, unknown> };
}

/** Read only, like `handrail report`: it works beside a running app, which holds the folder's lock. */
async function withService(
  version: string,
  use: (audit: AuditService) => Promise<void> | void,
): Promise<void> {
  const host: Host = createHost({ dataDir: resolveDataDir({ env: process.env }), version, readOnly: true });
  try {
    await use(new AuditService(host.db, host.reports, host.runs));
  } catch (error) {
    // A run that is not there, a key ssh-keygen cannot use: one line, not a stack.
    if (error instanceof AuditSignError || error instanceof RpcError) throw new UsageError(error.message);
    throw error;
  } finally {
    host.close();
  }
}

function output(bytes: Buffer, path: string | undefined): void {
  if (path === undefined) process.stdout.write(bytes);
  else writeFileSync(path, bytes, { mode: 0o600 });
}

function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
