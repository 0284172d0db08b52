import type { DocumentVerification } from '../../../shared/contract/index';
import type { TrustedSigner } from '../signing/allowed-signers-file';
import { signerTrust } from '../signing/signer-trust';
import { verifySshSignature } from '../signing/sshsig-verify';
import { describeVerification, type VerificationVerdict } from '../entry/verification-lines';
import { parseManifest, sha256Hex } from './sha256-manifest';
import { readTar } from './tar-archive';

export type BundleVerifier = (text: string, fileName: string) => Promise<DocumentVerification>;

interface Check {
  lines: string[];
  failed: boolean;
  /** Some signature was not judged: no trust file was given. */
  unjudged: boolean;
  /** Bundles whose record holds but carries no signature at all. */
  unsigned: string[];
}

/**
 * `handrail verify PACK`: what the README's stock commands check, and more. The manifest's
 * signature is judged against the reader's allowed_signers file, never a key the pack carries;
 * every file must match its manifest line and every file must have one (sha256sum -c does not
 * notice a file added to the folder); each run's statement is checked against its signature and
 * the files it names; each bundle is verified as `handrail verify` verifies one alone.
 */
export async function verifyAuditPack(
  archive: Buffer,
  trusted: readonly TrustedSigner[] | undefined,
  verifyBundle: BundleVerifier,
): Promise<VerificationVerdict> {
  const check: Check = { lines: [], failed: false, unjudged: trusted === undefined, unsigned: [] };
  const mark = (ok: boolean, text: string): void => {
    if (!ok) check.failed = true;
    check.lines.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  };
  let files: Map<string, Buffer>;
  try {
    files = packFiles(archive);
  } catch (error) {
    mark(false, `archive: ${(error as Error).message}`);
    return verdict(check);
  }
  const manifest = files.get('MANIFEST');
  const signature = files.get('MANIFEST.sig');
  const signer = signerName(files.get('pack.json'));
  if (manifest === undefined || signature === undefined || signer === undefined) {
    mark(false, 'the pack has no MANIFEST, MANIFEST.sig or pack.json naming its signer');
    return verdict(check);
  }
  mark(true, `pack of ${files.size} files, signed as ${signer}`);
  signatureLine('MANIFEST.sig over MANIFEST', manifest, signature.toString('utf8'), signer, trusted, mark);
  let listed: ReturnType<typeof parseManifest> = [];
  try {
    listed = parseManifest(manifest.toString('utf8'));
  } catch (error) {
    mark(false, (error as Error).message);
  }
  const seen = new Set(['MANIFEST', 'MANIFEST.sig']);
  let matching = 0;
  for (const line of listed) {
    seen.add(line.path);
    const bytes = files.get(line.path);
    if (bytes === undefined) mark(false, `${line.path}: in MANIFEST, missing from the pack`);
    else if (sha256Hex(bytes) !== line.sha256)
      mark(false, `${line.path}: changed (its SHA-256 is not MANIFEST's)`);
    else matching += 1;
  }
  for (const path of files.keys()) if (!seen.has(path)) mark(false, `${path}: in the pack, not in MANIFEST`);
  if (matching === listed.length) mark(true, `every file of MANIFEST matches (${matching})`);
  for (const [path, bytes] of files) {
    if (path.endsWith('/statement.json')) statementLines(path, bytes, files, signer, trusted, mark);
    if (path.endsWith('/bundle.handrail.json')) {
      const verification = await verifyBundle(bytes.toString('utf8'), path);
      const result = describeVerification(verification, trusted);
      // A consistent run nobody signed off is the auditor's finding, not a broken pack: named apart.
      if (verification.valid && verification.signatures.length === 0) check.unsigned.push(path);
      else if (result.exitCode === 1) check.failed = true;
      check.lines.push(
        `${result.exitCode === 1 ? 'FAIL' : 'ok  '} ${path}:`,
        ...result.lines.map((line) => `     ${line}`),
      );
    }
  }
  return verdict(check);
}

