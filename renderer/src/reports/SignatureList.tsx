import type { SignatureInfo, SignatureTrust } from '../../../shared/contract/index';
import { formatTime } from '../format/time';
import { VisibleText } from '../format/visible-text';

const kindLabels = {
  gate: 'gate',
  final: 'final sign-off',
  countersign: 'countersignature',
  review: 'review sign-off',
} as const satisfies Record<SignatureInfo['kind'], string>;

/**
 * Who signed the run, as what, when and with which key; with `trust` (trust.signatures, in the
 * same order), whether the workspace's allowed_signers file trusts that key for that name.
 */
export function SignatureList({
  signatures,
  trust,
}: {
  signatures: readonly SignatureInfo[];
  trust?: readonly SignatureTrust[] | undefined;
}) {
  if (signatures.length === 0) return <p className="muted">Not signed yet.</p>;
  return (
    <ul className="signature-list" aria-label="Signatures">
      {signatures.map((signature, index) => {
        const judged = trust?.[index];
        return (
          <li key={index} data-testid="signature" data-trust={judged?.state}>
            <strong>
              <VisibleText text={signature.name} />
            </strong>
            {signature.role === '' ? '' : ' ('}
            {signature.role !== '' && <VisibleText text={signature.role} />}
            {signature.role === '' ? '' : ')'} — {kindLabels[signature.kind]}
            {signature.stepKey === null ? '' : ` of ${signature.stepKey}`}, {formatTime(signature.at)}, key{' '}
            <code>{signature.fingerprint}</code>
            {judged !== undefined && (
              <div className={`trust-words trust-words-${judged.state}`} data-testid="signature-trust">
                <VisibleText text={judged.words} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
