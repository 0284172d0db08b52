/**
 * A strict JSON syntax check that says where the first mistake is. JSON.parse in Node 20 names
 * no position for many mistakes (a trailing comma, a missing quote), and the operator needs the line.
 * Iterative, so a deeply nested file cannot overflow the stack.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

type Expect = 'value' | 'value-or-]' | 'key' | 'key-or-}' | 'colon' | 'comma-or-end' | 'done';

const numberToken = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const literalToken = /true|false|null/y;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters inside strings
const stringToken = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The first syntax error in `text`, or undefined when it is one valid JSON value. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (message: string): JsonSyntaxError => ({ offset: i, message });
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'comma-or-end');
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
    if (i >= text.length) return expect === 'done' ? undefined : fail('the file ends before the JSON does');
    const char = text[i]!;
    if (expect === 'done') return fail(`unexpected ${describe(char)} after the end of the JSON value`);
    if (expect === 'colon') {
      if (char !== ':') return fail(`expected : after the key, found ${describe(char)}`);
      i += 1;
      expect = 'value';
      continue;
    }
    if (expect === 'comma-or-end') {
      const top = stack[stack.length - 1];
      const close = top === '{' ? '}' : ']';
      if (char === ',') expect = top === '{' ? 'key' : 'value';
      else if (char === close) {
        stack.pop();
        expect = afterValue();
      } else return fail(`expected , or ${close}, found ${describe(char)}`);
      i += 1;
      continue;
    }
    if (expect === 'key' || expect === 'key-or-}') {
      if (char === '}') {
        if (expect === 'key') return fail('a trailing comma before }');
        stack.pop();
        i += 1;
        expect = afterValue();
        continue;
      }
      if (char !== '"') return fail(`expected a "quoted" key, found ${describe(char)}`);
      const end = match(stringToken, text, i);
      if (end < 0) return fail('a string is not closed, or has a bad escape or control character');
      i = end;
      expect = 'colon';
      continue;
    }
    if (char === ']' && expect === 'value-or-]') {
      stack.pop();
      i += 1;
      expect = afterValue();
      continue;
    }
    if (char === ']' || char === '}') {
      return fail(
        afterComma(text, i) ? `a trailing comma before ${char}` : `expected a value, found ${char}`,
      );
    }
    if (char === '{' || char === '[') {
      stack.push(char);
      i += 1;
      expect = char === '{' ? 'key-or-}' : 'value-or-]';
      continue;
    }
    const end = match(char === '"' ? stringToken : /[-0-9]/.test(char) ? numberToken : literalToken, text, i);
    if (end < 0) {
      return fail(
        char === '"'
          ? 'a string is not closed, or has a bad escape or control character'
          : `expected a value, found ${describe(char)}`,
      );
    }
    i = end;
    expect = afterValue();
  }
}

function afterComma(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && ' \t\n\r'.includes(text[i]!)) i -= 1;
  return text[i] === ',';
}

function match(token: RegExp, text: string, at: number): number {
  token.lastIndex = at;
  return token.test(text) ? token.lastIndex : -1;
}

function describe(char: string): string {
  return char === "'" ? "' (JSON strings need double quotes)" : JSON.stringify(char);
}
