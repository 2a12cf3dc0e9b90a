import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { QueryEvaluationError, type StatesError } from './errors.ts';
import { evaluateCompiled } from './jsonata-compiled.ts';
import { evaluateFastIn, NOT_FAST } from './jsonata-fast.ts';
import { uuid } from './util.ts';

/** A JSONata expression in ASL: the whole string is `{% ... %}`. */
const EXPR = /^\{%([\s\S]*)%\}$/;

export const isJsonataString = (v: unknown): v is string => typeof v === 'string' && EXPR.test(v);

const compiled = new Map<string, jsonata.Expression>();
const containsExpr = new WeakMap<object, boolean>();

/** Compile once and cache (expressions are shared by every execution of every definition). */
export function compileJsonata(source: string): jsonata.Expression {
  let expr = compiled.get(source);
  if (!expr) {
    expr = jsonata(source);
    for (const [name, fn] of Object.entries(STATIC_FUNCTIONS)) expr.assign(name, fn);
    compiled.set(source, expr);
  }
  return expr;
}

/** Syntax problems of every `{% %}` string nested in `value`, for definition validation. */
export function jsonataSyntaxProblems(value: unknown, at: string): string[] {
  const problems: string[] = [];
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      const m = EXPR.exec(v);
      if (!m) return;
      try {
        compileJsonata(m[1]!);
      } catch (error) {
        problems.push(
          `SCHEMA_VALIDATION_FAILED: The JSONata expression '${m[1]!.trim()}' is invalid: ${(error as Error).message} at ${path}`,
        );
      }
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], `${path}[${i}]`);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, `${path}/${k}`);
  };
  visit(value, at);
  return problems;
}

/** A `{% ... %}` string's expression, and what evaluating it needs. */
interface Expression {
  readonly source: string;
  /** it names `$random` or `$uuid`, which draw from the engine's random source (bound per evaluation) */
  readonly random: boolean;
  /** it may read `$states.context` (the context object is built only then) */
  readonly context: boolean;
}

/** By string: the strings of the definitions, a few hundred at most. */
const expressions = new Map<string, Expression | null>();

/** The expression of a `{% ... %}` string, or null: worked out once per string, not at each evaluation. */
function expressionOf(value: string): Expression | null {
  let expression = expressions.get(value);
  if (expression === undefined) {
    const source = EXPR.exec(value)?.[1];
    expression =
      source === undefined
        ? null
        : {
            source,
            random: /\$(random|uuid)\b/.test(source),
            context: /context/.test(source) || /\$states(?!\.(input|result|errorOutput)\b)/.test(source),
          };
    if (expressions.size > 10_000) expressions.clear();
    expressions.set(value, expression);
  }
  return expression;
}

/** Whether `value` holds any `{% %}` string (cached per object). */
export function hasJsonata(value: unknown): boolean {
  if (typeof value === 'string') return expressionOf(value) !== null;
  if (value === null || typeof value !== 'object') return false;
  const known = containsExpr.get(value);
  if (known !== undefined) return known;
  const result = Array.isArray(value) ? value.some(hasJsonata) : Object.values(value).some(hasJsonata);
  containsExpr.set(value, result);
  return result;
}

export interface JsonataScope {
  input: unknown;
  context: unknown;
  result?: unknown;
  errorOutput?: unknown;
  vars: Record<string, unknown>;
  random: () => number;
  stateName: string;
  enteredId: number;
  /** memo of the `$states` binding (see `statesOf`) */
  states?: Record<string, unknown>;
  /** memo of `jsonataBindings(scope)` */
  bindings?: Record<string, unknown>;
}

/** Functions Step Functions adds to JSONata (bound once per compiled expression); `$eval` is not available there. */
const STATIC_FUNCTIONS: Record<string, unknown> = {
  partition: (array: unknown[], size: number) => {
    if (!Array.isArray(array) || !(size > 0))
      throw new Error('$partition expects an array and a positive size');
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: number, end: number, step = 1) => {
    if (!(step !== 0)) throw new Error('$range step must not be 0');
    const out: number[] = [];
    for (let i = start; step > 0 ? i <= end : i >= end; i += step) out.push(i);
    return out;
  },
  hash: (data: string, algorithm = 'SHA-256') => {
    const algo = String(algorithm).toLowerCase().replace('-', '');
    return createHash(algo).update(String(data)).digest('hex');
  },
  parse: (text: string) => JSON.parse(text),
  eval: () => {
    throw new Error('The function $eval is not supported by Step Functions; use $parse');
  },
};

/** `$random` and `$uuid` draw from the engine's (seedable) random source. */
function randomFunctions(random: () => number): Record<string, unknown> {
  return {
    random: (seed?: number) => {
      if (seed === undefined) return random();
      const x = Math.sin(seed) * 10000;
      return x - Math.floor(x);
    },
    uuid: () => uuid(random),
  };
}

