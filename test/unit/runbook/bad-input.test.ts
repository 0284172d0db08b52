import { describe, expect, it } from 'vitest';
import {
  importGuide,
  lintRunbook,
  parseRunbook,
  RunbookInputError,
} from '../../../electron/host/runbook/index';

function failure(run: () => unknown): RunbookInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof RunbookInputError) return error;
    throw error;
  }
  throw new Error('expected a RunbookInputError');
}

const valid = '---\ntitle: T\n---\n\n## Phase {window=inside}\n\n### Step {#s kind=instruction}\n\nRead.\n';

describe('bad input gives one located error, never a crash or a hang', () => {
  it('a binary file', () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0x10]);
    const error = failure(() => importGuide(bytes, 'image.md'));
    expect(error.message).toMatch(/^image\.md:1:\d+: .*binary/);
  });

  it('a file of NUL bytes that is valid UTF-8', () => {
    expect(failure(() => parseRunbook(new Uint8Array(64), 'zeros.md')).message).toContain('binary');
  });

  it('a 50 MB file', () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x61);
    expect(failure(() => importGuide(big, 'huge.md')).message).toMatch(
      /^huge\.md:1:1: the file is larger than 50 MB/,
    );
  });

  it('a file too large to be a guide', () => {
    expect(failure(() => importGuide('a\n'.repeat(4_500_000), 'big.md')).message).toContain(
      'larger than 8 MB',
    );
  });

  it('invalid UTF-8, with its line', () => {
    const bytes = Buffer.concat([Buffer.from('# Title\n\nline two\nbad: '), Buffer.from([0xc3, 0x28])]);
    const error = failure(() => importGuide(bytes, 'latin.md'));
    expect(error).toMatchObject({ file: 'latin.md', line: 4, column: 6 });
    expect(error.message).toContain('invalid UTF-8');
  });

  it('an unterminated code fence', () => {
    const error = failure(() => parseRunbook(`${valid}\n\`\`\`bash run\necho never closed\n`, 'fence.md'));
    expect(error).toMatchObject({ line: 11 });
    expect(error.message).toContain('never closed');
    expect(failure(() => importGuide('# G\n\n## A\n\n~~~~\nx\n~~~\n', 'g.md')).line).toBe(5);
  });

  it('deeply nested lists', () => {
    const nested = Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    const error = failure(() => importGuide(`# Guide\n\n${nested}\n`, 'nested.md'));
    expect(error.message).toMatch(/nested\.md:\d+:1: lists or quotes are nested more than 64 levels deep/);
    expect(failure(() => importGuide(`${'>'.repeat(400)} deep\n`, 'quote.md')).message).toContain('nested');
    const rst = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}* item`).join('\n\n');
    expect(failure(() => importGuide(`Title\n=====\n\n${rst}\n`, 'nested.rst')).message).toContain(
      'nested too deeply',
    );
  });

  it('a heading with no steps', () => {
    const error = failure(() =>
      parseRunbook(`${valid}\n## Empty phase {window=after}\n\nJust words.\n`, 'empty.md'),
    );
    expect(error.message).toBe(
      "empty.md:11:1: the phase 'Empty phase' has no steps: add ### step headings under it",
    );
  });

  it('front matter that is not YAML', () => {
    const error = failure(() =>
      parseRunbook('---\ntitle: [unclosed\nvariables: {\n---\n\n## P\n\n### S {#s}\n', 'fm.md'),
    );
    expect(error.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toContain('front matter is not valid YAML');
    expect(
      failure(() => parseRunbook('---\n- a list\n---\n## P\n\n### S {#s}\n', 'list.md')).message,
    ).toContain('mapping');
    const guide = failure(() =>
      importGuide('---\ntitle: ok\nsidebar: [a\n---\n\n# Guide\n\nText.\n', 'guide.mdx'),
    );
    expect(guide.message).toMatch(/^guide\.mdx:\d+:\d+: front matter is not valid YAML/);
    expect(guide.line).toBeGreaterThanOrEqual(3);
  });

  it('a variable used but not declared', () => {
    const text = `${valid}\n### Run {#run kind=command}\n\n\`\`\`bash run\necho {{ release }}\n\`\`\`\n`;
    const error = failure(() => parseRunbook(text, 'vars.md'));
    expect(error).toMatchObject({ file: 'vars.md', line: 14, column: 6 });
    expect(error.message).toContain("variable 'release' is used but not declared");
  });

  it('lint reports problems instead of throwing, errors first', () => {
    const diagnostics = lintRunbook(
      '## P\n\n### S {kind=bogus}\n\n```bash run\nset -e\necho {{x}}\n```\n',
      'lint.md',
    );
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}`)).toEqual([
      '1:1 error',
      '3:1 error',
      '7:6 error',
      '3:1 warning',
      '5:1 warning',
    ]);
    expect(lintRunbook(new Uint8Array([0xff]), 'b.md')[0]?.message).toContain('UTF-8');
  });
});
