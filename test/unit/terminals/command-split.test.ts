import { parse, type File } from 'sh-syntax';
import { describe, expect, test } from 'vitest';
import { splitCommands } from '../../../electron/host/terminal/shell-integration/command-split';
import {
  sharedBlocks,
  sharedBlocksMissing,
  templateBlocks,
  type ShellBlock,
} from '../../support/shell-blocks';

/**
 * The splitter against an independent reading: mvdan/sh's parser (the one shfmt uses), run as
 * WASM. Its top-level statements, with two of Handrail's rules applied on top (a line with a
 * here-document is one command with its body; nothing else is merged), must start where the
 * splitter's commands start and end where they end (a trailing comment aside).
 */
async function oracle(text: string): Promise<Array<{ start: number; end: number }> | undefined> {
  let file: File;
  try {
    file = await parse(text);
  } catch {
    return undefined; // not valid bash: nothing to compare with
  }
  const bytes = Buffer.from(text, 'utf8');
  const char = (offset: number): number => bytes.subarray(0, offset).toString('utf8').length;
  const groups: Array<{ start: number; end: number; heredocEnd: number }> = [];
  for (const statement of file.Stmts) {
    const start = char(statement.Pos.Offset);
    const end = char(statement.End.Offset);
    const heredocEnd = deepestHeredocEnd(statement);
    const last = groups.at(-1);
    if (last !== undefined && last.heredocEnd > start) {
      last.end = Math.max(last.end, end);
      last.heredocEnd = Math.max(last.heredocEnd, heredocEnd === 0 ? 0 : char(heredocEnd));
      continue;
    }
    groups.push({ start, end, heredocEnd: heredocEnd === 0 ? 0 : char(heredocEnd) });
  }
  return groups.map(({ start, end, heredocEnd }) => ({ start, end: Math.max(end, heredocEnd) }));
}

/** The end offset of the last here-document body anywhere in a statement (0 if it has none). */
function deepestHeredocEnd(node: unknown): number {
  let end = 0;
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    const record = item as Record<string, unknown>;
    const hdoc = record.Hdoc as { End?: { Offset: number } } | null | undefined;
    if (hdoc?.End !== undefined && typeof record.Op === 'string' && record.Op.startsWith('<<'))
      end = Math.max(end, hdoc.End.Offset);
    stack.push(...Object.values(record));
  }
  return end;
}

