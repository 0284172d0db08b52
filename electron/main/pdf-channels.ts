/** IPC channel for printing a report to PDF; no imports, so the sandboxed preload can bundle it. */
export const pdfChannels = { print: 'handrail:pdf:print' } as const;
