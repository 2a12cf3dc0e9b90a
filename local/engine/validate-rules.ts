import { jsonataSyntaxProblems } from './jsonata-eval.ts';
import { isValidReferencePath, validateChoiceRule } from './jsonpath-bridge.ts';

/** Validation of Choice rules, Retry and Catch (part of definition validation, see validate.ts). */

const RETRIER = [
  'ErrorEquals',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
  'JitterStrategy',
  'Comment',
];

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isPosInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const schema = (msg: string, at: string) => `SCHEMA_VALIDATION_FAILED: ${msg} at ${at}`;

export function validateChoices(
  s: Record<string, unknown>,
  where: string,
  ata: boolean,
  problems: string[],
  target: (t: unknown, f: string) => void,
) {
  if (!Array.isArray(s.Choices) || s.Choices.length === 0) {
    problems.push(schema(`The field 'Choices' is required and must be a non-empty array`, where));
    return;
  }
  s.Choices.forEach((rule, i) => {
    const at = `${where}/Choices[${i}]`;
    if (!isObj(rule)) {
      problems.push(schema('A choice rule must be an object', at));
      return;
    }
    target(rule.Next, `Choices[${i}]/Next`);
    if (ata) {
      for (const k of Object.keys(rule))
        if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(k))
          problems.push(schema(`The field '${k}' is not supported for JSONata choice rules`, `${at}/${k}`));
      if (rule.Condition === undefined)
        problems.push(schema(`The field 'Condition' is required but was missing`, at));
      else if (typeof rule.Condition !== 'boolean')
        problems.push(...jsonataSyntaxProblems(rule.Condition, `${at}/Condition`));
      for (const k of ['Output', 'Assign'])
        if (rule[k] !== undefined) problems.push(...jsonataSyntaxProblems(rule[k], `${at}/${k}`));
    } else {
      const { Next: _n, Assign: _a, Comment: _c, ...cond } = rule;
      if ('Output' in cond || 'Condition' in cond)
        problems.push(
          schema(`The fields 'Condition' and 'Output' are not supported for JSONPath choice rules`, at),
        );
      else problems.push(...validateChoiceRule(cond, at));
    }
  });
  if (s.Default !== undefined) target(s.Default, 'Default');
}

function checkErrorEquals(list: unknown, at: string, isLast: boolean, what: string, problems: string[]) {
  if (!Array.isArray(list) || list.length === 0 || list.some((e) => typeof e !== 'string')) {
    problems.push(schema(`The field 'ErrorEquals' is required and must be a non-empty array of strings`, at));
    return;
  }
  if (list.includes('States.ALL')) {
    if (list.length > 1)
      problems.push(schema(`'States.ALL' must appear alone in 'ErrorEquals'`, `${at}/ErrorEquals`));
    if (!isLast)
      problems.push(schema(`A ${what} with 'States.ALL' must be the last one`, `${at}/ErrorEquals`));
  }
}

export function validateRetry(retry: unknown, at: string, problems: string[]) {
  if (!Array.isArray(retry)) {
    problems.push(schema(`The field 'Retry' must be an array`, at));
    return;
  }
  retry.forEach((r, i) => {
    const w = `${at}[${i}]`;
    if (!isObj(r)) {
      problems.push(schema('A retrier must be an object', w));
      return;
    }
    for (const k of Object.keys(r))
      if (!RETRIER.includes(k))
        problems.push(schema(`The field '${k}' is not supported by Step Functions`, `${w}/${k}`));
    checkErrorEquals(r.ErrorEquals, w, i === retry.length - 1, 'retrier', problems);
    if (r.IntervalSeconds !== undefined && !isPosInt(r.IntervalSeconds))
      problems.push(schema(`'IntervalSeconds' must be a positive integer`, `${w}/IntervalSeconds`));
    if (
      r.MaxAttempts !== undefined &&
      !(
        Number.isInteger(r.MaxAttempts) &&
        (r.MaxAttempts as number) >= 0 &&
        (r.MaxAttempts as number) <= 99999999
      )
    )
      problems.push(schema(`'MaxAttempts' must be a non-negative integer`, `${w}/MaxAttempts`));
    if (r.BackoffRate !== undefined && !(typeof r.BackoffRate === 'number' && r.BackoffRate >= 1))
      problems.push(
        schema(`'BackoffRate' must be a number greater than or equal to 1.0`, `${w}/BackoffRate`),
      );
    if (r.MaxDelaySeconds !== undefined && !isPosInt(r.MaxDelaySeconds))
      problems.push(schema(`'MaxDelaySeconds' must be a positive integer`, `${w}/MaxDelaySeconds`));
    if (r.JitterStrategy !== undefined && r.JitterStrategy !== 'FULL' && r.JitterStrategy !== 'NONE')
      problems.push(schema(`'JitterStrategy' must be FULL or NONE`, `${w}/JitterStrategy`));
  });
}

export function validateCatch(
  catchers: unknown,
  at: string,
  ata: boolean,
  problems: string[],
  target: (t: unknown, f: string) => void,
) {
  if (!Array.isArray(catchers)) {
    problems.push(schema(`The field 'Catch' must be an array`, at));
    return;
  }
  const allowed = ata
    ? ['ErrorEquals', 'Next', 'Output', 'Assign', 'Comment']
    : ['ErrorEquals', 'Next', 'ResultPath', 'Assign', 'Comment'];
  catchers.forEach((c, i) => {
    const w = `${at}[${i}]`;
    if (!isObj(c)) {
      problems.push(schema('A catcher must be an object', w));
      return;
    }
    for (const k of Object.keys(c))
      if (!allowed.includes(k))
        problems.push(
          schema(
            `The field '${k}' is not supported for ${ata ? 'JSONata' : 'JSONPath'} catchers`,
            `${w}/${k}`,
          ),
        );
    checkErrorEquals(c.ErrorEquals, w, i === catchers.length - 1, 'catcher', problems);
    target(c.Next, `Catch[${i}]/Next`);
    if (
      !ata &&
      c.ResultPath !== undefined &&
      c.ResultPath !== null &&
      !(typeof c.ResultPath === 'string' && isValidReferencePath(c.ResultPath))
    )
      problems.push(
        schema(`The value for the field 'ResultPath' must be a valid Reference Path`, `${w}/ResultPath`),
      );
    if (ata)
      for (const k of ['Output', 'Assign'])
        if (c[k] !== undefined) problems.push(...jsonataSyntaxProblems(c[k], `${w}/${k}`));
  });
}
