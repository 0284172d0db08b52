import { expect, test } from 'vitest';
import { lintRunbook } from '../../../electron/host/runbook/lint';

/** Where `needle` is in `text`, counted the way an editor does: 1-based line and column. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const before = text.slice(0, text.indexOf(needle));
  const lines = before.split('\n');
  return { line: lines.length, column: [...(lines.at(-1) ?? '')].length + 1 };
}

test('lint warns at a bidi control in a command and at an escape in prose, naming each', () => {
  // A Trojan Source command: reviewed as "rm -rf /tmp/old", run as what the bytes say.
  const trojan = 'echo "safe \u202e; rm -rf ~ #\u2066" ';
  const text = [
    '---',
    'title: Trojan',
    '---',
    '',
    '# Upgrade',
    '',
    '## Clean up',
    '',
    'Remove the old images \u001b[8mnow.',
    '',
    '```bash',
    trojan,
    '```',
    '',
  ].join('\n');
  const warnings = lintRunbook(text, 'trojan.md').filter((d) => /control/.test(d.message));
  const bidi = positionOf(text, '\u202e');
  const escape = positionOf(text, '\u001b');
  expect(warnings).toEqual([
    expect.objectContaining({
      severity: 'warning',
      file: 'trojan.md',
      line: escape.line,
      column: escape.column,
    }),
    expect.objectContaining({ severity: 'warning', file: 'trojan.md', line: bidi.line, column: bidi.column }),
  ]);
  expect(warnings[1]?.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control');
  expect(warnings[0]?.message).toContain('U+001B, a control character');
});

test('tabs and CRLF line ends are not warned about', () => {
  const text =
    '---\r\ntitle: Tabs\r\n---\r\n\r\n# Phase\r\n\r\n## Step\r\n\r\n```bash\r\nprintf "a\tb"\r\n```\r\n';
  expect(lintRunbook(text, 'tabs.md').filter((d) => /control/.test(d.message))).toEqual([]);
});
