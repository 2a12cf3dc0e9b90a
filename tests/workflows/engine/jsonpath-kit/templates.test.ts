import { describe, expect, it } from 'vitest';
import { StatesError } from '#engine/errors.ts';
import { type PathEnv, resolveTemplate } from '#engine/jsonpath-kit/index.ts';

const env: PathEnv = { context: { Execution: { Id: 'arn:exec' } }, variables: { x: 42 } };

describe('resolveTemplate (Parameters, ItemSelector, ResultSelector, JSONPath Assign)', () => {
  it('the spec example: static values kept, key.$ entries replaced by path values', () => {
    const input = { flagged: 7, vals: [0, 10, 20, 30, 40, 50] };
    const template = { flagged: true, parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[-3:]' } };
    expect(resolveTemplate(template, input, env)).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
    });
  });
  it('context, variables, intrinsics, arrays of templates; the template itself is not changed', () => {
    const template = {
      'exec.$': '$$.Execution.Id',
      'v.$': '$x',
      'msg.$': "States.Format('n={}', $.n)",
      list: [{ 'a.$': '$.n' }, 'plain', 3],
      'nested.$': '$.obj',
    };
    const copy = structuredClone(template);
    const input = { n: 1, obj: { deep: ['y'] } };
    expect(resolveTemplate(template, input, env)).toEqual({
      exec: 'arn:exec',
      v: 42,
      msg: 'n=1',
      list: [{ a: 1 }, 'plain', 3],
      nested: { deep: ['y'] },
    });
    expect(template).toEqual(copy);
    // compiled once, evaluated against each new input
    expect(resolveTemplate(template, { n: 2, obj: 0 }, env)).toMatchObject({ msg: 'n=2', nested: 0 });
  });
  it('non-object templates pass through', () => {
    expect(resolveTemplate('text', {}, env)).toBe('text');
    expect(resolveTemplate(null, {}, env)).toBeNull();
    expect(resolveTemplate([1, { 'a.$': '$' }], 5, env)).toEqual([1, { a: 5 }]);
  });
  it('a missing path names the field; a non-path value of a key.$ is refused', () => {
    const err = (t: unknown): StatesError => {
      try {
        resolveTemplate(t, { a: 1 }, env);
      } catch (e) {
        if (e instanceof StatesError) return e;
        throw e;
      }
      throw new Error('expected a failure');
    };
    const e = err({ 'b.$': '$.b' });
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toContain("'$.b' specified for the field 'b.$'");
    expect(err({ 'b.$': 'not a path' }).error).toBe('States.Runtime');
    expect(err({ 'b.$': 3 }).error).toBe('States.Runtime');
    expect(err({ 'b.$': 'States.ArrayLength($.a)' }).error).toBe('States.IntrinsicFailure');
  });
});