/** Strip JSONata sequence markers and non-JSON values; returns the same object when nothing changes. */
function toPlain(v: unknown): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function') return undefined;
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v;
  }
  if (Array.isArray(v)) {
    let changed = Object.keys(v).length !== v.length;
    const out = v.map((x) => {
      const p = toPlain(x);
      if (p !== x) changed = true;
      return p === undefined ? null : p;
    });
    return changed ? out : v;
  }
  let out: Record<string, unknown> | undefined;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    const p = toPlain(x);
    if (p !== x && !out) out = { ...o };
    if (out) {
      if (p === undefined) delete out[k];
      else out[k] = p;
    }
  }
  return out ?? v;
}

/** The `$states` binding of a scope, built once (`context` is added when an expression reads it). */
function statesOf(scope: JsonataScope): Record<string, unknown> {
  if (scope.states === undefined) {
    const states: Record<string, unknown> = { input: scope.input };
    if ('result' in scope) states.result = scope.result;
    if ('errorOutput' in scope) states.errorOutput = scope.errorOutput;
    scope.states = states;
  }
  return scope.states;
}

/** The variables and `$states`, as jsonata takes them; built once per scope, for the full evaluator only. */
function bindings(scope: JsonataScope): Record<string, unknown> {
  if (scope.bindings === undefined) {
    const b: Record<string, unknown> = { ...scope.vars };
    b.states = statesOf(scope);
    scope.bindings = b;
  }
  return scope.bindings;
}

function fail(scope: JsonataScope, source: string, field: string, what: string): StatesError {
  return new QueryEvaluationError(
    `An error occurred while executing the state '${scope.stateName}' (entered at the event id #${scope.enteredId}). ` +
      `The JSONata expression '${source.trim()}' specified for the field '${field}' ${what}`,
    scope.stateName,
    field,
  );
}

async function evalString(
  expression: Expression,
  scope: JsonataScope,
  b: Record<string, unknown>,
  field: string,
) {
  const { source } = expression;
  let value: unknown;
  if (expression.random && b.random === undefined) Object.assign(b, randomFunctions(scope.random));
  if (expression.context) {
    const states = b.states as Record<string, unknown>;
    if (states.context === undefined) states.context = scope.context;
  }
  const fast = evaluateFastPaths(source, b, b.states as Record<string, unknown>);
  if (fast !== NOT_FAST) return fast;
  try {
    value = await compileJsonata(source).evaluate(undefined, b);
  } catch (error) {
    throw fail(scope, source, field, `threw an error during evaluation: ${(error as Error).message}`);
  }
  if (value === undefined) throw fail(scope, source, field, 'returned nothing (undefined).');
  return toPlain(value);
}

/**
 * Evaluate a JSONata field: any JSON value with `{% %}` strings nested anywhere. Values without expressions are
 * returned as they are (no await on the hot path when there is nothing to evaluate: callers check `hasJsonata`).
 */
export async function evaluateJsonata(
  value: unknown,
  scope: JsonataScope,
  field: string,
  b: Record<string, unknown> = bindings(scope),
): Promise<unknown> {
  if (typeof value === 'string') {
    const expression = expressionOf(value);
    return expression === null ? value : evalString(expression, scope, b, field);
  }
  if (!hasJsonata(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(await evaluateJsonata(value[i], scope, `${field}[${i}]`, b));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = await evaluateJsonata(v, scope, field === '' ? k : `${field}.${k}`, b);
  }
  return out;
}

/**
 * Evaluate a JSONata field synchronously when every expression in it takes the fast path (see jsonata-fast.ts);
 * NOT_FAST otherwise (then use `evaluateJsonata`).
 */
export function evaluateJsonataSync(value: unknown, scope: JsonataScope): unknown {
  if (typeof value === 'string') {
    const expression = expressionOf(value);
    if (expression === null) return value;
    if (expression.random) return NOT_FAST;
    const states = statesOf(scope);
    if (expression.context && states.context === undefined) states.context = scope.context;
    return evaluateFastPaths(expression.source, scope.vars, states);
  }
  if (!hasJsonata(value)) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const v = evaluateJsonataSync(item, scope);
      if (v === NOT_FAST) return NOT_FAST;
      out.push(v);
    }
    return out;
  }
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // for…in, not Object.keys: a template's keys come from its shape's cache, with no array made per evaluation
  for (const k in o) {
    const v = evaluateJsonataSync(o[k], scope);
    if (v === NOT_FAST) return NOT_FAST;
    out[k] = v;
  }
  return out;
}

/**
 * The two fast paths: jsonata-fast's regular shapes, then the compiled subset (jsonata-compiled.ts); or NOT_FAST.
 * Their answers are plain JSON already, with no `toPlain` to do: they are built from the state's input, variables
 * and context (JSON themselves) and from literals, and both paths defer to jsonata rather than give a function, a
 * sequence, an undefined array item or a number that is not finite.
 */
function evaluateFastPaths(
  source: string,
  vars: Record<string, unknown>,
  states: Record<string, unknown> | undefined,
): unknown {
  const v = evaluateFastIn(source, vars, states);
  return v === NOT_FAST ? evaluateCompiled(source, vars, states) : v;
}

/** Bindings are built once per scope and shared by its fields. */
export const jsonataBindings = bindings;
