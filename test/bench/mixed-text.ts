import { writeFileSync } from 'node:fs';

/**
 * Deterministic mixed terminal output: ASCII log lines, UTF-8 multibyte text (accents, CJK,
 * emoji), SGR colours, short lines and long ones that wrap. The same seed always gives the same
 * bytes, so every run of the benchmark feeds identical input.
 */
export function mixedText(bytes: number, seed = 8): Buffer {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = [
    'kolla-ansible',
    'upgrade',
    'nova',
    'PLAY',
    'TASK',
    'ok:',
    'changed:',
    'controller-01',
    'compute-17',
  ];
  const multibyte = ['Größe', 'überprüft', 'façade', '日本語のログ', '✓ erledigt', '🚀', 'ñandú', 'Ωμέγα'];
  const colours = [
    '\x1b[32m',
    '\x1b[31m',
    '\x1b[1;33m',
    '\x1b[38;5;208m',
    '\x1b[38;2;10;120;200m',
    '\x1b[7m',
  ];
  const parts: string[] = [];
  let size = 0;
  for (let line = 0; size < bytes; line++) {
    const kind = next();
    let text: string;
    if (kind < 0.35) text = `${line} ${pick(words)} ${pick(words)} ${pick(words)}`;
    else if (kind < 0.6) text = `${pick(colours)}${pick(words)}\x1b[0m ${pick(multibyte)} ${pick(words)}`;
    else if (kind < 0.8) text = pick(multibyte).repeat(1 + Math.floor(next() * 6));
    else if (kind < 0.95)
      text = Array.from({ length: 20 + Math.floor(next() * 60) }, () => pick(words)).join(' ');
    else text = '';
    const withNewline = `${text}\n`;
    parts.push(withNewline);
    size += Buffer.byteLength(withNewline);
  }
  // Cut at a line end so the file is whole lines and valid UTF-8.
  const all = Buffer.from(parts.join(''));
  const end = all.lastIndexOf(0x0a, bytes - 1) + 1;
  return all.subarray(0, end > 0 ? end : all.length);
}

/** Writes `mixedText(bytes)` to `path` and returns the bytes. */
export function writeMixedText(path: string, bytes: number): Buffer {
  const data = mixedText(bytes);
  writeFileSync(path, data);
  return data;
}
