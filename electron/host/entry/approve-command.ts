/** `handrail approve`: an approver signs an exported approval request on their own machine. */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RpcError } from '../../../shared/contract/index';
import { signApprovalRequest } from '../approval/approval-request-signing';
import { resolveDataDir } from '../store/data-dir';
import { UsageError } from './usage-error';

export const approveUsage = `  approve REQUEST --name N [--role R] [--key K] [--out F]
                       approve a run's exported plan (docs/approval.md) as N, signing with the
                       SSH key K (ssh-keygen -Y sign; a .pub works with ssh-agent) or, without
                       --key, this data folder's Handrail key; writes the approval file to F
                       (default: next to REQUEST, .approval.json) for the operator to import`;

export async function runApproveCommand(args: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string', default: 'Approver' },
      key: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('approve: name exactly one request file');
  const name = values.name?.trim();
  if (name === undefined || name === '') throw new UsageError('approve: --name is required (who approves)');
  let request: string;
  try {
    request = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const out = values.out ?? `${file.replace(/\.json$/, '')}.approval.json`;
  try {
    // Only the data folder's key is read (made on first use): no database, so no lock is taken.
    const result = await signApprovalRequest(
      {
        request,
        name,
        role: values.role.trim(),
        key: values.key === undefined ? { kind: 'handrail' } : { kind: 'ssh', keyPath: values.key },
      },
      resolveDataDir({ env: process.env }),
    );
    writeFileSync(out, result.approval, { mode: 0o600 });
    console.log(`approved plan sha256 ${result.planSha256} as ${name}: ${out}`);
  } catch (error) {
    if (!(error instanceof RpcError)) throw error;
    console.error(`handrail: ${error.message}`);
    process.exitCode = 1;
  }
}
