/**
 * Choice rules of JSONPath states (spec "Choice Rules"): a comparison on `Variable`, or And/Or/Not.
 * A rule object is compiled once into a predicate (WeakMap). Type mismatches compare false; a missing
 * `Variable` (or `…Path` operand) is `States.Runtime`, except for `IsPresent`.
 */
import { StatesError } from '../errors.ts';
import { type CompiledPath, compilePath, invalidPath, lookup, MISSING, type PathEnv } from './path-eval.ts';
import { compareInstants, parseTimestamp } from './timestamp.ts';

type Predicate = (input: unknown, env: PathEnv) => boolean;
type Test = (value: unknown, operand: unknown) => boolean;

const cmp = (c: number, op: string): boolean =>
  op === 'Equals'
    ? c === 0
    : op === 'LessThan'
      ? c < 0
      : op === 'GreaterThan'
        ? c > 0
        : op === 'LessThanEquals'
          ? c <= 0
          : c >= 0;

export const RELATIONS = [
  'Equals',
  'LessThan',
  'GreaterThan',
  'LessThanEquals',
  'GreaterThanEquals',
] as const;

function stringTest(op: string): Test {
  return (v, o) => typeof v === 'string' && typeof o === 'string' && cmp(v < o ? -1 : v > o ? 1 : 0, op);
}
function numericTest(op: string): Test {
  return (v, o) => typeof v === 'number' && typeof o === 'number' && cmp(v < o ? -1 : v > o ? 1 : 0, op);
}
function timestampTest(op: string): Test {
  return (v, o) => {
    const a = parseTimestamp(v);
    const b = parseTimestamp(o);
    return a !== undefined && b !== undefined && cmp(compareInstants(a, b), op);
  };
}

const patterns = new Map<string, RegExp>();

/** `StringMatches`: `*` matches any run of characters; `\*` a literal asterisk and `\\` a backslash. */
export function wildcard(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i]!;
      if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) src += `\\${pattern[++i]}`;
      else if (ch === '*') src += '[\\s\\S]*';
      else src += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    re = new RegExp(`^${src}$`, 'u');
    patterns.set(pattern, re);
  }
  return re;
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

/** Every comparison operator and how it tests the variable against its (literal) operand. */
export const OPERATORS: Record<string, Test> = {
  StringMatches: (v, o) => typeof v === 'string' && typeof o === 'string' && wildcard(o).test(v),
  BooleanEquals: (v, o) => typeof v === 'boolean' && v === o,
};
for (const r of RELATIONS) {
  OPERATORS[`String${r}`] = stringTest(r);
  OPERATORS[`Numeric${r}`] = numericTest(r);
  OPERATORS[`Timestamp${r}`] = timestampTest(r);
}
for (const [name, t] of Object.entries(TYPE_TESTS)) OPERATORS[name] = (v, o) => t(v) === o;

/** Operators that also take a `…Path` form. */
export const PATH_OPERATORS = Object.keys(OPERATORS).filter(
  (k) => k !== 'StringMatches' && !k.startsWith('Is'),
);

const compiled = new WeakMap<object, Predicate>();

const runtime = (why: string) => new StatesError('States.Runtime', why);

function pathOf(p: unknown, field: string): CompiledPath {
  if (typeof p !== 'string') throw runtime(`The choice rule field '${field}' must be a path`);
  try {
    return compilePath(p);
  } catch (error) {
    throw invalidPath(p, error);
  }
}

const missingValue = (path: string) =>
  runtime(`Invalid path '${path}': The choice state's condition path references an invalid value.`);

function compileRule(rule: Record<string, unknown>): Predicate {
  let p = compiled.get(rule);
  if (p) return p;
  if (Array.isArray(rule.And)) {
    const subs = (rule.And as Record<string, unknown>[]).map(compileRule);
    p = (i, e) => subs.every((s) => s(i, e));
  } else if (Array.isArray(rule.Or)) {
    const subs = (rule.Or as Record<string, unknown>[]).map(compileRule);
    p = (i, e) => subs.some((s) => s(i, e));
  } else if (rule.Not !== null && typeof rule.Not === 'object') {
    const sub = compileRule(rule.Not as Record<string, unknown>);
    p = (i, e) => !sub(i, e);
  } else p = comparison(rule);
  compiled.set(rule, p);
  return p;
}

const IGNORED = new Set(['Variable', 'Comment', 'Next', 'Assign', 'Output']);

function comparison(rule: Record<string, unknown>): Predicate {
  const variable = pathOf(rule.Variable, 'Variable');
  const key = Object.keys(rule).find((k) => !IGNORED.has(k));
  if (key === undefined) throw runtime('A choice rule has no comparison operator');
  const isPath = key.endsWith('Path') && PATH_OPERATORS.includes(key.slice(0, -4));
  const op = isPath ? key.slice(0, -4) : key;
  const literal = rule[key];
  if (op === 'IsPresent') {
    const want = literal === true;
    return (i, e) => (lookup(variable, i, e) !== MISSING) === want;
  }
  const test = OPERATORS[op];
  if (!test) throw runtime(`Unknown choice rule operator '${key}'`);
  const operandPath = isPath ? pathOf(rule[key], key) : undefined;
  return (input, env) => {
    const v = lookup(variable, input, env);
    if (v === MISSING) throw missingValue(variable.path);
    let operand = literal;
    if (operandPath) {
      operand = lookup(operandPath, input, env);
      if (operand === MISSING) throw missingValue(operandPath.path);
    }
    return test(v, operand);
  };
}

/** Does the rule match? (`Next`, `Assign`, `Comment` of a top-level rule are ignored.) */
export function evaluateChoiceRule(rule: Record<string, unknown>, input: unknown, env: PathEnv): boolean {
  return compileRule(rule)(input, env);
}
