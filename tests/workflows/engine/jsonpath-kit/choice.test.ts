import { describe, expect, it } from 'vitest';
import { StatesError } from '#engine/errors.ts';
import { evaluateChoiceRule, type PathEnv, validateChoiceRule } from '#engine/jsonpath-kit/index.ts';

const env: PathEnv = { context: { Execution: { Name: 'run-1' } }, variables: { limit: 10, who: 'bob' } };
const input = {
  s: 'mango',
  n: 5,
  f: 2.5,
  b: true,
  z: null,
  t: '2026-01-01T12:00:00Z',
  t2: '2026-01-01T13:00:00+01:00',
  t3: '2026-01-01T12:00:00.000000001Z',
  other: { s: 'mango', n: 5, b: true, t: '2026-01-01T12:00:00Z' },
  arr: [1],
};
type Rule = Record<string, unknown>;
const is = (rule: Rule, i: unknown = input) => evaluateChoiceRule(rule, i, env);

describe('comparison operators', () => {
  it('String operators (lexicographic)', () => {
    expect(is({ Variable: '$.s', StringEquals: 'mango' })).toBe(true);
    expect(is({ Variable: '$.s', StringEquals: 'Mango' })).toBe(false);
    expect(is({ Variable: '$.s', StringLessThan: 'n' })).toBe(true);
    expect(is({ Variable: '$.s', StringLessThan: 'mango' })).toBe(false);
    expect(is({ Variable: '$.s', StringGreaterThan: 'apple' })).toBe(true);
    expect(is({ Variable: '$.s', StringLessThanEquals: 'mango' })).toBe(true);
    expect(is({ Variable: '$.s', StringGreaterThanEquals: 'mangp' })).toBe(false);
    expect(is({ Variable: '$.s', StringEqualsPath: '$.other.s' })).toBe(true);
    expect(is({ Variable: '$.s', StringLessThanPath: '$.other.s' })).toBe(false);
    expect(is({ Variable: '$.s', StringGreaterThanPath: '$who' })).toBe(true);
    expect(is({ Variable: '$.s', StringLessThanEqualsPath: '$.other.s' })).toBe(true);
    expect(is({ Variable: '$.s', StringGreaterThanEqualsPath: '$.other.s' })).toBe(true);
  });
  it('StringMatches: * wildcard, \\* literal asterisk', () => {
    expect(is({ Variable: '$.f', StringMatches: 'log-*.txt' }, { f: 'log-2026-01.txt' })).toBe(true);
    expect(is({ Variable: '$.f', StringMatches: '*.log' }, { f: 'x.txt' })).toBe(false);
    expect(is({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'a*b' })).toBe(true);
    expect(is({ Variable: '$.f', StringMatches: 'a\\*b' }, { f: 'axb' })).toBe(false);
    expect(is({ Variable: '$.f', StringMatches: 'a.c*' }, { f: 'abc' })).toBe(false);
    expect(is({ Variable: '$.f', StringMatches: '*' }, { f: '' })).toBe(true);
    expect(is({ Variable: '$.f', StringMatches: 'x*' }, { f: 5 })).toBe(false);
  });
  it('Numeric operators', () => {
    expect(is({ Variable: '$.n', NumericEquals: 5 })).toBe(true);
    expect(is({ Variable: '$.f', NumericEquals: 2.5 })).toBe(true);
    expect(is({ Variable: '$.n', NumericLessThan: 5 })).toBe(false);
    expect(is({ Variable: '$.n', NumericGreaterThan: 4.9 })).toBe(true);
    expect(is({ Variable: '$.n', NumericLessThanEquals: 5 })).toBe(true);
    expect(is({ Variable: '$.n', NumericGreaterThanEquals: 6 })).toBe(false);
    expect(is({ Variable: '$.n', NumericEqualsPath: '$.other.n' })).toBe(true);
    expect(is({ Variable: '$.n', NumericLessThanPath: '$limit' })).toBe(true);
    expect(is({ Variable: '$.n', NumericGreaterThanPath: '$limit' })).toBe(false);
    expect(is({ Variable: '$.n', NumericLessThanEqualsPath: '$.other.n' })).toBe(true);
    expect(is({ Variable: '$.n', NumericGreaterThanEqualsPath: '$.f' })).toBe(true);
  });
  it('BooleanEquals', () => {
    expect(is({ Variable: '$.b', BooleanEquals: true })).toBe(true);
    expect(is({ Variable: '$.b', BooleanEquals: false })).toBe(false);
    expect(is({ Variable: '$.b', BooleanEqualsPath: '$.other.b' })).toBe(true);
  });
  it('Timestamp operators compare instants (offsets and nanoseconds)', () => {
    expect(is({ Variable: '$.t', TimestampEquals: '2026-01-01T12:00:00Z' })).toBe(true);
    expect(is({ Variable: '$.t2', TimestampEquals: '2026-01-01T12:00:00Z' })).toBe(true);
    expect(is({ Variable: '$.t', TimestampLessThan: '2026-01-01T12:00:00.5Z' })).toBe(true);
    expect(is({ Variable: '$.t3', TimestampGreaterThan: '2026-01-01T12:00:00Z' })).toBe(true);
    expect(is({ Variable: '$.t', TimestampLessThanEquals: '2025-12-31T23:59:59Z' })).toBe(false);
    expect(is({ Variable: '$.t', TimestampGreaterThanEquals: '2026-01-01T12:00:00Z' })).toBe(true);
    expect(is({ Variable: '$.t', TimestampEqualsPath: '$.other.t' })).toBe(true);
    expect(is({ Variable: '$.t', TimestampLessThanPath: '$.t3' })).toBe(true);
    expect(is({ Variable: '$.t', TimestampGreaterThanPath: '$.t3' })).toBe(false);
    expect(is({ Variable: '$.t', TimestampLessThanEqualsPath: '$.t2' })).toBe(true);
    expect(is({ Variable: '$.t3', TimestampGreaterThanEqualsPath: '$.t' })).toBe(true);
    expect(
      is({ Variable: '$.d', TimestampEquals: '2026-01-01T12:00:00Z' }, { d: '2026-01-01t12:00:00z' }),
    ).toBe(false);
  });
  it('type tests and IsPresent', () => {
    expect(is({ Variable: '$.z', IsNull: true })).toBe(true);
    expect(is({ Variable: '$.n', IsNull: false })).toBe(true);
    expect(is({ Variable: '$.n', IsNumeric: true })).toBe(true);
    expect(is({ Variable: '$.s', IsNumeric: true })).toBe(false);
    expect(is({ Variable: '$.s', IsString: true })).toBe(true);
    expect(is({ Variable: '$.b', IsBoolean: true })).toBe(true);
    expect(is({ Variable: '$.z', IsBoolean: false })).toBe(true);
    expect(is({ Variable: '$.t', IsTimestamp: true })).toBe(true);
    expect(is({ Variable: '$.s', IsTimestamp: true })).toBe(false);
    expect(is({ Variable: '$.x', IsTimestamp: false }, { x: '2026-02-30T00:00:00Z' })).toBe(true);
    expect(is({ Variable: '$.z', IsPresent: true })).toBe(true);
    expect(is({ Variable: '$.missing', IsPresent: true })).toBe(false);
    expect(is({ Variable: '$.missing', IsPresent: false })).toBe(true);
    expect(is({ Variable: '$.arr[3]', IsPresent: false })).toBe(true);
    expect(is({ Variable: '$nope', IsPresent: false })).toBe(true);
  });
  it('a type mismatch compares false', () => {
    expect(is({ Variable: '$.s', NumericEquals: 5 })).toBe(false);
    expect(is({ Variable: '$.n', StringEquals: '5' })).toBe(false);
    expect(is({ Variable: '$.n', BooleanEquals: true })).toBe(false);
    expect(is({ Variable: '$.n', TimestampEquals: '2026-01-01T12:00:00Z' })).toBe(false);
    expect(is({ Variable: '$.s', NumericLessThanPath: '$.s' })).toBe(false);
  });
  it('Variable on the context object and on variables', () => {
    expect(is({ Variable: '$$.Execution.Name', StringEquals: 'run-1' })).toBe(true);
    expect(is({ Variable: '$limit', NumericGreaterThan: 9 })).toBe(true);
  });
  it('a missing Variable or …Path operand is States.Runtime', () => {
    for (const rule of [
      { Variable: '$.missing', StringEquals: 'x' },
      { Variable: '$.missing', IsNull: true },
      { Variable: '$.n', NumericEqualsPath: '$.missing' },
      { Variable: '$undefinedVar', NumericEquals: 1 },
    ]) {
      let error: unknown;
      try {
        is(rule);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(rule)).toBeInstanceOf(StatesError);
      expect((error as StatesError).error).toBe('States.Runtime');
    }
  });
});

