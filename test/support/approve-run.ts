import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunApproval } from '../../shared/contract/index';
import type { RpcClient } from '../../shared/rpc/client';
import { generateKey } from './ssh-keygen-cli';

/**
 * For tests whose subject is not approval: a production run approved the honest way, by a second
 * person ("Test Approver") on this machine with their own SSH key made by the real ssh-keygen, so
 * the run's log holds a real `approval.granted` (docs/approval.md).
 */
export async function approveRun(
  client: RpcClient,
  runId: string,
  name = 'Test Approver',
): Promise<RunApproval> {
  const dir = mkdtempSync(join(tmpdir(), 'handrail-approver-'));
  try {
    const keyPath = join(dir, 'id_ed25519');
    generateKey(keyPath, 'ed25519');
    return await client.call('approvals.approveHere', {
      runId,
      name,
      role: 'Change approver',
      key: { kind: 'ssh', keyPath },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
