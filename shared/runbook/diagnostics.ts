import { z } from 'zod';

export const diagnosticSeverity = z.enum(['error', 'warning', 'info']);
export type DiagnosticSeverity = z.infer<typeof diagnosticSeverity>;

/** One finding about a file, located like a compiler message: file:line:column. */
export const diagnostic = z.object({
  severity: diagnosticSeverity,
  message: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type Diagnostic = z.infer<typeof diagnostic>;

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}
