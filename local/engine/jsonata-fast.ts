/**
 * A synchronous fast path for the most common tiny JSONata expressions (`$states.input.a.b`, `$n + 1`, `$n < 40`,
 * `$x = "done"`): a variable path, a literal, or two of them around one operator; and three guards the workflows
 * use on every staff task and enforcement decision: `$type($v.p) = 'number'`, `$exists($a.b) ? $a.b : $a` and
 * `$a.b in ['X', 'Y']`. Anything outside what it can answer exactly as jsonata would (arrays on the path, missing
 * fields where jsonata's answer would depend on them, non-numbers in arithmetic, non-finite results, any other
 * syntax) returns NOT_FAST and the caller evaluates with jsonata itself.
 */
export const NOT_FAST: unique symbol = Symbol('not-fast');

type Operand = { kind: 'lit'; value: unknown } | { kind: 'var'; root: string; path: string[] };
type VarOperand = Extract<Operand, { kind: 'var' }>;
type Fast =
  | { form: 'operands'; a: Operand; op?: string; b?: Operand }
  | { form: 'typeIs'; a: VarOperand; negate: boolean; type: string }
  | { form: 'ifExists'; test: VarOperand; whenExists: Operand; otherwise: Operand }
  | { form: 'in'; a: VarOperand; list: readonly unknown[] };

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const VAR = `\\$${NAME}(?:\\.${NAME})*`;
const NUM = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?';
const STR = `"[^"\\\\]*"|'[^'\\\\]*'`;
const OPERAND = `(${VAR}|${NUM}|${STR}|true|false|null)`;
const OPS = '(\\+|-|\\*|\\/|<=|>=|!=|<|>|=)';
const SINGLE = new RegExp(`^\\s*${OPERAND}\\s*$`);
const BINARY = new RegExp(`^\\s*${OPERAND}\\s+${OPS}\\s+${OPERAND}\\s*$`);
const TYPE_IS = new RegExp(`^\\s*\\$type\\((${VAR})\\)\\s*(=|!=)\\s*(${STR})\\s*$`);
const IF_EXISTS = new RegExp(`^\\s*\\$exists\\((${VAR})\\)\\s*\\?\\s*${OPERAND}\\s*:\\s*${OPERAND}\\s*$`);
const LITERAL = `(?:${NUM}|${STR})`;
const IN = new RegExp(`^\\s*(${VAR})\\s+in\\s+\\[\\s*(${LITERAL}(?:\\s*,\\s*${LITERAL})*)\\s*\\]\\s*$`);
const LITERALS = new RegExp(LITERAL, 'g');

function variable(text: string): VarOperand {
  const [root, ...path] = text.slice(1).split('.');
  return { kind: 'var', root: root!, path };
}

function operand(text: string): Operand {
  if (text.startsWith('$')) return variable(text);
  if (text.startsWith('"') || text.startsWith("'")) return { kind: 'lit', value: text.slice(1, -1) };
  return { kind: 'lit', value: JSON.parse(text) };
}

const cache = new Map<string, Fast | null>();

function compile(source: string): Fast | null {
  let m = BINARY.exec(source);
  if (m) return { form: 'operands', a: operand(m[1]!), op: m[2]!, b: operand(m[3]!) };
  m = SINGLE.exec(source);
  if (m) return { form: 'operands', a: operand(m[1]!) };
  m = TYPE_IS.exec(source);
  if (m) return { form: 'typeIs', a: variable(m[1]!), negate: m[2] === '!=', type: m[3]!.slice(1, -1) };
  m = IF_EXISTS.exec(source);
  if (m)
    return { form: 'ifExists', test: variable(m[1]!), whenExists: operand(m[2]!), otherwise: operand(m[3]!) };
  m = IN.exec(source);
  if (m) {
    const list = m[2]!.match(LITERALS)!.map((text) => (operand(text) as { value: unknown }).value);
    return { form: 'in', a: variable(m[1]!), list };
  }
  return null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** What a variable path leads to when it leads nowhere (jsonata's undefined), as opposed to NOT_FAST. */
const MISSING: unique symbol = Symbol('missing');

/**
 * The value a variable path leads to; MISSING when an unbound variable, an absent field or a step into a string,
 * number, boolean or null leaves it undefined; NOT_FAST when an array or function is on the way (jsonata maps
 * over arrays, which this path does not do).
 */
function lookup(o: VarOperand, vars: Record<string, unknown>, states: object | undefined): unknown {
  let v: unknown;
  if (states !== undefined && o.root === 'states') v = states;
  else if (Object.hasOwn(vars, o.root)) v = vars[o.root];
  else return MISSING;
  for (const key of o.path) {
    if (Array.isArray(v) || typeof v === 'function') return NOT_FAST;
    if (!isPlainObject(v) || !Object.hasOwn(v, key)) return MISSING;
    v = v[key];
  }
  if (v === undefined) return MISSING;
  if (Array.isArray(v) || typeof v === 'function') return NOT_FAST;
  return v;
}

/** A literal, or a variable path's value; NOT_FAST when it is missing or not a plain value. */
function read(o: Operand, vars: Record<string, unknown>, states: object | undefined): unknown {
  if (o.kind === 'lit') return o.value;
  const v = lookup(o, vars, states);
  return v === MISSING ? NOT_FAST : v;
}

/** jsonata's `$type` of a defined value that is neither an array nor a function. */
const typeOf = (v: unknown): string => (v === null ? 'null' : typeof v);

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
  switch (fast.form) {
    case 'typeIs': {
      // $type of a missing value is undefined, and comparing undefined is false either way: left to jsonata
      const v = read(fast.a, vars, states);
      return v === NOT_FAST ? NOT_FAST : (typeOf(v) === fast.type) !== fast.negate;
    }
    case 'ifExists': {
      const v = lookup(fast.test, vars, states);
      if (v === NOT_FAST) return NOT_FAST;
      return read(v === MISSING ? fast.otherwise : fast.whenExists, vars, states);
    }
    case 'in': {
      const v = lookup(fast.a, vars, states);
      if (v === MISSING) return false;
      return primitive(v) ? fast.list.includes(v) : NOT_FAST;
    }
  }
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