function statementLines(
  path: string,
  bytes: Buffer,
  files: Map<string, Buffer>,
  signer: string,
  trusted: readonly TrustedSigner[] | undefined,
  mark: (ok: boolean, text: string) => void,
): void {
  const signature = files.get(`${path.slice(0, -'.json'.length)}.sig`);
  if (signature === undefined) return mark(false, `${path}: no statement.sig beside it`);
  signatureLine(`${path} signature`, bytes, signature.toString('utf8'), signer, trusted, mark);
  let subjects: Array<{ name: string; digest: { sha256: string } }> = [];
  try {
    subjects = (JSON.parse(bytes.toString('utf8')) as { subject: typeof subjects }).subject;
  } catch {
    return mark(false, `${path}: not JSON`);
  }
  for (const subject of subjects) {
    const file = files.get(subject.name);
    mark(
      file !== undefined && sha256Hex(file) === subject.digest.sha256,
      `${path}: subject ${subject.name} ${file === undefined ? 'is not in the pack' : 'has the sha256 it names'}`,
    );
  }
}

function signatureLine(
  what: string,
  message: Buffer,
  signature: string,
  signer: string,
  trusted: readonly TrustedSigner[] | undefined,
  mark: (ok: boolean, text: string) => void,
): void {
  const result = verifySshSignature({ message, signature });
  if (!result.valid) return mark(false, `${what}: ${result.problem}`);
  const fingerprint = result.signer.fingerprint;
  if (trusted === undefined)
    return mark(true, `${what}: key ${fingerprint} — key not checked (no --allowed-signers file)`);
  const trust = signerTrust({ name: signer, fingerprint }, trusted);
  if (trust.state === 'trusted')
    return mark(true, `${what}: trusted (${trust.principal}, allowed-signers line ${trust.line})`);
  mark(
    false,
    `${what}: key ${fingerprint} is not trusted by your allowed-signers file for ${signer} (${trust.state})`,
  );
}

/** The pack's files by path inside its one top folder; anything else in the archive is refused. */
function packFiles(archive: Buffer): Map<string, Buffer> {
  const entries = readTar(archive);
  const root = entries[0]?.name.split('/')[0];
  if (root === undefined || root === '') throw new Error('empty, or not one folder');
  const files = new Map<string, Buffer>();
  for (const entry of entries) {
    if (!entry.name.startsWith(`${root}/`) && entry.name !== root)
      throw new Error(`${entry.name} is outside the pack's folder ${root}`);
    const path = entry.name.slice(root.length + 1);
    if (path.split('/').some((part) => part === '..' || part === '.'))
      throw new Error(`${entry.name}: a path with . or .. parts`);
    if (entry.type === 'file') {
      if (files.has(path)) throw new Error(`${entry.name} is in the archive twice`);
      files.set(path, entry.data);
    }
  }
  return files;
}

function signerName(packJson: Buffer | undefined): string | undefined {
  if (packJson === undefined) return undefined;
  try {
    const name = (JSON.parse(packJson.toString('utf8')) as { signer?: { name?: unknown } }).signer?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

function verdict(check: Check): VerificationVerdict {
  if (check.failed) return { lines: [...check.lines, 'INVALID: see the lines marked FAIL'], exitCode: 1 };
  if (check.unsigned.length > 0)
    return {
      lines: [
        ...check.lines,
        `UNSIGNED: the pack is as it was signed, but no sign-off covers ${check.unsigned.join(', ')}`,
      ],
      exitCode: 1,
    };
  if (check.unjudged)
    return {
      lines: [
        ...check.lines,
        "CONSISTENT, but no key was judged. Pass --allowed-signers FILE, your own team's file (never one taken from this pack)",
      ],
      exitCode: 2,
    };
  return {
    lines: [...check.lines, 'VALID: every file is as signed, and every signature is by a key you trust'],
    exitCode: 0,
  };
}
