import { isAbsolute } from 'node:path';
import type { Database } from 'better-sqlite3';
import { RpcError } from '../../../shared/contract/errors';
import { AllowedSignersError, type TrustedSigner } from '../signing/allowed-signers-file';
import { readAllowedSigners } from '../signing/read-allowed-signers';

const allowedSignersKey = 'trust.allowed_signers_file';

/**
 * Whose keys this workspace (its data folder) trusts: the path of the team's allowed_signers
 * file, like git's gpg.ssh.allowedSignersFile (issue 19). Only the path is stored; the file is
 * read at each use, so a key the team adds or removes counts at the next check, and a file that
 * went bad is an error naming file and line rather than an old copy trusted silently.
 */
export class WorkspaceTrust {
  constructor(private readonly db: Database) {}

  allowedSignersPath(): string | null {
    const row = this.db
      .prepare('SELECT value FROM workspace_settings WHERE key = ?')
      .get(allowedSignersKey) as { value: string } | undefined;
    return row?.value ?? null;
  }

  /** null clears the setting. A path is kept only if its file reads and every line parses now. */
  setAllowedSignersPath(path: string | null): void {
    if (path === null) {
      this.db
        .transaction(() => {
          this.db.prepare('DELETE FROM workspace_settings WHERE key = ?').run(allowedSignersKey);
        })
        .immediate();
      return;
    }
    // The host's working folder means nothing to someone typing into a page: a full path only.
    if (!isAbsolute(path))
      throw new RpcError(
        'invalid_params',
        `${path}: give the allowed_signers file's full path`,
        'params.path',
      );
    readTrusted(path, 'params.path');
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO workspace_settings (key, value, set_at) VALUES (?, ?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_at = excluded.set_at`,
          )
          .run(allowedSignersKey, path, new Date().toISOString());
      })
      .immediate();
  }

  /** The file's keys as it reads now; null when the workspace has no trust file. */
  trustedSigners(): { path: string; signers: TrustedSigner[] } | null {
    const path = this.allowedSignersPath();
    if (path === null) return null;
    return { path, signers: readTrusted(path) };
  }
}

function readTrusted(path: string, field?: string): TrustedSigner[] {
  try {
    return readAllowedSigners(path);
  } catch (error) {
    if (error instanceof AllowedSignersError)
      throw new RpcError(field === undefined ? 'conflict' : 'invalid_params', error.message, field);
    throw error;
  }
}
