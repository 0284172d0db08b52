import type { SignatureInfo } from '../../../shared/contract/index';
import { formatTime } from '../format/time';

const kindLabels = {
  gate: 'gate',
  final: 'final sign-off',
  countersign: 'countersignature',
  review: 'review sign-off',
} as const satisfies Record<SignatureInfo['kind'], string>;

/** Who signed the run, as what, when and with which key. */
export function SignatureList({ signatures }: { signatures: readonly SignatureInfo[] }) {
  if (signatures.length === 0) return <p className="muted">Not signed yet.</p>;
  return (
    <ul className="signature-list" aria-label="Signatures">
      {signatures.map((signature, index) => (
        <li key={index} data-testid="signature">
          <strong>{signature.name}</strong>
          {signature.role === '' ? '' : ` (${signature.role})`} — {kindLabels[signature.kind]}
          {signature.stepKey === null ? '' : ` of ${signature.stepKey}`}, {formatTime(signature.at)}, key{' '}
          <code>{signature.fingerprint}</code>
        </li>
      ))}
    </ul>
  );
}
