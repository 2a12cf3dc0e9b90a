/** `ResultPath`: where a state's result is placed in its input (spec "ResultPath"). */
import { StatesError } from '../errors.ts';
import { isObject } from './json.ts';
import { type CompiledPath, compilePath } from './path-eval.ts';

const failure = (resultPath: string, why: string) =>
  new StatesError(
    'States.ResultPathMatchFailure',
    `Unable to apply ResultPath '${resultPath}' to the input: ${why}`,
  );

/**
 * undefined or `$`: the result replaces the input; null: the input passes unchanged; otherwise a Reference
 * Path into the input: the containers along it are copied (the input is never mutated), missing fields are
 * created as objects, an existing value is replaced. A path that cannot apply is `States.ResultPathMatchFailure`.
 */
export function applyResultPath(
  input: unknown,
  resultPath: string | null | undefined,
  result: unknown,
): unknown {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  let c: CompiledPath;
  try {
    c = compilePath(resultPath);
  } catch (error) {
    throw failure(resultPath, (error as Error).message);
  }
  if (c.parsed.root.t !== 'input' || c.keys === undefined)
    throw failure(resultPath, 'a ResultPath must be a Reference Path into the state input');
  return place(input, c.keys, 0, result, resultPath);
}

function place(
  node: unknown,
  keys: ReadonlyArray<string | number>,
  i: number,
  result: unknown,
  rp: string,
): unknown {
  if (i === keys.length) return result;
  const k = keys[i]!;
  if (typeof k === 'string') {
    if (!isObject(node))
      throw failure(rp, `the value at step ${i + 1} ('${k}') is not an object (${describe(node)})`);
    const child = Object.hasOwn(node, k)
      ? node[k]
      : i + 1 < keys.length && typeof keys[i + 1] === 'string'
        ? {}
        : undefined;
    if (child === undefined && i + 1 < keys.length) throw failure(rp, `no array at '${k}' to index into`);
    return { ...node, [k]: place(child, keys, i + 1, result, rp) };
  }
  if (!Array.isArray(node))
    throw failure(rp, `the value at step ${i + 1} ([${k}]) is not an array (${describe(node)})`);
  const idx = k < 0 ? node.length + k : k;
  if (idx < 0 || idx >= node.length) throw failure(rp, `index ${k} is out of bounds (length ${node.length})`);
  const copy = node.slice();
  copy[idx] = place(node[idx], keys, i + 1, result, rp);
  return copy;
}

const describe = (v: unknown): string =>
  v === undefined
    ? 'missing'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'an array'
        : typeof v === 'object'
          ? 'an object'
          : `a ${typeof v}`;
