import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Which reader an input goes to (the worker maps each to the host function). */
export type FuzzTarget =
  'import-md' | 'import-mdx' | 'import-rst' | 'import-sh' | 'parse-runbook' | 'lint-runbook';

export interface FuzzInput {
  target: FuzzTarget;
  text: string;
}

export interface Corpus {
  name: string;
  text: string;
}

/** The guides, scripts and runbook templates in the folders named (README files left out). */
export function readCorpus(folders: string[]): Corpus[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => /\.(md|rst|sh)$/.test(name) && !name.startsWith('README'))
      .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') })),
  );
}

/** mulberry32: a small seeded generator, so a run is repeatable from its printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Pieces of the syntaxes the readers know, to splice in where they hurt most. */
const tokens = [
  '\n',
  '\n\n',
  '#',
  '## ',
  '### ',
  '```',
  '```bash run',
  '~~~',
  ':::',
  ':::warning\n',
  '---\n',
  '===\n',
  '.. code-block:: console\n\n   ',
  '.. note::\n',
  '::\n\n',
  '   ',
  '\t',
  '{#',
  '}',
  '{window=before}',
  '{kind=check evidence estimate=10m}',
  'expect-exit=',
  '{{',
  '}}',
  '$ ',
  '# ',
  '|',
  '- ',
  '* ',
  '1. ',
  '[',
  '](',
  ')',
  '<',
  '>',
  '<!--',
  '-->',
  '`',
  '*',
  '_',
  '\\',
  '"',
  "'",
  '\r',
  '\r\n',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '\ud83d\ude80',
  '\ud800',
  'Größe',
  '{{ variable }}',
  'title:',
  'variables:\n  - name: x\n',
  '\u0000',
];

/**
 * `count` inputs: a fifth pure noise, the rest windows of the corpus with 1–8 mutations (splice a
 * token, delete, duplicate or move a range, swap case), each sent to one reader.
 */
export function* fuzzInputs(corpus: Corpus[], count: number, seed: number): Generator<FuzzInput> {
  const next = random(seed);
  const int = (below: number): number => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const targets: FuzzTarget[] = [
    'import-md',
    'import-mdx',
    'import-rst',
    'import-sh',
    'parse-runbook',
    'lint-runbook',
  ];
  for (let index = 0; index < count; index++) {
    const target = pick(targets);
    if (next() < 0.2) {
      yield { target, text: noise(int, pick) };
      continue;
    }
    const source = pick(corpus).text;
    // Windows of up to 2 kB: whole small guides, parts of large ones (remark reads ~250 kB/s here).
    const length = 1 + int(Math.min(source.length, 2000));
    const start = int(source.length - length + 1);
    let text = source.slice(start, start + length);
    const mutations = 1 + int(8);
    for (let m = 0; m < mutations; m++) text = mutate(text, int, pick);
    yield { target, text };
  }
}

function noise(int: (below: number) => number, pick: <T>(items: readonly T[]) => T): string {
  const parts: string[] = [];
  const length = int(200);
  for (let index = 0; index < length; index++)
    parts.push(int(3) === 0 ? pick(tokens) : String.fromCharCode(int(0x3000)));
  return parts.join('');
}

function mutate(text: string, int: (below: number) => number, pick: <T>(items: readonly T[]) => T): string {
  const at = int(text.length + 1);
  const span = int(Math.min(200, text.length - at) + 1);
  switch (int(5)) {
    case 0:
      return text.slice(0, at) + pick(tokens) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + span);
    case 2:
      return text.slice(0, at + span) + text.slice(at, at + span) + text.slice(at + span);
    case 3: {
      const piece = text.slice(at, at + span);
      const rest = text.slice(0, at) + text.slice(at + span);
      const to = int(rest.length + 1);
      return rest.slice(0, to) + piece + rest.slice(to);
    }
    default:
      return text.slice(0, at) + text.slice(at, at + span).toUpperCase() + text.slice(at + span);
  }
}
