import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/contract/errors';
import { repoRoot } from '../../support/built-app';
import { makeTempDir } from '../../support/temp-dir';
import { startRunHost, type RunHostFixture } from '../run/host-fixture';
import { signedBundles, type SignedBundles } from './signed-bundles';

const cli = join(repoRoot, 'dist/host/cli.js');

/** The last line `handrail verify` prints: its verdict, to hold the app's words against. */
function cliVerdict(file: string, trustFile: string): string {
  const result = spawnSync(process.execPath, [cli, 'verify', file, '--allowed-signers', trustFile], {
    encoding: 'utf8',
  });
  return result.stdout.trim().split('\n').at(-1) ?? '';
}

async function refusal(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * Issue 19 in the app: `reports.verify` and `reports.import` judge every signature by the
 * workspace's allowed_signers file (`trust.set`), in the words `handrail verify` prints.
 */
describe('verify and import against the workspace trust file', () => {
  const temp = makeTempDir('handrail-trust-rpc-');
  let files: SignedBundles;
  let reader: RunHostFixture;
  const verify = (file: string) =>
    reader.client.call('reports.verify', { fileName: 'bundle.json', content: readFileSync(file, 'utf8') });

  beforeAll(async () => {
    files = await signedBundles(temp.path);
    reader = startRunHost();
  });
  afterAll(() => {
    reader?.close();
    temp.remove();
  });

  it('without a trust file nothing is VALID: consistent, signed by keys nobody judged', async () => {
    expect(await reader.client.call('trust.get', {})).toEqual({ path: null, keys: null, problem: null });
    const result = await verify(files.original);
    expect(result.valid).toBe(true);
    expect(result.verdict?.state).toBe('not-judged');
    expect(result.verdict?.trustFile).toBeNull();
    expect(result.verdict?.words).toMatch(
      /^CONSISTENT, signed by untrusted keys: SHA256:\S+\. Set this workspace's allowed_signers file/,
    );
    expect(result.signatures.map((signature) => signature.trust?.state)).toEqual([
      'not-judged',
      'not-judged',
    ]);
  });

  it('a bad line is refused naming file and line, and the setting stays as it was', async () => {
    const broken = join(temp.path, 'broken');
    writeFileSync(broken, '# team\nada.lovelace@handrail cert-authority ssh-ed25519 AAAA\n');
    const error = await refusal(reader.client.call('trust.set', { path: broken }));
    expect(error.code).toBe('invalid_params');
    expect(error.field).toBe('params.path');
    expect(error.message).toContain(`${broken}:2: option "cert-authority" is not supported`);
    expect((await reader.client.call('trust.get', {})).path).toBeNull();
  });

  it('the genuine run is VALID, each signature trusted with its principal, in the CLI words', async () => {
    expect(await reader.client.call('trust.set', { path: files.trustFile })).toEqual({
      path: files.trustFile,
      keys: 2,
      problem: null,
    });
    const result = await verify(files.original);
    expect(result.verdict).toEqual({
      state: 'valid',
      words: 'VALID: nothing was changed after signing, and every signature is by a key you trust',
      trustFile: files.trustFile,
    });
    expect(result.signatures.map((signature) => signature.trust?.state)).toEqual(['trusted', 'trusted']);
    expect(result.signatures.map((signature) => signature.trust?.words).sort()).toEqual([
      'trusted (ada.lovelace@handrail, allowed-signers line 2)',
      'trusted (grace.hopper@handrail, allowed-signers line 3)',
    ]);
    expect(result.verdict?.words).toBe(cliVerdict(files.original, files.trustFile));
  });

  it("the operator's name signed with a fresh key is UNKNOWN KEY, and the whole is not valid", async () => {
    const result = await verify(files.forged);
    // Every signature verifies by the key the file carries: the old check said valid.
    expect(result.valid).toBe(true);
    const stranger = result.signatures.at(-1);
    expect(stranger?.name).toBe('Ada Lovelace');
    expect(stranger?.trust).toEqual({
      state: 'unknown-key',
      principal: null,
      line: null,
      words: `UNKNOWN KEY ${stranger?.fingerprint}: not in your allowed-signers file`,
    });
    expect(result.signatures.slice(0, -1).map((signature) => signature.trust?.state)).toEqual([
      'trusted',
      'trusted',
    ]);
    expect(result.verdict?.state).toBe('untrusted');
    expect(result.verdict?.words).toMatch(/^INVALID: /);
    expect(result.verdict?.words).toBe(cliVerdict(files.forged, files.trustFile));
  });

  it('an import carries the same judgement', async () => {
    const imported = await reader.client.call('reports.import', {
      fileName: 'forged.json',
      content: readFileSync(files.forged, 'utf8'),
    });
    expect(imported.verification.verdict?.state).toBe('untrusted');
    expect(imported.verification.signatures.at(-1)?.trust?.state).toBe('unknown-key');
    // The imported run's stored signatures, judged again by the file on its screen.
    const judged = await reader.client.call('trust.signatures', { runId: imported.runId });
    expect(judged.trustFile).toBe(files.trustFile);
    expect(judged.signatures.map((signature) => signature.state)).toEqual([
      'trusted',
      'trusted',
      'unknown-key',
    ]);
    const stored = await reader.client.call('reports.signatures', { runId: imported.runId });
    expect(judged.signatures.at(-1)?.words).toBe(
      `UNKNOWN KEY ${stored.at(-1)?.fingerprint}: not in your allowed-signers file`,
    );
  });

  it('a trust file broken after it was set is named, and nothing is judged by it', async () => {
    const good = readFileSync(files.trustFile, 'utf8');
    writeFileSync(files.trustFile, `${good}\nbob@handrail ssh-ed25519 not-base64!\n`);
    try {
      const setting = await reader.client.call('trust.get', {});
      expect(setting).toEqual({
        path: files.trustFile,
        keys: null,
        problem: `${files.trustFile}:4: the key is not base64`,
      });
      const error = await refusal(verify(files.original));
      expect(error.message).toBe(`${files.trustFile}:4: the key is not base64`);
    } finally {
      writeFileSync(files.trustFile, good);
    }
  });
});
