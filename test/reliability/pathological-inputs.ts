/**
 * Inputs built to hurt a Markdown or reStructuredText reader rather than drawn from real guides:
 * delimiter runs (micromark's attention resolution is superlinear on them), nested directive
 * fences, deep lists and quotes, very long lines, many link references. Each is sized to take a
 * naive reader far past the runbook reader's limit, and each goes to every reader.
 */
export interface PathologicalInput {
  name: string;
  /** Made when asked for: together they would weigh some 100 MB. */
  text: () => string;
}

const guide = (body: string): string => `# A pathological guide\n\n## Step\n\n${body}\n`;

export function pathologicalInputs(): PathologicalInput[] {
  const inputs: Array<[string, () => string]> = [
    ["'*a_' x 100,000 (delimiter run)", () => guide('*a_'.repeat(100_000))],
    ["'_*' x 100,000 (mixed delimiters)", () => guide('_*'.repeat(100_000))],
    ["'**a' x 50,000 (unclosed strong)", () => guide('**a'.repeat(50_000))],
    ['`` ` `` x 50,000 (code span openers)', () => guide('`a``'.repeat(50_000))],
    ["'[' x 100,000 (link openers)", () => guide('[a'.repeat(100_000))],
    [
      "'![' x 50,000 then '](' (image openers)",
      () => guide(`${'!['.repeat(50_000)}${'](x)'.repeat(50_000)}`),
    ],
    ['2,000 nested ":::" fences', () => guide(nestedFences(2_000))],
    ['1,000 nested ":::" fences, each with text', () => guide(nestedFences(1_000, 'text\n\n'))],
    ['a list 10,000 levels deep', () => guide(deepList(10_000))],
    ['a blockquote 50,000 levels deep', () => guide(`${'>'.repeat(50_000)} deep\n`)],
    ['a 20 MB line', () => guide('word '.repeat(4_000_000))],
    ['a 5 MB line of emphasis pairs', () => guide('*a* _b_ '.repeat(650_000))],
    ['100,000 link reference definitions used once each', () => guide(references(100_000))],
    ['200,000 table rows', () => guide(`| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(200_000)}`)],
    ['rST: 2,000 nested directive blocks', () => nestedRst(2_000)],
    ['rST: a 10 MB line of inline markup starts', () => `Title\n=====\n\n${'*a `b '.repeat(1_700_000)}\n`],
  ];
  return inputs.map(([name, text]) => ({ name, text }));
}

/** Directive fences inside each other: each outer fence one colon longer than the one inside. */
function nestedFences(depth: number, body = ''): string {
  const lines: string[] = [];
  for (let level = 0; level < depth; level++) lines.push(`${':'.repeat(3 + depth - level)}note`, body);
  for (let level = depth - 1; level >= 0; level--) lines.push(':'.repeat(3 + depth - level));
  return lines.join('\n');
}

function deepList(depth: number): string {
  return Array.from({ length: depth }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
}

function references(count: number): string {
  const uses = Array.from({ length: count }, (_, index) => `[r${index}]`).join(' ');
  const definitions = Array.from({ length: count }, (_, index) => `[r${index}]: http://x/${index}`).join(
    '\n',
  );
  return `${uses}\n\n${definitions}`;
}

function nestedRst(depth: number): string {
  const lines = ['Title', '=====', ''];
  for (let level = 0; level < depth; level++) lines.push(`${'   '.repeat(level)}.. note::`, '');
  lines.push(`${'   '.repeat(depth)}deep`);
  return lines.join('\n');
}
