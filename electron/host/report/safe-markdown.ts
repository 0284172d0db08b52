import { toTerminalSegments, type TerminalSegment } from './terminal-segments';

/**
 * Untrusted text for the Markdown report and for plain text (CLI, PDF text): escape sequences
 * removed or shown as in safe-terminal-html.ts, controls replaced by the same visible markers,
 * and Markdown syntax neutralised so no input can make a link, an image, HTML or a heading.
 */

/** Terminal output as plain text: escape sequences removed, controls shown as markers. */
export function terminalOutputToPlainText(output: string | Uint8Array): string {
  return segmentsToText(toTerminalSegments(output, { ansi: true }));
}

/** A note or runbook field as plain text: controls (ESC included) shown as markers. */
export function untrustedTextToPlainText(text: string | Uint8Array): string {
  return segmentsToText(toTerminalSegments(text, { ansi: false }));
}

/**
 * Terminal output as a fenced code block. The fence is one backtick longer than the longest run
 * of backticks inside (and at least three), so no line of the output can close it (CommonMark
 * 4.5: a closing fence must be at least as long as the opening one).
 */
export function terminalOutputToMarkdownBlock(output: string | Uint8Array): string {
  const text = terminalOutputToPlainText(output);
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}text\n${body}${fence}\n`;
}

/**
 * A note, name or runbook field as Markdown text that renders literally: every ASCII punctuation
 * character gets a backslash (CommonMark 2.4 allows one before any of them, so this is always
 * correct and covers links, images, HTML, emphasis, headings, lists, tables and directives).
 * GFM turns URLs and e-mail addresses in plain text into links whatever their escapes (remark's
 * autolink-literal works on the parsed text), so any word that looks like one goes into a code
 * span instead, where nothing is linked. With `singleLine`, newlines become ` ↵ ` so the text
 * fits in a table cell or a list item.
 */
export function untrustedTextToMarkdown(
  text: string | Uint8Array,
  options: { singleLine?: boolean } = {},
): string {
  const words = untrustedTextToPlainText(text).split(/([ \t\n]+)/);
  const escaped = words
    .map((word, index) =>
      index % 2 === 1 ? word : autolinkProne.test(word) ? codeSpan(word) : escapeMarkdown(word),
    )
    .join('');
  // Leading spaces or tabs would make an indented code block or continue a list: keep them as
  // non-breaking spaces, which Markdown does not treat as indentation.
  const lines = escaped
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (run) => '\u00a0'.repeat(run.length)));
  return options.singleLine ? lines.join(' \u21b5 ') : lines.join('\n');
}

/** What GFM's autolink literal extension links: scheme URLs, www. hosts and e-mail addresses. */
const autolinkProne = /:\/\/|www\.|@|mailto:|xmpp:/i;

function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}

/** An inline code span showing `text` literally (CommonMark 6.1): delimiters longer than any run inside. */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

function segmentsToText(segments: TerminalSegment[]): string {
  return segments.map((segment) => (segment.kind === 'text' ? segment.text : segment.marker)).join('');
}
