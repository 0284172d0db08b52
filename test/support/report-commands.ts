import { parseStrictHtml } from './html-safety';

/**
 * The shell commands a Handrail report itself prints under signature N (read from the report's
 * text, as a reader would copy them), so tests run exactly what the report tells people to run.
 */
export function reportVerifyCommands(text: string, format: 'html' | 'markdown', number: number): string {
  if (format === 'markdown') {
    const start = text.indexOf(`### Signature ${number}:`);
    const block = /(`{3,})text\n([\s\S]*?)\n\1\n/.exec(text.slice(start));
    return block![2]!;
  }
  const parsed = parseStrictHtml(
    text
      .slice(text.indexOf(`<h3>Signature ${number}:`))
      .split('<p>Signed payload')[0]!
      .replace(/^.*?<\/h3>/s, ''),
  );
  return parsed.runs
    .filter((run) => run.ancestors.some((element) => element.tag === 'pre'))
    .map((run) => run.text)
    .join('');
}
