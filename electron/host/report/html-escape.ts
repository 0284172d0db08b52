/**
 * Escapes text for HTML element content and double-quoted attribute values. Every string that
 * comes from a runbook, a note or a terminal passes through here (or through the terminal
 * renderer, which escapes the same way) before it is part of a report.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
