import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allowedSignerLine, signerIdentity } from '../../../shared/report/signer-principal';
import { startRunHost } from '../run/host-fixture';
import { finishedReportRun } from '../report/report-fixture';

/** Files written to `dir`: a genuine bundle, the one signed again by a stranger, the team's allowed_signers file. */
export interface SignedBundles {
  original: string;
  forged: string;
  trustFile: string;
  runId: string;
}

/**
 * Issue 19's signer who is not who they say: a real run signed with Handrail's key (the team's
 * file trusts it for both signers), and the same run countersigned in another workspace as the
 * operator, with that workspace's fresh key. Every signature of both verifies by the key the file
 * carries; only the reader's trust tells them apart.
 */
export async function signedBundles(dir: string): Promise<SignedBundles> {
  const files = {
    original: join(dir, 'original.json'),
    forged: join(dir, 'forged.json'),
    trustFile: join(dir, 'allowed_signers'),
  };
  const fixture = startRunHost();
  let runId: string;
  try {
    runId = await finishedReportRun(fixture, dir);
    writeFileSync(
      files.original,
      (await fixture.client.call('reports.export', { runId, format: 'bundle' })).content,
    );
    const publicKey = readFileSync(join(fixture.dataDir, 'keys', 'handrail_ed25519.pub'), 'utf8').trim();
    writeFileSync(
      files.trustFile,
      [
        '# our team',
        ...['Ada Lovelace', 'Grace Hopper'].map((name) => allowedSignerLine(signerIdentity(name), publicKey)),
      ].join('\n'),
    );
    fixture.close();
    // Someone else's workspace, with a key of its own: it countersigns the genuine run under the
    // operator's name, as anyone holding the bundle can.
    const attacker = startRunHost();
    try {
      await attacker.client.call('reports.import', {
        fileName: 'original.json',
        content: readFileSync(files.original, 'utf8'),
      });
      await attacker.client.call('reports.sign', {
        runId,
        kind: 'countersign',
        name: 'Ada Lovelace',
        role: 'operator',
        key: { kind: 'handrail' },
      });
      writeFileSync(
        files.forged,
        (await attacker.client.call('reports.export', { runId, format: 'bundle' })).content,
      );
    } finally {
      attacker.close();
    }
  } finally {
    fixture.close();
  }
  return { ...files, runId };
}
