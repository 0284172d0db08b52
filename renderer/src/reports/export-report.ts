import type { ExportedFile, ExportFormat } from '../../../shared/contract/index';
import type { RpcClient } from '../../../shared/rpc/client';
import { pdfPrinter } from './pdf-printer';

/**
 * One report file from the host. A PDF in the desktop app is printed from the HTML report by
 * Electron itself; elsewhere the host prints it.
 */
export async function exportReport(
  client: RpcClient,
  runId: string,
  format: ExportFormat,
): Promise<ExportedFile> {
  const printer = pdfPrinter();
  if (format !== 'pdf' || printer === undefined) return client.call('reports.export', { runId, format });
  const html = await client.call('reports.export', { runId, format: 'html' });
  return {
    fileName: html.fileName.replace(/\.html$/, '.pdf'),
    mediaType: 'application/pdf',
    encoding: 'base64',
    content: await printer.print(html.content),
  };
}
