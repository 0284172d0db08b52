import { z } from 'zod';
import { method } from './define';
import { exportedFile, signingKeyChoice } from './reports';
import { personName, runId } from './runs';

/**
 * Audit exports of a finished run (issue 19 item 5, docs/audit-exports.md): the change record
 * (change-request field names), an in-toto statement signed as SSHSIG over a report exported
 * with it, and the run's terminal sessions as asciicast v3. The auditor pack of a period is the
 * CLI's (`handrail audit pack`): a file of many runs is written to disk, not sent as one answer.
 */

/** The report forms a statement can be made over: the text forms, exported with it. */
export const attestedFormat = z.enum(['html', 'markdown', 'json', 'bundle']);

export const auditMethods = {
  'audit.changeRecord': method(z.strictObject({ runId }), exportedFile),
  /**
   * Exports the report in `format` and makes a statement over it (subject: its file name and
   * sha256), signed as `signer` with `key`: the report, `….statement.json` and `….statement.sig`,
   * and the allowed_signers line for the key and the signer's principal.
   */
  'audit.statement': method(
    z.strictObject({
      runId,
      format: attestedFormat.default('html'),
      signer: personName,
      key: signingKeyChoice,
    }),
    z.object({ files: z.array(exportedFile), principal: z.string(), allowedSignersLine: z.string() }),
  ),
  /** Each terminal session of the run as asciicast v3, with a marker at every step start. */
  'audit.asciicast': method(z.strictObject({ runId }), z.array(exportedFile)),
};
