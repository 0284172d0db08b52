/** `handrail verify PACK.tar`: the auditor pack's checks (audit/pack-verify.ts), printed as verify prints. */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { verifyAuditPack } from '../audit/pack-verify';
import { looksLikeTar } from '../audit/tar-archive';
import { RunbookReader } from '../runbook-reader/runbook-reader';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { terminalSafeLine } from './terminal-safe-line';

/** A pack is told by its first header's ustar magic, not its name (a renamed pack still verifies). */
export function isAuditPackFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(512);
    return looksLikeTar(head.subarray(0, readSync(fd, head, 0, 512, 0)));
  } finally {
    closeSync(fd);
  }
}

export async function verifyPackFile(
  file: string,
  trusted: readonly TrustedSigner[] | undefined,
): Promise<void> {
  // Each bundle is parsed in the runbook reader's process, as `handrail verify BUNDLE` does.
  const reader = new RunbookReader({ limits: { readers: 1 } });
  try {
    const verdict = await verifyAuditPack(readFileSync(file), trusted, (text, name) =>
      reader.verifyDocument(text, name),
    );
    for (const line of verdict.lines) console.log(terminalSafeLine(line));
    process.exitCode = verdict.exitCode;
  } finally {
    await reader.close();
  }
}
