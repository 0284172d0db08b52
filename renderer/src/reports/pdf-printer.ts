/**
 * The desktop app prints PDFs with Electron's printToPDF (main process, through the preload's
 * `handrailPdf`); browser mode has none, and the host prints with headless Chromium instead.
 */
export interface PdfPrinter {
  /** Prints a self-contained HTML document; the PDF comes back as base64. */
  print(html: string): Promise<string>;
}

export function pdfPrinter(): PdfPrinter | undefined {
  return (window as unknown as { handrailPdf?: PdfPrinter }).handrailPdf;
}