describe('And, Or, Not', () => {
  it('the spec example: a nested Not inside And', () => {
    const rule = {
      And: [
        { Not: { Variable: '$.type', StringEquals: 'Private' } },
        { Variable: '$.value', NumericGreaterThanEquals: 20 },
        { Variable: '$.value', NumericLessThan: 30 },
      ],
    };
    expect(is(rule, { type: 'Public', value: 25 })).toBe(true);
    expect(is(rule, { type: 'Private', value: 25 })).toBe(false);
    expect(is(rule, { type: 'Public', value: 30 })).toBe(false);
  });
  it('Or of Ands, Not of Or, short-circuiting before a missing variable', () => {
    const rule = {
      Or: [
        {
          And: [
            { Variable: '$.a', NumericEquals: 1 },
            { Variable: '$.b', NumericEquals: 2 },
          ],
        },
        {
          Not: {
            Or: [
              { Variable: '$.a', NumericLessThan: 10 },
              { Variable: '$.c', IsPresent: true },
            ],
          },
        },
      ],
    };
    expect(is(rule, { a: 1, b: 2 })).toBe(true);
    expect(is(rule, { a: 1, b: 3 })).toBe(false);
    expect(is(rule, { a: 20, b: 3 })).toBe(true);
    expect(is(rule, { a: 20, b: 3, c: 0 })).toBe(false);
    expect(
      is(
        {
          Or: [
            { Variable: '$.a', IsPresent: true },
            { Variable: '$.missing', StringEquals: 'x' },
          ],
        },
        { a: 1 },
      ),
    ).toBe(true);
  });
});

