import type { InventoryValue, InventoryVars } from '../../../shared/inventory/index';
import { expandHostRange } from './host-range';
import { setVar } from './vars';

/** One word of a host line, quotes removed; `quoted` says whether its value part was quoted. */
interface Word {
  text: string;
  quoted: boolean;
}

export type HostLineResult =
  { ok: true; names: string[]; vars: InventoryVars } | { ok: false; message: string };

/**
 * Reads `host[01:03]:2222 ansible_host=10.0.0.1 vip=true note="two words" # comment`, the shape of an
 * INI host line and of a pasted list line: the host name (ranges expanded, an optional `:port`),
 * then `key=value` variables. Unquoted values are read as Ansible reads host-line values: whole
 * numbers and decimals as numbers, True/False as booleans, None as null; anything else, and any
 * quoted value, stays a string.
 */
export function parseHostLine(line: string): HostLineResult {
  const words = splitWords(line);
  if (!words.ok) return words;
  const [first, ...rest] = words.words;
  if (first === undefined) return { ok: false, message: 'expected a host name' };
  if (first.text.includes('=')) {
    return { ok: false, message: `a host line starts with the host name, not "${first.text}"` };
  }
  const { name, port } = splitPort(first.text);
  const expanded = expandHostRange(name);
  if (!expanded.ok) return expanded;
  const vars: InventoryVars = {};
  if (port !== undefined) setVar(vars, 'ansible_port', port);
  for (const word of rest) {
    const equals = word.text.indexOf('=');
    if (equals <= 0) {
      return { ok: false, message: `expected key=value after host "${name}", got "${word.text}"` };
    }
    const value = word.text.slice(equals + 1);
    setVar(vars, word.text.slice(0, equals), word.quoted ? value : literalValue(value));
  }
  return { ok: true, names: expanded.names, vars };
}

/** `name:2222` → port 2222; an IPv6 address (several colons) or a range colon is not a port. */
function splitPort(word: string): { name: string; port?: number } {
  const match = /^([^:]+):([0-9]{1,5})$/.exec(word.replace(/\[[^\]]*\]/g, (r) => r.replace(/:/g, '\u0000')));
  if (match === null) return { name: word };
  return { name: word.slice(0, match[1]!.length), port: Number(match[2]) };
}

/** The unquoted values Ansible's literal reading turns into something other than a string. */
export function literalValue(text: string): InventoryValue {
  if (/^[+-]?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^[+-]?[0-9]+\.[0-9]+$/.test(text)) return Number(text);
  if (text === 'True') return true;
  if (text === 'False') return false;
  if (text === 'None') return null;
  return text;
}

/**
 * Splits on spaces like a POSIX shell: '…' and "…" keep spaces, a backslash escapes the next
 * character outside single quotes, and a # that starts a word starts a comment.
 */
function splitWords(line: string): { ok: true; words: Word[] } | { ok: false; message: string } {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ' || line[i] === '\t') {
      i += 1;
      continue;
    }
    if (line[i] === '#') break;
    let text = '';
    let quoted = false;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const char = line[i]!;
      if (char === '"' || char === "'") {
        const end = closingQuote(line, i);
        if (end < 0) return { ok: false, message: `a ${char} quote is not closed` };
        text += unescape(line.slice(i + 1, end), char);
        quoted = true;
        i = end + 1;
      } else if (char === '\\' && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else {
        text += char;
        i += 1;
      }
    }
    words.push({ text, quoted });
  }
  return { ok: true, words };
}

function closingQuote(line: string, open: number): number {
  const quote = line[open];
  for (let i = open + 1; i < line.length; i += 1) {
    if (quote === '"' && line[i] === '\\') i += 1;
    else if (line[i] === quote) return i;
  }
  return -1;
}

function unescape(body: string, quote: string): string {
  return quote === '"' ? body.replace(/\\(["\\$`])/g, '$1') : body;
}
