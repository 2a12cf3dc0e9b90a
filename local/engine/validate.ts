import { jsonataSyntaxProblems } from './jsonata-eval.ts';
import { isValidPath, isValidReferencePath } from './jsonpath-bridge.ts';
import { isSupportedResource } from './resources.ts';
import { COMMON, FIELDS, TOP, UNSUPPORTED } from './validate-fields.ts';
import { validateCatch, validateChoices, validateRetry } from './validate-rules.ts';

/**
 * Definition validation at create/update time. Problems are worded as AWS words them
 * (`CODE: message at /pointer`) and name the state and the field.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isPosInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const schema = (msg: string, at: string) => `SCHEMA_VALIDATION_FAILED: ${msg} at ${at}`;

export function validateDefinition(def: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(def)) return [schema('The definition must be a JSON object', '/')];
  for (const k of Object.keys(def))
    if (!TOP.includes(k)) problems.push(schema(`The field '${k}' is not supported by Step Functions`, '/'));
  const top = def.QueryLanguage ?? 'JSONPath';
  if (top !== 'JSONPath' && top !== 'JSONata')
    problems.push(
      schema(`The value for the field 'QueryLanguage' must be one of [JSONata, JSONPath]`, '/QueryLanguage'),
    );
  if (def.TimeoutSeconds !== undefined && !isPosInt(def.TimeoutSeconds))
    problems.push(
      schema(`The value for the field 'TimeoutSeconds' must be a positive integer`, '/TimeoutSeconds'),
    );
  const names = new Set<string>();
  validateScope(def, '', top === 'JSONata' ? 'JSONata' : 'JSONPath', problems, names);
  return problems;
}

function validateScope(
  scope: Record<string, unknown>,
  at: string,
  lang: string,
  problems: string[],
  names: Set<string>,
) {
  if (typeof scope.StartAt !== 'string')
    problems.push(schema(`The field 'StartAt' is required but was missing`, `${at}/`));
  if (!isObj(scope.States) || Object.keys(scope.States).length === 0) {
    problems.push(schema(`The field 'States' is required and must be a non-empty object`, `${at}/`));
    return;
  }
  const states = scope.States;
  if (typeof scope.StartAt === 'string' && !(scope.StartAt in states))
    problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${scope.StartAt} at ${at}/StartAt`);
  for (const [name, state] of Object.entries(states)) {
    const where = `${at}/States/${name}`;
    if (names.has(name)) problems.push(`DUPLICATE_STATE_NAME: Duplicate State name: ${name} at ${where}`);
    names.add(name);
    if (name.length === 0 || name.length > 80)
      problems.push(schema(`State names must be 1 to 80 characters long`, where));
    if (!isObj(state)) {
      problems.push(schema('A state must be a JSON object', where));
      continue;
    }
    validateState(name, state, where, lang, states, problems, names);
  }
  // reachability
  const seen = new Set<string>();
  const queue = typeof scope.StartAt === 'string' ? [scope.StartAt] : [];
  while (queue.length) {
    const n = queue.pop()!;
    if (seen.has(n) || !isObj(states[n])) continue;
    seen.add(n);
    const s = states[n] as Record<string, unknown>;
    for (const t of [s.Next, s.Default]) if (typeof t === 'string') queue.push(t);
    for (const list of [s.Choices, s.Catch])
      if (Array.isArray(list))
        for (const c of list) if (isObj(c) && typeof c.Next === 'string') queue.push(c.Next);
  }
  for (const n of Object.keys(states))
    if (!seen.has(n)) problems.push(`UNREACHABLE_STATE: State "${n}" is not reachable. at ${at}/States/${n}`);
}

function validateState(
  _name: string,
  s: Record<string, unknown>,
  where: string,
  outerLang: string,
  states: Record<string, unknown>,
  problems: string[],
  names: Set<string>,
) {
  const type = s.Type;
  const fields = typeof type === 'string' ? FIELDS[type] : undefined;
  if (!fields) {
    problems.push(
      schema(
        `The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]`,
        `${where}/Type`,
      ),
    );
    return;
  }
  const lang = (s.QueryLanguage ?? outerLang) as string;
  if (lang !== 'JSONata' && lang !== 'JSONPath')
    problems.push(
      schema(
        `The value for the field 'QueryLanguage' must be one of [JSONata, JSONPath]`,
        `${where}/QueryLanguage`,
      ),
    );
  if (outerLang === 'JSONata' && lang === 'JSONPath')
    problems.push(
      schema(
        `The QueryLanguage 'JSONPath' cannot be used in a state of a JSONata state machine`,
        `${where}/QueryLanguage`,
      ),
    );
  const ata = lang === 'JSONata';
  const allowed = ata ? fields.ata : fields.path;
  const other = ata ? fields.path : fields.ata;
  for (const k of Object.keys(s)) {
    if (COMMON.includes(k) || allowed.includes(k)) continue;
    if (UNSUPPORTED.has(k))
      problems.push(schema(`The field '${k}' is not supported by the local engine`, `${where}/${k}`));
    else if (other.includes(k))
      problems.push(
        schema(
          `The field '${k}' is not supported for ${ata ? 'JSONata' : 'JSONPath'} states`,
          `${where}/${k}`,
        ),
      );
    else problems.push(schema(`The field '${k}' is not supported by Step Functions`, `${where}/${k}`));
  }
  const target = (t: unknown, field: string) => {
    if (typeof t !== 'string')
      problems.push(schema(`The field '${field}' must be a state name`, `${where}/${field}`));
    else if (!(t in states))
      problems.push(`MISSING_TRANSITION_TARGET: Missing 'Next' target: ${t} at ${where}/${field}`);
  };
  if (['Pass', 'Task', 'Wait', 'Parallel', 'Map'].includes(type as string)) {
    const hasNext = s.Next !== undefined;
    const isEnd = s.End === true;
    if (hasNext && s.End !== undefined)
      problems.push(schema(`The fields 'Next' and 'End' are mutually exclusive`, where));
    else if (!hasNext && !isEnd) problems.push(schema(`Either 'Next' or 'End: true' is required`, where));
    if (hasNext) target(s.Next, 'Next');
  }
  if (ata) {
    for (const k of [
      'Arguments',
      'Output',
      'Assign',
      'Items',
      'ItemSelector',
      'Seconds',
      'Timestamp',
      'TimeoutSeconds',
      'HeartbeatSeconds',
      'MaxConcurrency',
      'Error',
      'Cause',
    ])
      if (s[k] !== undefined) problems.push(...jsonataSyntaxProblems(s[k], `${where}/${k}`));
    if (typeof s.Arguments === 'string' && !s.Arguments.startsWith('{%'))
      problems.push(
        schema(
          `The field 'Arguments' must be an object, an array or a JSONata expression`,
          `${where}/Arguments`,
        ),
      );
  } else {
    for (const k of ['InputPath', 'OutputPath'])
      if (s[k] !== undefined && s[k] !== null && !(typeof s[k] === 'string' && isValidPath(s[k])))
        problems.push(schema(`The value for the field '${k}' must be a valid JSONPath`, `${where}/${k}`));
    for (const k of ['ResultPath'])
      if (s[k] !== undefined && s[k] !== null && !(typeof s[k] === 'string' && isValidReferencePath(s[k])))
        problems.push(
          schema(`The value for the field '${k}' must be a valid Reference Path`, `${where}/${k}`),
        );
    for (const k of [
      'ItemsPath',
      'SecondsPath',
      'TimestampPath',
      'TimeoutSecondsPath',
      'HeartbeatSecondsPath',
      'MaxConcurrencyPath',
    ])
      if (s[k] !== undefined && !(typeof s[k] === 'string' && isValidReferencePath(s[k])))
        problems.push(
          schema(`The value for the field '${k}' must be a valid Reference Path`, `${where}/${k}`),
        );
    for (const k of ['ErrorPath', 'CausePath'])
      if (
        s[k] !== undefined &&
        !(typeof s[k] === 'string' && (s[k].startsWith('States.') || isValidReferencePath(s[k])))
      )
        problems.push(
          schema(
            `The value for the field '${k}' must be a valid Reference Path or intrinsic function`,
            `${where}/${k}`,
          ),
        );
  }
  switch (type) {
    case 'Task':
      if (typeof s.Resource !== 'string')
        problems.push(schema(`The field 'Resource' is required but was missing`, where));
      else if (!isSupportedResource(s.Resource))
        problems.push(
          schema(`The resource '${s.Resource}' is not supported by the local engine`, `${where}/Resource`),
        );
      for (const k of ['TimeoutSeconds', 'HeartbeatSeconds'])
        if (
          s[k] !== undefined &&
          !isPosInt(s[k]) &&
          !(ata && typeof s[k] === 'string' && s[k].startsWith('{%'))
        )
          problems.push(schema(`The value for the field '${k}' must be a positive integer`, `${where}/${k}`));
      if (s.TimeoutSeconds !== undefined && s.TimeoutSecondsPath !== undefined)
        problems.push(
          schema(`The fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive`, where),
        );
      if (s.HeartbeatSeconds !== undefined && s.HeartbeatSecondsPath !== undefined)
        problems.push(
          schema(`The fields 'HeartbeatSeconds' and 'HeartbeatSecondsPath' are mutually exclusive`, where),
        );
      if (
        isPosInt(s.TimeoutSeconds) &&
        isPosInt(s.HeartbeatSeconds) &&
        (s.HeartbeatSeconds as number) >= (s.TimeoutSeconds as number)
      )
        problems.push(
          schema(
            `The value of 'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'`,
            `${where}/HeartbeatSeconds`,
          ),
        );
      break;
    case 'Choice':
      validateChoices(s, where, ata, problems, target);
      break;
    case 'Wait': {
      const given = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'].filter(
        (k) => s[k] !== undefined,
      );
      if (given.length !== 1)
        problems.push(
          schema(
            `Exactly one of 'Seconds', 'Timestamp', 'SecondsPath' or 'TimestampPath' is required`,
            where,
          ),
        );
      const isExpr = (v: unknown) => ata && typeof v === 'string' && v.startsWith('{%');
      if (
        s.Seconds !== undefined &&
        !isExpr(s.Seconds) &&
        !(Number.isInteger(s.Seconds) && (s.Seconds as number) >= 0)
      )
        problems.push(
          schema(`The value for the field 'Seconds' must be a non-negative integer`, `${where}/Seconds`),
        );
      if (
        s.Timestamp !== undefined &&
        !isExpr(s.Timestamp) &&
        !(typeof s.Timestamp === 'string' && RFC3339.test(s.Timestamp))
      )
        problems.push(
          schema(`The value for the field 'Timestamp' must be an RFC3339 timestamp`, `${where}/Timestamp`),
        );
      break;
    }
    case 'Parallel':
      if (!Array.isArray(s.Branches) || s.Branches.length === 0)
        problems.push(schema(`The field 'Branches' is required and must be a non-empty array`, where));
      else
        s.Branches.forEach((b, i) => {
          if (isObj(b)) validateScope(b, `${where}/Branches[${i}]`, lang, problems, names);
          else problems.push(schema('A branch must be an object', `${where}/Branches[${i}]`));
        });
      break;
    case 'Map': {
      const proc = s.ItemProcessor ?? s.Iterator;
      if (s.ItemProcessor !== undefined && s.Iterator !== undefined)
        problems.push(schema(`The fields 'ItemProcessor' and 'Iterator' are mutually exclusive`, where));
      if (!isObj(proc)) problems.push(schema(`The field 'ItemProcessor' is required but was missing`, where));
      else {
        const config = proc.ProcessorConfig;
        if (
          config !== undefined &&
          (!isObj(config) || (config.Mode !== undefined && config.Mode !== 'INLINE'))
        )
          problems.push(
            schema(
              `Only the INLINE processor mode is supported by the local engine (distributed Map is not)`,
              `${where}/ItemProcessor/ProcessorConfig`,
            ),
          );
        const { ProcessorConfig: _c, ...scope } = proc;
        for (const k of Object.keys(scope))
          if (!['StartAt', 'States', 'Comment'].includes(k))
            problems.push(
              schema(`The field '${k}' is not supported by Step Functions`, `${where}/ItemProcessor`),
            );
        validateScope(scope, `${where}/ItemProcessor`, lang, problems, names);
      }
      if (s.ItemSelector !== undefined && s.Parameters !== undefined)
        problems.push(schema(`The fields 'ItemSelector' and 'Parameters' are mutually exclusive`, where));
      if (
        s.MaxConcurrency !== undefined &&
        !(Number.isInteger(s.MaxConcurrency) && (s.MaxConcurrency as number) >= 0) &&
        !(ata && typeof s.MaxConcurrency === 'string')
      )
        problems.push(
          schema(
            `The value for the field 'MaxConcurrency' must be a non-negative integer`,
            `${where}/MaxConcurrency`,
          ),
        );
      break;
    }
    case 'Fail':
      if (s.Error !== undefined && s.ErrorPath !== undefined)
        problems.push(schema(`The fields 'Error' and 'ErrorPath' are mutually exclusive`, where));
      if (s.Cause !== undefined && s.CausePath !== undefined)
        problems.push(schema(`The fields 'Cause' and 'CausePath' are mutually exclusive`, where));
      break;
  }
  if (s.Retry !== undefined) validateRetry(s.Retry, `${where}/Retry`, problems);
  if (s.Catch !== undefined) validateCatch(s.Catch, `${where}/Catch`, ata, problems, (t, f) => target(t, f));
}
