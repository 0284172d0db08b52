import type { Step } from '../../../../shared/runbook/index';

/**
 * A step title from prose: the first sentence of the first paragraph (its lines joined), as plain
 * text. Emphasis marks go, but `_` and `*` inside inline code stay (`web_worker_count`), and a
 * title cut for length never leaves a backtick open.
 */
export function deriveTitle(texts: readonly string[]): string | undefined {
  const first = texts.find((t) => t.trim() !== '');
  if (first === undefined) return undefined;
  const paragraph = first.trim().split(/\n\s*\n/, 1)[0]!;
  const plain = plainText(paragraph.replace(/^[\s>-]+/, '').replace(/\s*\n\s*(?:>\s?)?/g, ' ')).replace(
    /^(?:step\s+)?\d{1,3}[.):]\s+/i,
    '',
  );
  const sentence = firstSentence(plain);
  return sentence.length > 80 ? cutTitle(sentence, 77) : sentence;
}

/** Links to their label and emphasis removed, outside inline code only. */
function plainText(text: string): string {
  return text
    .split(/(`[^`\n]{0,300}`)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\[([^\]\n]{0,300})\]\([^)\n]{0,1000}\)/g, '$1')
            .replace(/\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])/g, ''),
    )
    .join('');
}

/** Up to the first `.`, `:`, `!` or `?` that ends a sentence outside inline code. */
function firstSentence(text: string): string {
  let inCode = false;
  for (let i = 0; i < text.length && i < 200; i += 1) {
    const c = text[i]!;
    if (c === '`') inCode = !inCode;
    else if (!inCode && '.:!?'.includes(c) && (i + 1 === text.length || text[i + 1] === ' ') && i > 0)
      return text.slice(0, i + 1);
  }
  return text;
}

function cutTitle(text: string, length: number): string {
  let cut = text.slice(0, length).trimEnd();
  const ticks = (cut.match(/`/g) ?? []).length;
  if (ticks % 2 === 1) {
    const closing = text.indexOf('`', cut.length);
    cut =
      closing !== -1 && closing < length + 40
        ? text.slice(0, closing + 1)
        : cut.slice(0, cut.lastIndexOf('`')).trimEnd();
  }
  return `${cut}…`;
}

/** "Optional" and "only necessary if …" make a step optional. */
export function stepIntent(step: Step): Pick<Step, 'optional'> {
  const words = `${step.title}\n${step.text}`;
  const optional =
    step.optional ||
    /\(optional\)|^optional\b|\boptionally\b|\bonly (?:necessary|needed|required) (?:if|when)\b|\bthis step is optional\b/im.test(
      words,
    );
  return { optional };
}
