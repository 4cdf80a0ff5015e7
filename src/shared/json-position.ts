/**
 * JSON.parse error messages differ between engines and often omit the position (V8 in Node 20
 * says only "Unexpected token"). When parsing fails we re-scan the text with this small,
 * iterative checker to say where and why, as line and column.
 */

export interface JsonSyntaxError {
  line: number;
  column: number;
  reason: string;
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The first syntax error in `text`, or null if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (reason: string, at = i): JsonSyntaxError => ({ ...lineColumn(text, at), reason });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'commaOrClose');

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) return expect === 'end' ? null : fail('the file ends too early');
    const c = text[i]!;
    switch (expect) {
      case 'end':
        return fail(`unexpected ${describe(c)} after the end of the data`);
      case 'colon':
        if (c !== ':') return fail(`expected ':' after the field name, found ${describe(c)}`);
        i++;
        expect = 'value';
        continue;
      case 'commaOrClose': {
        const close = stack[stack.length - 1] === '{' ? '}' : ']';
        if (c !== ',' && c !== close) return fail(`expected ',' or '${close}', found ${describe(c)}`);
        i++;
        if (c === ',') expect = close === '}' ? 'key' : 'value';
        else {
          stack.pop();
          expect = afterValue();
        }
        continue;
      }
      case 'key':
      case 'keyOrClose':
        if (c === '}' && expect === 'keyOrClose') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (c !== '"') return fail(`expected a field name in double quotes, found ${describe(c)}`);
        {
          const end = scanString(text, i);
          if (typeof end !== 'number') return fail(end.reason, end.at);
          i = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'valueOrClose': {
        if (c === ']' && expect === 'valueOrClose') {
          stack.pop();
          i++;
          expect = afterValue();
          continue;
        }
        if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
          continue;
        }
        const end = scanScalar(text, i);
        if (typeof end !== 'number') return fail(end.reason, end.at);
        i = end;
        expect = afterValue();
      }
    }
  }
}

type ScanFailure = { reason: string; at: number };

function scanScalar(text: string, i: number): number | ScanFailure {
  const c = text[i]!;
  if (c === '"') return scanString(text, i);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return i + word.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  return { reason: `expected a value, found ${describe(c)}`, at: i };
}

/** `i` is at the opening quote; returns the index after the closing quote. */
function scanString(text: string, i: number): number | ScanFailure {
  for (let j = i + 1; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) return { reason: 'a line break or control character inside a string (use \\n)', at: j };
    if (code === 0x5c) {
      const next = text[j + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 5;
      else if (next !== undefined && '"\\/bfnrt'.includes(next)) j += 1;
      else return { reason: 'an invalid escape sequence in a string', at: j };
    }
  }
  return { reason: 'a string that is never closed', at: i };
}

function describe(c: string): string {
  return `'${c}'`;
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
