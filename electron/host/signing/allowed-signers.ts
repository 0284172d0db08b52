import { allowedSignerLine, signatureNamespace } from '../../../shared/report/signer-principal';
import { parseSshPublicKeyLine, sshPublicKeyLine } from './ssh-public-key';

const handrailNamespace = signatureNamespace;

/**
 * What a reviewer needs to check a Handrail signature with stock OpenSSH: an allowed_signers line
 * (ssh-keygen(1), ALLOWED SIGNERS) restricted to the `handrail` namespace, and the exact
 * `ssh-keygen -Y verify` command.
 */

/** Characters an identity keeps unquoted: ssh-keygen treats `*?!,` as patterns and splits on space. */
const identityPattern = /^[A-Za-z0-9._+-]+@[A-Za-z0-9._-]+$/;

/** `identity namespaces="handrail" ssh-ed25519 AAAA...`; throws for an identity that needs quoting. */
export function allowedSignersLine(
  identity: string,
  publicKey: string,
  namespace = handrailNamespace,
): string {
  if (!identityPattern.test(identity))
    throw new Error(
      `signer identity "${identity}" must look like name@domain using letters, digits and ._+-`,
    );
  if (!/^[a-z0-9-]+$/.test(namespace))
    throw new Error(`namespace "${namespace}" must be lower-case letters and -`);
  const key = parseSshPublicKeyLine(publicKey);
  const line = sshPublicKeyLine(key);
  return namespace === signatureNamespace
    ? allowedSignerLine(identity, line)
    : `${identity} namespaces="${namespace}" ${line}`;
}

export interface VerifyCommandFiles {
  identity: string;
  allowedSigners?: string;
  /**
   * The reader's own allowed_signers file named by this environment variable instead: the
   * command stops with the message unless the reader set it (a report's recipe, issue 19).
   */
  allowedSignersVariable?: { name: string; unsetMessage: string };
  signature?: string;
  payload?: string;
  namespace?: string;
}

/** `ssh-keygen -Y verify -f allowed_signers -I <identity> -n handrail -s payload.sig < payload`. */
export function sshKeygenVerifyCommand(files: VerifyCommandFiles): string {
  const words = [
    'ssh-keygen -Y verify',
    `-f ${files.allowedSignersVariable === undefined ? shellQuote(files.allowedSigners ?? 'allowed_signers') : requiredVariable(files.allowedSignersVariable)}`,
    `-I ${shellQuote(files.identity)}`,
    `-n ${shellQuote(files.namespace ?? handrailNamespace)}`,
    `-s ${shellQuote(files.signature ?? 'payload.sig')}`,
    `< ${shellQuote(files.payload ?? 'payload')}`,
  ];
  return words.join(' ');
}

/** `"${NAME:?message}"`: the variable's value, or the shell stops with the message. */
function requiredVariable(variable: { name: string; unsetMessage: string }): string {
  if (!/^[A-Z_][A-Z0-9_]*$/.test(variable.name) || /["$`\\}]/.test(variable.unsetMessage))
    throw new Error(`${variable.name}: not a variable a recipe can name`);
  return `"\${${variable.name}:?${variable.unsetMessage}}"`;
}

/** POSIX shell quoting: bare when only safe characters, otherwise single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9._+@%/:=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
