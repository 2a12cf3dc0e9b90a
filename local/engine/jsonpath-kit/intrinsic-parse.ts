/**
 * Tokenizer and parser of intrinsic function calls (spec "Intrinsic Functions"):
 * `States.Name(arg, …)` where an argument is a nested call, a string literal in single quotes (escapes `\'`,
 * `\{`, `\}`, `\\`), a number, `true`, `false`, `null`, or a path (`$…`, `$$…`, `$var…`).
 */
import { type CompiledPath, compilePath } from './path-eval.ts';

export type Arg =
  | { t: 'call'; name: string; args: Arg[] }
  | { t: 'lit'; value: number | boolean | null }
  /** `holes`: offsets in `value` of the unescaped `{}` pairs (States.Format placeholders) */
  | { t: 'str'; value: string; holes: number[] }
  | { t: 'path'; path: CompiledPath };

export class IntrinsicSyntaxError extends Error {}

/** Nesting limit AWS documents for intrinsic functions within one field. */
export const MAX_NESTING = 10;

class Lexer {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }
  fail(why: string): never {
    throw new IntrinsicSyntaxError(`${why} at position ${this.i} of "${this.s}"`);
  }
}

const cache = new Map<string, Arg | IntrinsicSyntaxError>();

/** Parse (once, cached) an intrinsic function call expression. */
export function parseIntrinsic(expr: string): Arg {
  let r = cache.get(expr);
  if (r === undefined) {
    try {
      const lx = new Lexer(expr);
      lx.ws();
      r = call(lx, 1);
      lx.ws();
      if (lx.i < expr.length) lx.fail(`unexpected '${expr[lx.i]}' after the call`);
    } catch (error) {
      if (!(error instanceof IntrinsicSyntaxError)) throw error;
      r = error;
    }
    if (cache.size > 10_000) cache.clear();
    cache.set(expr, r);
  }
  if (r instanceof IntrinsicSyntaxError) throw r;
  return r;
}

function call(lx: Lexer, depth: number): Arg {
  if (depth > MAX_NESTING) lx.fail(`intrinsic functions can be nested at most ${MAX_NESTING} deep`);
  const m = /^States\.([A-Za-z0-9]+)/.exec(lx.s.slice(lx.i));
  if (!m) lx.fail("expected an intrinsic function 'States.<Name>('");
  lx.i += m[0].length;
  lx.ws();
  if (lx.s[lx.i] !== '(') lx.fail("expected '('");
  lx.i++;
  const args: Arg[] = [];
  lx.ws();
  if (lx.s[lx.i] === ')') lx.i++;
  else
    for (;;) {
      lx.ws();
      args.push(arg(lx, depth));
      lx.ws();
      const ch = lx.s[lx.i];
      lx.i++;
      if (ch === ')') break;
      if (ch !== ',') lx.fail("expected ',' or ')'");
    }
  return { t: 'call', name: `States.${m[1]}`, args };
}

function arg(lx: Lexer, depth: number): Arg {
  const ch = lx.s[lx.i];
  if (ch === "'") return str(lx);
  if (ch === '$') return path(lx);
  if (lx.s.startsWith('States.', lx.i)) return call(lx, depth + 1);
  const rest = lx.s.slice(lx.i);
  const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
  if (num) {
    lx.i += num[0].length;
    return { t: 'lit', value: Number(num[0]) };
  }
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const)
    if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? '')) {
      lx.i += word.length;
      return { t: 'lit', value };
    }
  return lx.fail('expected a string, a number, true, false, null, a path or an intrinsic function');
}

function str(lx: Lexer): Arg {
  lx.i++; // opening quote
  let value = '';
  const holes: number[] = [];
  for (;;) {
    const ch = lx.s[lx.i];
    if (ch === undefined) lx.fail('unterminated string literal');
    if (ch === "'") {
      lx.i++;
      return { t: 'str', value, holes };
    }
    if (ch === '\\') {
      const next = lx.s[lx.i + 1];
      if (next !== "'" && next !== '{' && next !== '}' && next !== '\\')
        lx.fail(`invalid escape '\\${next ?? ''}' (only \\' \\{ \\} \\\\ are allowed)`);
      value += next;
      lx.i += 2;
      continue;
    }
    if (ch === '{' && lx.s[lx.i + 1] === '}') {
      holes.push(value.length);
      value += '{}';
      lx.i += 2;
      continue;
    }
    value += ch;
    lx.i++;
  }
}

/** A path argument runs to the next `,` or `)` outside brackets, parentheses and quotes. */
function path(lx: Lexer): Arg {
  const start = lx.i;
  let depth = 0;
  let quote = '';
  for (; lx.i < lx.s.length; lx.i++) {
    const ch = lx.s[lx.i]!;
    if (quote) {
      if (ch === '\\') lx.i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '[' || ch === '(') depth++;
    else if (ch === ']' || ch === ')') {
      if (depth === 0) break;
      depth--;
    } else if ((ch === ',' || /\s/.test(ch)) && depth === 0) break;
  }
  const text = lx.s.slice(start, lx.i);
  try {
    return { t: 'path', path: compilePath(text) };
  } catch (error) {
    return lx.fail(`invalid path '${text}': ${(error as Error).message}`);
  }
}
