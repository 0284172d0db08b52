import { RpcError } from '../../../shared/contract/index';
import { throwIfCancelled, type Handlers } from '../../../shared/rpc/server';
import { jsonFile, type AuditService } from '../audit/audit-service';
import { AuditSignError } from '../audit/audit-signer';
import type { ReportService } from '../report/report-service';

/** The app's audit exports (shared/contract/audit.ts); the logic is electron/host/audit/'s. */
export function auditHandlers(audit: AuditService, reports: ReportService): Handlers {
  return {
    'audit.changeRecord': ({ runId }) => ({
      fileName: `${runId.slice(0, 8)}.change-record.json`,
      mediaType: 'application/json',
      encoding: 'utf8' as const,
      content: jsonFile(audit.changeRecord(runId)).toString('utf8'),
    }),
    'audit.statement': async ({ runId, format, signer, key }, { signal }) => {
      const report = await reports.export(runId, format);
      const bytes = Buffer.from(report.content, report.encoding);
      let signed;
      try {
        signed = await audit.statement(runId, [{ name: report.fileName, bytes }], signer, key);
      } catch (error) {
        if (error instanceof AuditSignError)
          throw new RpcError('invalid_params', error.message, 'params.key');
        throw error;
      }
      throwIfCancelled(signal);
      const base = report.fileName.replace(/\.[a-z.]+$/, '');
      return {
        files: [
          report,
          {
            fileName: `${base}.statement.json`,
            mediaType: 'application/json',
            encoding: 'utf8' as const,
            content: signed.bytes.toString('utf8'),
          },
          {
            fileName: `${base}.statement.sig`,
            mediaType: 'text/plain',
            encoding: 'utf8' as const,
            content: signed.signature.signature,
          },
        ],
        principal: signed.signature.principal,
        allowedSignersLine: signed.signature.allowedSignersLine,
      };
    },
    'audit.asciicast': ({ runId }) =>
      audit.casts(runId).map((cast, index) => ({
        fileName: `${runId.slice(0, 8)}-terminal-${index + 1}.cast`,
        mediaType: 'application/x-asciicast',
        encoding: 'utf8' as const,
        content: cast.text,
      })),
  };
}
