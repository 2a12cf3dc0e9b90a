/**
 * JSONPath syntax (the Jayway dialect Step Functions uses): `$` (input), `$$` (context object),
 * `$name` (variable), then `.name`, `['name']`, `[n]`, `[a:b:c]`, `[*]`/`.*`, `..` recursive descent,
 * `[?(filter)]`, unions `[0,1]` / `['a','b']`. Parsing is pure; errors are `PathSyntaxError`.
 */

export type Key = string | number;

export type Segment =
  | { t: 'key'; key: string }
  | { t: 'index'; index: number }
  | { t: 'wild' }
  | { t: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { t: 'union'; keys: Key[] }
  | { t: 'filter'; expr: Filter }
  | { t: 'desc'; inner: Segment };

export type Operand =
  | { t: 'lit'; value: unknown }
  | { t: 'rel'; segments: Segment[] } // @...
  | { t: 'abs'; segments: Segment[] }; // $... (document root)

export type Filter =
  | { t: 'or' | 'and'; a: Filter; b: Filter }
  | { t: 'not'; a: Filter }
  | { t: 'exists'; operand: Operand }
  | { t: 'cmp'; op: CmpOp; a: Operand; b: Operand }
  | { t: 'regex'; a: Operand; re: RegExp };

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Root = { t: 'input' } | { t: 'context' } | { t: 'variable'; name: string };

export interface ParsedPath {
  root: Root;
  segments: Segment[];
  /** identifies at most one node (only keys and indexes) */
  definite: boolean;
}

export class PathSyntaxError extends Error {}

const VAR_NAME = /^[\p{L}_][\p{L}\p{N}_]*/u;
const DOT_NAME = /^[^.[\]()'"\s,=<>!&|?@*]+/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(n = 0): string {
    return this.s[this.i + n] ?? '';
  }
  eat(text: string): boolean {
    if (!this.s.startsWith(text, this.i)) return false;
    this.i += text.length;
    return true;
  }
  expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected '${text}'`);
  }
  match(re: RegExp): string | undefined {
    const m = re.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }
  ws(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\n') this.i++;
  }
  fail(why: string): never {
    throw new PathSyntaxError(`${why} at position ${this.i} of '${this.s}'`);
  }
}

export function parsePath(path: string): ParsedPath {
  const c = new Cursor(path);
  if (!c.eat('$')) c.fail("a path must begin with '$'");
  let root: Root = { t: 'input' };
  if (c.eat('$')) root = { t: 'context' };
  else {
    const name = c.match(VAR_NAME);
    if (name !== undefined) root = { t: 'variable', name };
  }
  const segments = parseSegments(c, false);
  if (!c.done) c.fail(`unexpected '${c.peek()}'`);
  return { root, segments, definite: segments.every((s) => s.t === 'key' || s.t === 'index') };
}

/** Segments until the end (or, inside a filter, until a character that cannot continue a path). */
function parseSegments(c: Cursor, inFilter: boolean): Segment[] {
  const out: Segment[] = [];
  for (;;) {
    if (c.eat('..')) {
      if (c.peek() === '[') out.push({ t: 'desc', inner: bracket(c) });
      else if (c.eat('*')) out.push({ t: 'desc', inner: { t: 'wild' } });
      else out.push({ t: 'desc', inner: { t: 'key', key: name(c) } });
    } else if (c.eat('.')) {
      if (c.peek() === '[') out.push(bracket(c));
      else if (c.eat('*')) out.push({ t: 'wild' });
      else out.push({ t: 'key', key: name(c) });
    } else if (c.peek() === '[') out.push(bracket(c));
    else if (c.done || inFilter) return out;
    else c.fail(`unexpected '${c.peek()}'`);
  }
}

function name(c: Cursor): string {
  return c.match(DOT_NAME) ?? c.fail('expected a field name');
}

function quoted(c: Cursor): string {
  const q = c.peek();
  c.i++;
  let out = '';
  while (!c.done && c.peek() !== q) {
    if (c.peek() === '\\' && c.i + 1 < c.s.length) {
      const n = c.peek(1);
      out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
      c.i += 2;
    } else out += c.s[c.i++];
  }
  if (!c.eat(q)) c.fail('unterminated string');
  return out;
}

const int = (c: Cursor): number | undefined => {
  const m = c.match(/^-?\d+/);
  return m === undefined ? undefined : Number(m);
};

function bracket(c: Cursor): Segment {
  c.expect('[');
  c.ws();
  let seg: Segment;
  if (c.eat('*')) seg = { t: 'wild' };
  else if (c.eat('?')) {
    c.ws();
    c.expect('(');
    const expr = parseOr(c);
    c.ws();
    c.expect(')');
    seg = { t: 'filter', expr };
  } else if (c.peek() === "'" || c.peek() === '"') {
    const keys: string[] = [quoted(c)];
    for (c.ws(); c.eat(','); c.ws()) {
      c.ws();
      if (c.peek() !== "'" && c.peek() !== '"') c.fail('expected a quoted name');
      keys.push(quoted(c));
    }
    seg = keys.length === 1 ? { t: 'key', key: keys[0]! } : { t: 'union', keys };
  } else {
    const first = int(c);
    c.ws();
    if (c.peek() === ':') {
      c.eat(':');
      c.ws();
      const end = int(c);
      c.ws();
      let step = 1;
      if (c.eat(':')) {
        c.ws();
        step = int(c) ?? 1;
        if (step === 0) c.fail('slice step cannot be 0');
      }
      seg = { t: 'slice', start: first, end, step };
    } else {
      if (first === undefined) c.fail('expected an index, a quoted name, * or a filter');
      const keys: number[] = [first];
      for (c.ws(); c.eat(','); c.ws()) keys.push(int(c) ?? c.fail('expected an index'));
      seg = keys.length === 1 ? { t: 'index', index: first } : { t: 'union', keys };
    }
  }
  c.ws();
  c.expect(']');
  return seg;
}

function parseOr(c: Cursor): Filter {
  let a = parseAnd(c);
  for (c.ws(); c.eat('||'); c.ws()) a = { t: 'or', a, b: parseAnd(c) };
  return a;
}

function parseAnd(c: Cursor): Filter {
  let a = parseUnary(c);
  for (c.ws(); c.eat('&&'); c.ws()) a = { t: 'and', a, b: parseUnary(c) };
  return a;
}

function parseUnary(c: Cursor): Filter {
  c.ws();
  if (c.peek() === '!' && c.peek(1) !== '=') {
    c.i++;
    return { t: 'not', a: parseUnary(c) };
  }
  if (c.eat('(')) {
    const inner = parseOr(c);
    c.ws();
    c.expect(')');
    return inner;
  }
  const a = operand(c);
  c.ws();
  if (c.eat('=~')) {
    c.ws();
    if (!c.eat('/')) c.fail("expected '/regex/'");
    let src = '';
    while (!c.done && c.peek() !== '/') src += c.peek() === '\\' ? c.s[c.i++]! + c.s[c.i++]! : c.s[c.i++];
    c.expect('/');
    const flags = c.match(/^[imsu]*/) ?? '';
    return { t: 'regex', a, re: new RegExp(`^(?:${src})$`, flags) };
  }
  const op = c.match(/^(==|!=|<=|>=|<|>)/) as CmpOp | undefined;
  if (op === undefined) {
    if (a.t === 'lit') c.fail('a filter needs a path or a comparison');
    return { t: 'exists', operand: a };
  }
  c.ws();
  return { t: 'cmp', op, a, b: operand(c) };
}

function operand(c: Cursor): Operand {
  c.ws();
  if (c.eat('@')) return { t: 'rel', segments: parseSegments(c, true) };
  if (c.peek() === '$') {
    c.i++;
    return { t: 'abs', segments: parseSegments(c, true) };
  }
  if (c.peek() === "'" || c.peek() === '"') return { t: 'lit', value: quoted(c) };
  const num = c.match(NUMBER);
  if (num !== undefined) return { t: 'lit', value: Number(num) };
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const)
    if (c.eat(word)) return { t: 'lit', value };
  return c.fail('expected a value or a path in the filter');
}

/** Jayway's normalized form of a definite path, as AWS prints it in errors: `$['a']['b'][0]`. */
export function normalized(p: ParsedPath): string {
  const head = p.root.t === 'input' ? '$' : p.root.t === 'context' ? '$$' : `$${p.root.name}`;
  return (
    head +
    p.segments.map((s) => (s.t === 'key' ? `['${s.key}']` : s.t === 'index' ? `[${s.index}]` : '')).join('')
  );
}
