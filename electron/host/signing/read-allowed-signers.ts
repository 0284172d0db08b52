import { readFileSync } from 'node:fs';
import { AllowedSignersError, parseAllowedSigners, type TrustedSigner } from './allowed-signers-file';

/**
 * The reader's allowed_signers file, read and parsed: a file that cannot be read, or a line that
 * cannot be used, is an AllowedSignersError naming the file (and line), never an empty trust.
 * Shared by `handrail verify --allowed-signers` and the workspace's trust setting, so both read
 * a file the same way.
 */
export function readAllowedSigners(path: string): TrustedSigner[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AllowedSignersError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  return parseAllowedSigners(text, path);
}
