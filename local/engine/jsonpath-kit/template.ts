/**
 * Payload templates (spec "Payload Template": Parameters, ItemSelector, ResultSelector, JSONPath Assign)
 * and intrinsic function evaluation. A template is compiled once per template object (WeakMap).
 */
import { StatesError } from '../errors.ts';
import { callIntrinsic, type Value } from './intrinsic-functions.ts';
import { type Arg, IntrinsicSyntaxError, parseIntrinsic } from './intrinsic-parse.ts';
import { invalidPath, lookup, MISSING, noMatch, type PathEnv, readPath } from './path-eval.ts';

function evalArg(arg: Arg, input: unknown, env: PathEnv, field: string | undefined): Value {
  switch (arg.t) {
    case 'lit':
      return { value: arg.value };
    case 'str':
      return { value: arg.value, holes: arg.holes };
    case 'path': {
      const v = lookup(arg.path, input, env);
      if (v === MISSING) throw noMatch(arg.path, env, field);
      return { value: v };
    }
    case 'call':
      return { value: evalCall(arg, input, env, field) };
  }
}

function evalCall(call: Arg & { t: 'call' }, input: unknown, env: PathEnv, field?: string): unknown {
  const args = call.args.map((a) => evalArg(a, input, env, field));
  return callIntrinsic(call.name, args, env);
}

function parse(expr: string): Arg & { t: 'call' } {
  try {
    return parseIntrinsic(expr) as Arg & { t: 'call' };
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError)
      throw new StatesError('States.IntrinsicFailure', `Invalid intrinsic function: ${error.message}`);
    throw error;
  }
}

/** Evaluate an intrinsic function call such as `States.Format('{} items', States.ArrayLength($.items))`. */
export function evaluateIntrinsic(expr: string, input: unknown, env: PathEnv, field?: string): unknown {
  return evalCall(parse(expr), input, env, field);
}

/** The value of a `key.$` entry: a path or an intrinsic function call. */
export function dynamicValue(expr: unknown, input: unknown, env: PathEnv, field: string): unknown {
  if (typeof expr !== 'string')
    throw new StatesError(
      'States.Runtime',
      `The value of the field '${field}' must be a path or an intrinsic function`,
    );
  if (expr.startsWith('States.')) return evaluateIntrinsic(expr, input, env, field);
  return readPath(expr, input, env, field);
}

type Compiled = (input: unknown, env: PathEnv) => unknown;

const compiledTemplates = new WeakMap<object, Compiled>();

function compile(template: unknown): Compiled {
  if (template === null || typeof template !== 'object') return () => template;
  let c = compiledTemplates.get(template);
  if (c) return c;
  if (Array.isArray(template)) {
    const items = template.map(compile);
    c = (input, env) => items.map((f) => f(input, env));
  } else {
    const entries: Array<[string, Compiled]> = Object.entries(template).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, compile(value)];
      return [key.slice(0, -2), dynamic(value, key)];
    });
    c = (input, env) => {
      const out: Record<string, unknown> = {};
      for (const [k, f] of entries) out[k] = f(input, env);
      return out;
    };
  }
  compiledTemplates.set(template, c);
  return c;
}

/** Pre-parse a `key.$` value so evaluation does no string work. */
function dynamic(expr: unknown, field: string): Compiled {
  if (typeof expr === 'string' && expr.startsWith('States.')) {
    let parsed: Arg & { t: 'call' };
    try {
      parsed = parse(expr);
    } catch {
      return (input, env) => evaluateIntrinsic(expr, input, env, field);
    }
    return (input, env) => evalCall(parsed, input, env, field);
  }
  if (typeof expr === 'string' && expr.startsWith('$')) {
    return (input, env) => readPath(expr, input, env, field);
  }
  return () => {
    if (typeof expr === 'string') throw invalidPath(expr, new Error('a path must begin with $'));
    return dynamicValue(expr, undefined, { context: undefined, variables: {} }, field);
  };
}

/** Resolve a payload template: `key.$` entries take a path or intrinsic function; recursive. */
export function resolveTemplate(template: unknown, input: unknown, env: PathEnv): unknown {
  return compile(template)(input, env);
}
