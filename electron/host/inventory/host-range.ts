/**
 * Host name ranges as Ansible writes them: `compute[01:20]` (zero padding kept), `node[a:f]`,
 * `web[0:10:2]` (a stride), several ranges in one name (`rack[1:2]-node[1:3]`). Ends are inclusive.
 */

/** More than this many hosts from one line is a typo (`[1:100000]`), not a data centre. */
export const maxRangeHosts = 100_000;

export type RangeResult = { ok: true; names: string[] } | { ok: false; message: string };

/** Expands every range in a host name; a name without `[` is returned as is. */
export function expandHostRange(name: string): RangeResult {
  const open = name.indexOf('[');
  if (open < 0) return name.includes(']') ? unbalanced(name) : { ok: true, names: [name] };
  const close = name.indexOf(']', open);
  if (close < 0) return { ok: false, message: `host range in "${name}" is not closed with ]` };
  const values = rangeValues(name.slice(open + 1, close), name);
  if (!values.ok) return values;
  const rest = expandHostRange(name.slice(close + 1));
  if (!rest.ok) return rest;
  if (values.names.length * rest.names.length > maxRangeHosts) {
    return { ok: false, message: `host range "${name}" expands to more than ${maxRangeHosts} hosts` };
  }
  const head = name.slice(0, open);
  if (head.includes(']')) return unbalanced(name);
  const names: string[] = [];
  for (const value of values.names) for (const tail of rest.names) names.push(`${head}${value}${tail}`);
  return { ok: true, names };
}

function unbalanced(name: string): RangeResult {
  return { ok: false, message: `host name "${name}" has a ] without a matching [` };
}

const rangeSyntax = /^([0-9]*|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?$/;

function rangeValues(body: string, name: string): RangeResult {
  const match = rangeSyntax.exec(body);
  if (match === null) {
    return {
      ok: false,
      message: `bad host range [${body}] in "${name}": write [start:end] or [start:end:step], numbers or single letters`,
    };
  }
  const [, start = '', end = '', strideText] = match;
  const stride = strideText === undefined ? 1 : Number(strideText);
  if (stride < 1)
    return { ok: false, message: `bad host range [${body}] in "${name}": the step must be at least 1` };
  const numeric = /^[0-9]*$/.test(start);
  if (numeric !== /^[0-9]+$/.test(end)) {
    return { ok: false, message: `bad host range [${body}] in "${name}": mixes a number and a letter` };
  }
  return numeric
    ? numericValues(start, end, stride, body, name)
    : letterValues(start, end, stride, body, name);
}

function numericValues(start: string, end: string, stride: number, body: string, name: string): RangeResult {
  // Ansible's rule: a start with a leading zero sets the width, and the end must be as wide.
  const padded = start.length > 1 && start.startsWith('0');
  if (padded && start.length !== end.length) {
    return {
      ok: false,
      message: `bad host range [${body}] in "${name}": a zero-padded range needs a start and end of the same width`,
    };
  }
  const from = start === '' ? 0 : Number(start);
  const to = Number(end);
  if (from > to)
    return { ok: false, message: `bad host range [${body}] in "${name}": the start is after the end` };
  if ((to - from) / stride >= maxRangeHosts) {
    return { ok: false, message: `host range "${name}" expands to more than ${maxRangeHosts} hosts` };
  }
  const names: string[] = [];
  for (let i = from; i <= to; i += stride)
    names.push(padded ? String(i).padStart(start.length, '0') : String(i));
  return { ok: true, names };
}

function letterValues(start: string, end: string, stride: number, body: string, name: string): RangeResult {
  const from = start.charCodeAt(0);
  const to = end.charCodeAt(0);
  const sameCase = /[a-z]/.test(start) === /[a-z]/.test(end);
  if (!sameCase || from > to) {
    return {
      ok: false,
      message: `bad host range [${body}] in "${name}": letters must run forward within one case`,
    };
  }
  const names: string[] = [];
  for (let code = from; code <= to; code += stride) names.push(String.fromCharCode(code));
  return { ok: true, names };
}
