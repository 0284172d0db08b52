import { sshKeygenVerifyCommand } from './allowed-signers';
import type { RunBundle } from './run-bundle';
import type { ReportSeal, SealedSignature } from './report-seal';

/** The verification section's content: each signature with the commands that check it. */
export function reportSeal(bundle: RunBundle, format: 'html' | 'markdown'): ReportSeal {
  const signatures: SealedSignature[] = bundle.signatures.map((signature) => ({
    name: signature.name,
    role: signature.role,
    kind: signature.kind,
    at: signature.at,
    stepKey: signature.stepKey,
    fingerprint: signature.fingerprint,
    payloadBase64: Buffer.from(signature.payload, 'utf8').toString('base64'),
    armored: signature.signature,
    allowedSigner: `${signature.identity} namespaces="handrail" ${signature.publicKey}`,
    identity: signature.identity,
  }));
  return {
    signatures,
    instructions:
      signatures.length === 0
        ? 'Nobody has signed this run yet.'
        : "Each signature covers a statement by its signer and the head of the run's hash-chained event log at that moment. " +
          '`handrail verify FILE` checks every signature, the whole event log and that this report shows what the log records. ' +
          'With OpenSSH alone, save the report as report.' +
          (format === 'html' ? 'html' : 'md') +
          ' and run the commands below; ' +
          'then compare the key fingerprint with the one you know for the signer: the allowed-signers line here only proves the file is unchanged since that key signed it.',
    verifyCommands: signatures.map((signature, index) => verifyCommands(signature, index + 1, format)),
  };
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
