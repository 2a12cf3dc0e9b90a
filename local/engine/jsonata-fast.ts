/**
 * A synchronous fast path for the most common tiny JSONata expressions (`$states.input.a.b`, `$n + 1`, `$n < 40`,
 * `$x = "done"`): a variable path, a literal, or two of them around one operator. Anything outside what it can
 * answer exactly as jsonata would (arrays on the path, missing fields, non-numbers in arithmetic, non-finite
 * results, any other syntax) returns NOT_FAST and the caller evaluates with jsonata itself.
 */
export const NOT_FAST: unique symbol = Symbol('not-fast');

type Operand = { kind: 'lit'; value: unknown } | { kind: 'var'; root: string; path: string[] };
type Fast = { a: Operand; op?: string; b?: Operand };

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const VAR = `\\$${NAME}(?:\\.${NAME})*`;
const NUM = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?';
const STR = `"[^"\\\\]*"|'[^'\\\\]*'`;
const OPERAND = `(${VAR}|${NUM}|${STR}|true|false|null)`;
const OPS = '(\\+|-|\\*|\\/|<=|>=|!=|<|>|=)';
const SINGLE = new RegExp(`^\\s*${OPERAND}\\s*$`);
const BINARY = new RegExp(`^\\s*${OPERAND}\\s+${OPS}\\s+${OPERAND}\\s*$`);

function operand(text: string): Operand {
  if (text.startsWith('$')) {
    const [root, ...path] = text.slice(1).split('.');
    return { kind: 'var', root: root!, path };
  }
  if (text.startsWith('"') || text.startsWith("'")) return { kind: 'lit', value: text.slice(1, -1) };
  return { kind: 'lit', value: JSON.parse(text) };
}

const cache = new Map<string, Fast | null>();

function compile(source: string): Fast | null {
  let m = BINARY.exec(source);
  if (m) return { a: operand(m[1]!), op: m[2]!, b: operand(m[3]!) };
  m = SINGLE.exec(source);
  if (m) return { a: operand(m[1]!) };
  return null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function read(o: Operand, vars: Record<string, unknown>, states: object | undefined): unknown {
  if (o.kind === 'lit') return o.value;
  let v: unknown;
  if (states !== undefined && o.root === 'states') v = states;
  else if (Object.hasOwn(vars, o.root)) v = vars[o.root];
  else return NOT_FAST;
  for (const key of o.path) {
    if (!isPlainObject(v) || !Object.hasOwn(v, key)) return NOT_FAST;
    v = v[key];
  }
  if (v === undefined || Array.isArray(v) || typeof v === 'function') return NOT_FAST;
  return v;
}

const primitive = (x: unknown): boolean =>
  typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/** Evaluate `source` against jsonata-style bindings, or NOT_FAST. */
export function evaluateFast(source: string, bindings: Record<string, unknown>): unknown {
  return evaluateFastIn(source, bindings, undefined);
}

/**
 * Evaluate `source` with the variables and, apart, `$states` (which hides a variable of that name, as in the
 * bindings), or NOT_FAST: what the bindings hold, without copying the variables into them.
 */
export function evaluateFastIn(
  source: string,
  vars: Record<string, unknown>,
  states: Record<string, unknown> | undefined,
): unknown {
  let fast = cache.get(source);
  if (fast === undefined) {
    fast = compile(source);
    cache.set(source, fast);
  }
  if (fast === null) return NOT_FAST;
  const a = read(fast.a, vars, states);
  if (a === NOT_FAST || !fast.op) return a;
  const b = read(fast.b!, vars, states);
  if (b === NOT_FAST) return NOT_FAST;
  switch (fast.op) {
    case '=':
      return primitive(a) && primitive(b) ? a === b : NOT_FAST;
    case '!=':
      return primitive(a) && primitive(b) ? a !== b : NOT_FAST;
  }
  if (typeof a !== 'number' || typeof b !== 'number') return NOT_FAST;
  let r: number | boolean;
  switch (fast.op) {
    case '+':
      r = a + b;
      break;
    case '-':
      r = a - b;
      break;
    case '*':
      r = a * b;
      break;
    case '/':
      r = a / b;
      break;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return NOT_FAST;
  }
  return Number.isFinite(r) ? r : NOT_FAST;
}