async function compare(block: ShellBlock): Promise<string | undefined> {
  const text = block.text.replace(/\r\n?/g, '\n');
  const expected = await oracle(text);
  if (expected === undefined) return undefined;
  const parts = splitCommands(text);
  const starts = parts.map((part) => part.offset);
  const wanted = expected.map((group) => text.slice(group.start, group.end).trimEnd().replace(/;$/, ''));
  const got = parts.map((part, index) => part.text.slice(0, (wanted[index] ?? '').length));
  if (parts.length !== expected.length || starts.some((start, index) => start !== expected[index]?.start))
    return `${block.source}: split into ${JSON.stringify(parts.map((p) => p.text))}, the parser reads ${JSON.stringify(wanted)}`;
  for (const [index, part] of parts.entries()) {
    const rest = part.text.slice(got[index]?.length ?? 0);
    if (got[index] !== wanted[index] || !/^\s*(#.*)?$/.test(rest))
      return `${block.source}: command ${index + 1} is ${JSON.stringify(part.text)}, the parser reads ${JSON.stringify(wanted[index])}`;
  }
  return undefined;
}

async function mismatches(blocks: readonly ShellBlock[]): Promise<string[]> {
  const found: string[] = [];
  for (const block of blocks) {
    const problem = await compare(block);
    if (problem !== undefined) found.push(problem);
  }
  return found;
}

describe('splitting a block into commands', () => {
  test('the documented cases', () => {
    const texts = (block: string) => splitCommands(block).map((command) => command.text);
    expect(texts('false; echo ok')).toEqual(['false', 'echo ok']);
    expect(texts('cd /srv\ngit fetch origin\n\n# a comment\ngit status')).toEqual([
      'cd /srv',
      'git fetch origin',
      'git status',
    ]);
    expect(texts('set -e\nfor svc in a b; do\n  osism apply "$svc"\ndone')).toEqual([
      'set -e',
      'for svc in a b; do\n  osism apply "$svc"\ndone',
    ]);
    expect(texts('if [ -f x ]; then\n  echo y; fi; echo after')).toEqual([
      'if [ -f x ]; then\n  echo y; fi',
      'echo after',
    ]);
    expect(texts("cat <<'EOF' > f; echo same-line\nbody; not a command\nEOF\necho next")).toEqual([
      "cat <<'EOF' > f; echo same-line\nbody; not a command\nEOF",
      'echo next',
    ]);
    expect(texts('kayobe playbook run \\\n  site.yml\nls | \n  wc -l')).toEqual([
      'kayobe playbook run \\\n  site.yml',
      'ls | \n  wc -l',
    ]);
    expect(texts('sleep 5 & wait')).toEqual(['sleep 5 &', 'wait']);
    expect(texts('x=$(case a in a) echo "a;b";; esac); echo "$x"')).toEqual([
      'x=$(case a in a) echo "a;b";; esac)',
      'echo "$x"',
    ]);
    expect(texts('[[ $x =~ ^(a|b)$ ]] && echo m; f() { echo; }; f')).toEqual([
      '[[ $x =~ ^(a|b)$ ]] && echo m',
      'f() { echo; }',
      'f',
    ]);
    expect(texts('echo "never closed\nls')).toEqual(['echo "never closed\nls']);
  });

  test('lines and compound commands are reported', () => {
    expect(splitCommands('a\n\nfor i in 1; do\n b\ndone\nf() { c; }')).toEqual([
      { text: 'a', line: 1, offset: 0, compound: false },
      { text: 'for i in 1; do\n b\ndone', line: 3, offset: 3, compound: true },
      { text: 'f() { c; }', line: 6, offset: 26, compound: false },
    ]);
  });

  test('agrees with mvdan/sh on every runnable block of the bundled templates', async () => {
    const blocks = templateBlocks();
    expect(blocks.length).toBeGreaterThan(40);
    expect(await mismatches(blocks)).toEqual([]);
  });

  const missing = sharedBlocksMissing();
  test.skipIf(missing !== undefined)(
    'agrees with mvdan/sh on the seed guides, the shared guides and their scripts',
    async () => {
      const blocks = sharedBlocks();
      expect(blocks.length).toBeGreaterThan(200);
      expect(await mismatches(blocks)).toEqual([]);
    },
  );
  if (missing !== undefined) console.warn(missing);

  test('agrees with mvdan/sh on generated blocks', async () => {
    const blocks = generatedBlocks(250, 20260521);
    expect(await mismatches(blocks)).toEqual([]);
  });
});

/** Blocks put together from the shell's constructs, nested and on one line or several. */
function generatedBlocks(count: number, seed: number): ShellBlock[] {
  let state = seed;
  const random = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const simple = [
    'echo "a; b" \'c && d\'',
    'ls -l | grep -v "^total" | wc -l',
    'test -d /tmp && echo yes || echo no',
    'x=$(date +%s); echo "$x"',
    'export KAYOBE_CONFIG_PATH=${HOME}/kayobe/etc/kayobe',
    'source venv/bin/activate',
    'echo `uname -r`',
    'cmd 2>&1 >/dev/null',
    'arr=(one "two three"); echo ${arr[1]}',
    "printf '%s\\n' $'tab\\there'",
    '(( n = 3 * (2 + 1) ))',
    '[[ -n $x && $x != "a b" ]]',
    'diff <(ls a) <(ls b)',
    'sleep 1 &',
    'echo ${x:-"default; value"}',
    'kayobe overcloud host command run --command "df -h" \\\n  --limit controllers',
    '! grep -q error log',
    'echo done # trailing comment',
  ];
  const wrap = (body: string): string => {
    switch (random(7)) {
      case 0:
        return `if ${simple[random(simple.length)]}; then\n  ${body}\nelse\n  echo no\nfi`;
      case 1:
        return `for h in a b c; do\n  ${body}\ndone`;
      case 2:
        return `while read -r line; do ${body}; done < file`;
      case 3:
        return `case "$x" in\n  a|b) ${body} ;;\n  (*) echo other ;;\nesac`;
      case 4:
        return `{ ${body}; } > out.log`;
      case 5:
        return `( cd /tmp && ${body} )`;
      default:
        return `fn_${random(100)}() {\n  ${body}\n}`;
    }
  };
  const statement = (): string => {
    const roll = random(10);
    if (roll < 5) return simple[random(simple.length)] as string;
    if (roll < 8) return wrap(simple[random(simple.length)] as string);
    if (roll < 9) return `cat <<${random(2) === 0 ? 'EOF' : "'EOF'"} > f.txt\nline $x; (not code\nEOF`;
    return wrap(wrap(simple[random(simple.length)] as string));
  };
  const blocks: ShellBlock[] = [];
  for (let index = 0; index < count; index += 1) {
    const lines: string[] = [];
    const length = 1 + random(6);
    for (let line = 0; line < length; line += 1) {
      lines.push(random(4) === 0 ? `${statement()}; ${statement()}` : statement());
      if (random(6) === 0) lines.push(random(2) === 0 ? '' : '# a comment line');
    }
    blocks.push({ source: `generated #${index}`, text: lines.join('\n') });
  }
  return blocks;
}