describe('validateChoiceRule', () => {
  const at = '/States/C/Choices[0]';
  it('accepts valid rules, including nested ones with comments', () => {
    expect(validateChoiceRule({ Variable: '$.n', NumericEquals: 1 }, at)).toEqual([]);
    expect(validateChoiceRule({ Variable: '$$.Execution.Name', StringMatches: 'a*' }, at)).toEqual([]);
    expect(validateChoiceRule({ Variable: '$v', TimestampLessThanPath: '$.t' }, at)).toEqual([]);
    expect(
      validateChoiceRule(
        {
          Not: {
            Or: [
              { Variable: '$.a', IsPresent: true, Comment: 'x' },
              { Variable: '$.b', IsNull: false },
            ],
          },
        },
        at,
      ),
    ).toEqual([]);
  });
  it('reports each problem with its location', () => {
    const one = (rule: unknown) => {
      const p = validateChoiceRule(rule, at);
      expect(p.length, JSON.stringify(rule)).toBeGreaterThan(0);
      expect(p[0]).toMatch(/^SCHEMA_VALIDATION_FAILED: .* at \/States\/C\/Choices\[0\]/);
      return p.join('\n');
    };
    expect(one({ Variable: '$.n' })).toContain('one comparison operator');
    expect(one({ NumericEquals: 1 })).toContain("'Variable' is required");
    expect(one({ Variable: 'n', NumericEquals: 1 })).toContain("'Variable' must be a valid JSONPath");
    expect(one({ Variable: '$.n', NumericEquals: '1' })).toContain('must be a number');
    expect(one({ Variable: '$.n', StringEquals: 1 })).toContain('must be a string');
    expect(one({ Variable: '$.n', BooleanEquals: 'true' })).toContain('must be a boolean');
    expect(one({ Variable: '$.n', IsNull: 'yes' })).toContain('must be a boolean');
    expect(one({ Variable: '$.n', TimestampEquals: '2026-01-01' })).toContain('RFC3339');
    expect(one({ Variable: '$.n', NumericEqualsPath: 'x' })).toContain(
      "'NumericEqualsPath' must be a valid JSONPath",
    );
    expect(one({ Variable: '$.n', NumericEquals: 1, StringEquals: 'a' })).toContain('exactly one operator');
    expect(one({ Variable: '$.n', NumericEqualz: 1 })).toContain("'NumericEqualz' is not supported");
    expect(one({ And: [] })).toContain("'And' must be a non-empty array");
    expect(one({ Or: [{ Variable: '$.a', IsPresent: true, Next: 'X' }] })).toContain('/Or[0]/Next');
    expect(one({ Not: { Variable: '$.a' } })).toContain('/Not');
    expect(one({ And: [{ Variable: '$.a', IsNull: true }], Variable: '$.a' })).toContain(
      "'Variable' is not allowed",
    );
    expect(one('rule')).toContain('must be an object');
  });
});
