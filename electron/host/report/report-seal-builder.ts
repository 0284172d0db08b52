import { createHash } from 'node:crypto';
import { allowedSignerLine } from '../../../shared/report/signer-principal';
import { sshKeygenVerifyCommand } from '../signing/allowed-signers';
import type { RunBundle } from './run-bundle';
import type { ReportSeal, SealedSignature } from './report-seal';

/** The verification section's content: each signature with the commands that check it. */
export function reportSeal(bundle: Pick<RunBundle, 'signatures'>, format: 'html' | 'markdown'): ReportSeal {
  const signatures: SealedSignature[] = bundle.signatures.map((signature) => ({
    name: signature.name,
    role: signature.role,
    kind: signature.kind,
    at: signature.at,
    stepKey: signature.stepKey,
    fingerprint: signature.fingerprint,
    payloadBase64: Buffer.from(signature.payload, 'utf8').toString('base64'),
    payloadSha256: createHash('sha256').update(signature.payload, 'utf8').digest('hex'),
    armored: signature.signature,
    allowedSigner: allowedSignerLine(signature.identity, signature.publicKey),
    identity: signature.identity,
  }));
  return {
    signatures,
    instructions: signatures.length === 0 ? 'Nobody has signed this run yet.' : instructions(format),
    verifyCommands: signatures.map((signature, index) => verifyCommands(signature, index + 1, format)),
  };
}

/** The variable the recipe reads the reader's own allowed_signers file from. */
export const allowedSignersVariable = {
  name: 'ALLOWED_SIGNERS',
  unsetMessage: 'set ALLOWED_SIGNERS to your own allowed_signers file',
};

/**
 * What the checks below prove and what they do not, in so many words: a good OpenSSH signature
 * ties the payload to a key, and only the reader's own allowed_signers ties the key to a person,
 * so the recipe verifies against the reader's file (issue 19), never against a line the report
 * printed itself.
 */
function instructions(format: 'html' | 'markdown'): string {
  const file = format === 'html' ? 'report.html' : 'report.md';
  return [
    'Each signature covers its signer’s statement (name, role, what they signed and when) with the run’s id, the hash of its runbook revision and the head of its hash-chained event log at that moment.',
    format === 'html'
      ? `\`handrail verify ${file} --allowed-signers FILE\` checks every signature against your allowed_signers file, the whole event log, and that this report shows what the log records.`
      : '`handrail verify --allowed-signers FILE` on the HTML or JSON report, or on the bundle, checks every signature against your allowed_signers file, the whole event log, and that the report shows what the log records.',
    `With OpenSSH alone, save the report as ${file}, set ALLOWED_SIGNERS to your own allowed_signers file (your team’s list of whose key is whose, under principals like the one shown with -I), and run the commands under each signature.`,
    'When ssh-keygen answers Good "handrail" signature, the payload printed here was signed by a key your file lists under that principal, and it did not change since; the sha256sum line checks that the payload is the one this signature names.',
    'The allowed-signers line printed with each signature is the report’s own claim about the key: compare it with your file, never verify with it, since whoever made the report could have written it.',
    'A signature made with Handrail’s own key shows which Handrail installation signed, not which person.',
    'The commands check the signed payload only, not the event log or the rest of this report: that is what handrail verify does.',
  ].join(' ');
}

function verifyCommands(signature: SealedSignature, number: number, format: 'html' | 'markdown'): string {
  const file = format === 'html' ? 'report.html' : 'report.md';
  const extract = (id: string, sha256: string): string =>
    format === 'html'
      ? `sed -n '/id="handrail-${id}-${number}"/,/<\\/pre>/p' ${file} | grep -v '<' | sed 's/&quot;/"/g'`
      : `awk '/^<!-- ${markdownMarker(id, number, sha256)} -->$/{f=1;next} f&&/^\`\`\`/{if(n)exit;n=1;next} n' ${file}`;
  return [
    `${extract('payload', signature.payloadSha256)} | base64 -d > payload-${number}.json`,
    `echo '${signature.payloadSha256}  payload-${number}.json' | sha256sum -c`,
    `${extract('signature', blockSha256(signature.armored.trim()))} > payload-${number}.sig`,
    sshKeygenVerifyCommand({
      identity: signature.identity,
      allowedSignersVariable,
      signature: `payload-${number}.sig`,
      payload: `payload-${number}.json`,
    }),
  ].join('\n');
}

/**
 * A Markdown block's marker carries a SHA-256: of the signed payload for the payload's block, of
 * the block's text for the others. Output or a note cannot name the payload's hash (the payload
 * commits to them through the log's head), so a marker planted there never matches the recipe's
 * awk, which matches the whole marker; one copied into a later comment leads to a block whose
 * payload fails the recipe's sha256sum line. Either way no planted block passes for the real one.
 */
export function markdownMarker(id: string, number: number, sha256: string): string {
  return `handrail-${id}-${number} sha256:${sha256}`;
}

/** SHA-256 (hex) of a block's text as the report prints it. */
export function blockSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
