/** Create-time validation of JSONPath Choice rules, worded as AWS's `SCHEMA_VALIDATION_FAILED` problems. */
import { OPERATORS, PATH_OPERATORS } from './choice.ts';
import { isValidPath } from './paths.ts';
import { parseTimestamp } from './timestamp.ts';

const schema = (msg: string, at: string) => `SCHEMA_VALIDATION_FAILED: ${msg} at ${at}`;
const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The operand each literal operator needs. */
function operandProblem(op: string, v: unknown): string | undefined {
  if (op.startsWith('Is')) return typeof v === 'boolean' ? undefined : 'a boolean';
  if (op === 'BooleanEquals') return typeof v === 'boolean' ? undefined : 'a boolean';
  if (op.startsWith('String')) return typeof v === 'string' ? undefined : 'a string';
  if (op.startsWith('Numeric')) return typeof v === 'number' ? undefined : 'a number';
  if (op.startsWith('Timestamp'))
    return parseTimestamp(v) !== undefined ? undefined : 'an RFC3339 timestamp (e.g. 2026-01-01T00:00:00Z)';
  return undefined;
}

const COMPARATORS = new Set([
  ...Object.keys(OPERATORS),
  'IsPresent',
  ...PATH_OPERATORS.map((o) => `${o}Path`),
]);
const COMBINATORS = ['And', 'Or', 'Not'];

/**
 * Problems of one choice rule (`where` locates it, e.g. `/States/Pick/Choices[0]`). The top-level rule's
 * `Next`, `Assign` and `Comment` are expected to be removed by the caller; nested rules may carry `Comment` only.
 */
export function validateChoiceRule(rule: unknown, where: string): string[] {
  if (!isObj(rule)) return [schema('A choice rule must be an object', where)];
  const problems: string[] = [];
  const keys = Object.keys(rule).filter((k) => k !== 'Comment');
  const combinators = keys.filter((k) => COMBINATORS.includes(k));
  const comparators = keys.filter((k) => COMPARATORS.has(k));
  for (const k of keys)
    if (k !== 'Variable' && !COMBINATORS.includes(k) && !COMPARATORS.has(k))
      problems.push(
        schema(
          k === 'Next'
            ? `The field 'Next' is only allowed in a top-level choice rule`
            : `The field '${k}' is not supported by Step Functions`,
          `${where}/${k}`,
        ),
      );
  if (combinators.length + comparators.length !== 1) {
    problems.push(
      schema(
        combinators.length + comparators.length === 0
          ? 'A choice rule must have one comparison operator or one of And, Or, Not'
          : `A choice rule must have exactly one operator, found ${[...combinators, ...comparators].join(', ')}`,
        where,
      ),
    );
    return problems;
  }
  if (combinators.length === 1) {
    const k = combinators[0]!;
    if (rule.Variable !== undefined)
      problems.push(schema(`The field 'Variable' is not allowed with '${k}'`, `${where}/Variable`));
    if (k === 'Not') problems.push(...validateChoiceRule(rule.Not, `${where}/Not`));
    else if (!Array.isArray(rule[k]) || rule[k].length === 0)
      problems.push(schema(`The field '${k}' must be a non-empty array of choice rules`, `${where}/${k}`));
    else
      for (const [i, r] of (rule[k] as unknown[]).entries())
        problems.push(...validateChoiceRule(r, `${where}/${k}[${i}]`));
    return problems;
  }
  if (rule.Variable === undefined)
    problems.push(schema(`The field 'Variable' is required but was missing`, where));
  else if (typeof rule.Variable !== 'string' || !isValidPath(rule.Variable))
    problems.push(schema(`The value for the field 'Variable' must be a valid JSONPath`, `${where}/Variable`));
  const op = comparators[0]!;
  const v = rule[op];
  if (op.endsWith('Path') && !(op in OPERATORS)) {
    if (typeof v !== 'string' || !isValidPath(v))
      problems.push(schema(`The value for the field '${op}' must be a valid JSONPath`, `${where}/${op}`));
  } else {
    const want = operandProblem(op === 'IsPresent' ? 'IsPresent' : op, v);
    if (want) problems.push(schema(`The value for the field '${op}' must be ${want}`, `${where}/${op}`));
  }
  return problems;
}
