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

/**
 * What the checks below prove and what they do not, in so many words: a good OpenSSH signature
 * ties the payload to a key, and only the reader's own allowed_signers ties the key to a person.
 */
function instructions(format: 'html' | 'markdown'): string {
  const file = format === 'html' ? 'report.html' : 'report.md';
  return [
    'Each signature covers its signer’s statement (name, role, what they signed and when) with the run’s id, the hash of its runbook revision and the head of its hash-chained event log at that moment.',
    format === 'html'
      ? `\`handrail verify ${file}\` checks every signature, the whole event log, and that this report shows what the log records.`
      : '`handrail verify` on the HTML or JSON report, or on the bundle, checks every signature, the whole event log, and that the report shows what the log records.',
    `With OpenSSH alone, save the report as ${file} and run the commands under each signature.`,
    'When ssh-keygen answers Good "handrail" signature, that proves the payload printed here was signed by the private key of the public key in the allowed-signers line printed with it, and that neither changed since.',
    'It does not prove that this key belongs to the person named: this report printed that line itself, so whoever made the report could have written it.',
    'That proof comes only from your own allowed_signers file: run the last command with -f naming a file in which you, or someone you trust, listed the signer’s public key under the principal shown (-I).',
    'A signature made with Handrail’s own key shows which Handrail installation signed, not which person.',
    'The commands check the signed payload only, not the event log or the rest of this report: that is what handrail verify does.',
  ].join(' ');
}

function verifyCommands(signature: SealedSignature, number: number, format: 'html' | 'markdown'): string {
  const file = format === 'html' ? 'report.html' : 'report.md';
  const extract = (id: string): string =>
    format === 'html'
      ? `sed -n '/id="handrail-${id}-${number}"/,/<\\/pre>/p' ${file} | grep -v '<' | sed 's/&quot;/"/g'`
      : `awk '/^<!-- handrail-${id}-${number} -->$/{f=1;next} f&&/^\`\`\`/{if(n)exit;n=1;next} n' ${file}`;
  return [
    `${extract('payload')} | base64 -d > payload-${number}.json`,
    `${extract('signature')} > payload-${number}.sig`,
    `${extract('signer')} > allowed_signers-${number}`,
    sshKeygenVerifyCommand({
      identity: signature.identity,
      allowedSigners: `allowed_signers-${number}`,
      signature: `payload-${number}.sig`,
      payload: `payload-${number}.json`,
    }),
  ].join('\n');
}
