import type { EnvironmentKind } from '../../../shared/contract/index';

/** The environment's kind in its colour; production is loud on purpose. */
export function KindBadge({ kind, colour }: { kind: EnvironmentKind; colour: string }) {
  return (
    <span
      className={`kind-badge kind-${kind}`}
      style={kind === 'production' ? { background: colour } : { borderColor: colour }}
    >
      {kind}
    </span>
  );
}
