/**
 * The principal a signature is checked under (ssh-keygen(1), ALLOWED SIGNERS), the same for the
 * sign-off dialog, the report's allowed-signers line and its `ssh-keygen -Y verify -I` word: all
 * three come from here, so what the dialog tells a signer to hand out is what the report checks.
 */

/** Every Handrail signature uses this namespace, so it cannot be replayed as, say, a git signature. */
export const signatureNamespace = 'handrail';

/**
 * A signer's principal from their name: `Zoë O'Brien` -> `zoe.obrien@handrail`. Two people with
 * the same name get the same principal; the key fingerprint tells them apart.
 */
export function signerIdentity(name: string, domain = 'handrail'): string {
  const local = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  return `${local || 'signer'}@${domain}`;
}

/** `principal namespaces="handrail" <public key line>`: one line of an allowed_signers file. */
export function allowedSignerLine(identity: string, publicKeyLine: string): string {
  return `${identity} namespaces="${signatureNamespace}" ${publicKeyLine}`;
}
