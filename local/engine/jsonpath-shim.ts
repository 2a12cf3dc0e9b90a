/** TEMPORARY minimal stand-in for `./jsonpath/index.ts` (written by another engineer); delete when it lands. */
import { StatesError } from './errors.ts';

export type PathEnv = { context: unknown; variables: Record<string, unknown> };

const walk = (root: unknown, rest: string, path: string): unknown => {
  let v = root;
  for (const part of rest.split('.').filter(Boolean)) {
    const m = /^([^[]*)((\[\d+\])*)$/.exec(part);
    if (!m) throw new StatesError('States.Runtime', `Invalid path '${path}'`);
    if (m[1]) {
      if (v === null || typeof v !== 'object' || !(m[1] in (v as object)))
        throw new StatesError('States.Runtime', `Invalid path '${path}': no field '${m[1]}'`);
      v = (v as Record<string, unknown>)[m[1]];
    }
    for (const idx of (m[2] ?? '').match(/\d+/g) ?? []) v = (v as unknown[])[Number(idx)];
  }
  return v;
};

export function readPath(path: string, input: unknown, env: PathEnv): unknown {
  if (path.startsWith('$$')) return walk(env.context, path.slice(2), path);
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(path);
  if (m) {
    if (!(m[1]! in env.variables)) throw new StatesError('States.Runtime', `Invalid variable '${m[1]}'`);
    return walk(env.variables[m[1]!], m[2]!, path);
  }
  return walk(input, path.slice(1), path);
}

export function applyResultPath(
  input: unknown,
  resultPath: string | null | undefined,
  result: unknown,
): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const parts = resultPath.slice(2).split('.');
  const out = structuredClone((input ?? {}) as Record<string, unknown>);
  let o: Record<string, unknown> = out;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts.at(-1)!] = result;
  return out;
}

const intrinsic = (expr: string, input: unknown, env: PathEnv): unknown => {
  const m = /^States\.(\w+)\((.*)\)$/.exec(expr);
  if (!m) return readPath(expr, input, env);
  const args = m[2]!
    .split(',')
    .map((a) => a.trim())
    .map((a) => (a.startsWith('$') ? readPath(a, input, env) : JSON.parse(a.replace(/^'|'$/g, '"'))));
  if (m[1] === 'MathAdd') return (args[0] as number) + (args[1] as number);
  if (m[1] === 'Format') {
    let i = 1;
    return String(args[0]).replace(/\{\}/g, () => String(args[i++]));
  }
  if (m[1] === 'StringToJson') return JSON.parse(String(args[0]));
  if (m[1] === 'JsonToString') return JSON.stringify(args[0]);
  if (m[1] === 'Array') return args;
  throw new StatesError('States.IntrinsicFailure', `unsupported ${m[1]}`);
};

export function resolveTemplate(template: unknown, input: unknown, env: PathEnv): unknown {
  if (Array.isArray(template)) return template.map((t) => resolveTemplate(t, input, env));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(template)) {
    if (k.endsWith('.$')) out[k.slice(0, -2)] = intrinsic(String(v), input, env);
    else out[k] = resolveTemplate(v, input, env);
  }
  return out;
}

export function evaluateChoiceRule(rule: Record<string, unknown>, input: unknown, env: PathEnv): boolean {
  if (rule.And)
    return (rule.And as Record<string, unknown>[]).every((r) => evaluateChoiceRule(r, input, env));
  if (rule.Or) return (rule.Or as Record<string, unknown>[]).some((r) => evaluateChoiceRule(r, input, env));
  if (rule.Not) return !evaluateChoiceRule(rule.Not as Record<string, unknown>, input, env);
  const v = readPath(String(rule.Variable), input, env);
  for (const [k, c] of Object.entries(rule)) {
    if (k === 'Variable' || k === 'Next' || k === 'Assign' || k === 'Output' || k === 'Comment') continue;
    const cmp = k.endsWith('Path') ? readPath(String(c), input, env) : c;
    const op = k.replace(/^(String|Numeric|Boolean|Timestamp)/, '').replace(/Path$/, '');
    if (k === 'IsPresent') return true;
    switch (op) {
      case 'Equals':
        return v === cmp;
      case 'LessThan':
        return (v as number) < (cmp as number);
      case 'GreaterThan':
        return (v as number) > (cmp as number);
      case 'LessThanEquals':
        return (v as number) <= (cmp as number);
      case 'GreaterThanEquals':
        return (v as number) >= (cmp as number);
    }
  }
  return false;
}

export function validateChoiceRule(_rule: unknown, _where: string): string[] {
  return [];
}
export const isValidReferencePath = (path: string): boolean => path.startsWith('$');
export const isValidPath = (path: string): boolean => path.startsWith('$');
