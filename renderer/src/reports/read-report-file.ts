/** A chosen report or bundle file as text, for `reports.verify` and `reports.import`. */
export interface ReportFileText {
  fileName: string;
  content: string;
}

/**
 * Reads a file strictly as UTF-8: reports and bundles are text, and a PDF (or anything binary) is
 * refused here with what to choose instead, rather than being sent to the host as mangled text.
 */
export async function readReportFile(file: File): Promise<ReportFileText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length === 0) throw new Error(`${file.name}: the file is empty`);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 5));
  if (head === '%PDF-')
    throw new Error(
      `${file.name}: a PDF carries no record to check; verify the HTML or JSON report or the bundle`,
    );
  try {
    return { fileName: file.name, content: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new Error(`${file.name}: not UTF-8 text, so not a Handrail report (HTML, JSON) or bundle`);
  }
}
