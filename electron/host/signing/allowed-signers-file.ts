import { sshFingerprint } from './ssh-public-key';

/** One key a reader trusts, from their allowed_signers file (ssh-keygen(1), ALLOWED SIGNERS). */
export interface TrustedSigner {
  /** Principals the key may sign as (`alice@handrail`); `*` and `?` patterns as OpenSSH has them. */
  principals: string[];
  /** The namespaces the key may sign in; null: any. */
  namespaces: string[] | null;
  keyType: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it and a signature check reports it. */
  fingerprint: string;
  /** 1-based line of the file, for messages. */
  line: number;
}

/** A line of the file that cannot be used, named by file and line: nothing is skipped silently. */
export class AllowedSignersError extends Error {}

/**
 * Reads an allowed_signers file in OpenSSH's own format, so the file a team already keeps for
 * `ssh-keygen -Y verify` (and git's `gpg.ssh.allowedSignersFile`) is the one Handrail trusts:
 * `principals [options] keytype base64 [comment]`, `#` comments and blank lines ignored. Options
 * understood: `namespaces="a,b"`. `cert-authority`, `valid-after` and `valid-before` are refused
 * with the line named, rather than read as a plain key (which would trust more than the file says).
 */
export function parseAllowedSigners(text: string, fileName: string): TrustedSigner[] {
  const signers: TrustedSigner[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const content = raw.trim();
    if (content === '' || content.startsWith('#')) continue;
    const where = `${fileName}:${index + 1}`;
    signers.push(signerOf(fields(content, where), where, index + 1));
  }
  return signers;
}

function signerOf(words: string[], where: string, line: number): TrustedSigner {
  const [principalField, second, ...rest] = words;
  if (principalField === undefined || second === undefined)
    throw new AllowedSignersError(`${where}: expected "principals [options] keytype base64"`);
  const hasOptions = !looksLikeKeyType(second);
  const options = hasOptions ? optionsOf(second, where) : { namespaces: null };
  const [keyType, base64] = hasOptions ? rest : [second, rest[0]];
  if (keyType === undefined || base64 === undefined)
    throw new AllowedSignersError(
      `${where}: the key is missing (expected "keytype base64" after the principals)`,
    );
  return {
    principals: unquote(principalField)
      .split(',')
      .filter((principal) => principal !== ''),
    namespaces: options.namespaces,
    keyType,
    fingerprint: sshFingerprint(keyBlob(keyType, base64, where)),
    line,
  };
}

function optionsOf(field: string, where: string): { namespaces: string[] | null } {
  let namespaces: string[] | null = null;
  for (const option of splitOutsideQuotes(field, (char) => char === ',') ?? [field]) {
    const [name = '', ...value] = option.split('=');
    const lower = name.toLowerCase();
    if (lower === 'namespaces') namespaces = unquote(value.join('=')).split(',');
    else if (lower === 'cert-authority' || lower === 'valid-after' || lower === 'valid-before')
      throw new AllowedSignersError(
        `${where}: option "${lower}" is not supported by Handrail's verifier; check with ssh-keygen -Y verify, or list the key itself`,
      );
    else throw new AllowedSignersError(`${where}: unknown option "${name}"`);
  }
  return { namespaces };
}

/** The key blob, checked to be base64 of a key of the type the line says. */
function keyBlob(keyType: string, base64: string, where: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new AllowedSignersError(`${where}: the key is not base64`);
  const blob = Buffer.from(base64, 'base64');
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  const inner =
    length >= 0 && 4 + length <= blob.length ? blob.subarray(4, 4 + length).toString('latin1') : '';
  if (inner !== keyType)
    throw new AllowedSignersError(`${where}: the line says "${keyType}" but the key inside is "${inner}"`);
  return new Uint8Array(blob);
}

function looksLikeKeyType(word: string): boolean {
  return /^(ssh-|ecdsa-sha2-|sk-)/.test(word);
}

/** Whitespace-separated fields; a double-quoted part keeps its spaces. */
function fields(content: string, where: string): string[] {
  const parts = splitOutsideQuotes(content, (char) => /\s/.test(char));
  if (parts === undefined) throw new AllowedSignersError(`${where}: a quote is not closed`);
  return parts.filter((part) => part !== '');
}

/** `text` split at the characters `isSeparator` takes, outside double quotes; undefined if a quote is open. */
function splitOutsideQuotes(text: string, isSeparator: (char: string) => boolean): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && isSeparator(char)) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return quoted ? undefined : parts;
}

function unquote(text: string): string {
  return text.replace(/^"(.*)"$/, '$1');
}
