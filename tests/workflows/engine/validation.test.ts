import { describe, expect, it } from 'vitest';
import { harness, JSONATA } from './helpers.ts';

async function problems(definition: unknown): Promise<string> {
  const h = harness();
  try {
    await h.engine.createStateMachine({
      name: 'v',
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
      roleArn: 'arn:aws:iam::000000000000:role/r',
    });
  } catch (error) {
    expect((error as Error).name).toBe('InvalidDefinition');
    return (error as Error).message;
  }
  throw new Error('definition was accepted');
}

const pass = { Type: 'Pass', End: true };

describe('definition validation (InvalidDefinition)', () => {
  it('refuses malformed JSON', async () => {
    expect(await problems('{"StartAt": ')).toMatch(
      /^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION/,
    );
  });

  it('names a missing StartAt, an unknown StartAt and an unknown Next', async () => {
    expect(await problems({ States: { A: pass } })).toContain("The field 'StartAt' is required");
    expect(await problems({ StartAt: 'X', States: { A: pass } })).toContain(
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: X at /StartAt",
    );
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nope' } } })).toContain(
      "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /States/A/Next",
    );
  });

  it('names unreachable states and missing End/Next', async () => {
    expect(await problems({ StartAt: 'A', States: { A: pass, B: pass } })).toContain(
      'UNREACHABLE_STATE: State "B" is not reachable. at /States/B',
    );
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Pass' } } })).toContain(
      "Either 'Next' or 'End: true' is required at /States/A",
    );
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A', End: true } } })).toContain(
      "'Next' and 'End' are mutually exclusive",
    );
  });

  it('refuses fields that do not belong to the state type, and unknown types', async () => {
    expect(
      await problems({ StartAt: 'A', States: { A: { Type: 'Pass', Resource: 'x', End: true } } }),
    ).toContain("The field 'Resource' is not supported by Step Functions at /States/A/Resource");
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Sleep', End: true } } })).toContain(
      '/States/A/Type',
    );
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Succeed', Next: 'A' } } })).toContain(
      "The field 'Next'",
    );
  });

  it('refuses JSONPath fields in JSONata states and JSONata fields in JSONPath states', async () => {
    const ata = await problems({
      ...JSONATA,
      StartAt: 'A',
      States: { A: { Type: 'Pass', Parameters: { a: 1 }, ResultPath: '$.x', End: true } },
    });
    expect(ata).toContain(
      "The field 'Parameters' is not supported for JSONata states at /States/A/Parameters",
    );
    expect(ata).toContain("The field 'ResultPath' is not supported for JSONata states");
    expect(await problems({ StartAt: 'A', States: { A: { Type: 'Pass', Output: 1, End: true } } })).toContain(
      "The field 'Output' is not supported for JSONPath states",
    );
    expect(
      await problems({
        ...JSONATA,
        StartAt: 'A',
        States: { A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } },
      }),
    ).toContain('/States/A/QueryLanguage');
  });

  it('checks JSONata syntax at create time', async () => {
    expect(
      await problems({
        ...JSONATA,
        StartAt: 'A',
        States: { A: { Type: 'Pass', Output: { x: '{% $states.input.( %}' }, End: true } },
      }),
    ).toContain('/States/A/Output/x');
  });

  it('States.ALL must be alone and last in Retry and Catch', async () => {
    const base = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    const m1 = await problems({
      StartAt: 'A',
      States: { A: { ...base, Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] } },
    });
    expect(m1).toContain("'States.ALL' must appear alone");
    const m2 = await problems({
      StartAt: 'A',
      States: {
        A: {
          ...base,
          Catch: [
            { ErrorEquals: ['States.ALL'], Next: 'B' },
            { ErrorEquals: ['X'], Next: 'B' },
          ],
        },
        B: pass,
      },
    });
    expect(m2).toContain("A catcher with 'States.ALL' must be the last one at /States/A/Catch[0]");
    const m3 = await problems({
      StartAt: 'A',
      States: {
        A: {
          ...base,
          Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5, MaxAttempts: -1, JitterStrategy: 'SOME' }],
        },
      },
    });
    expect(m3).toContain('BackoffRate');
    expect(m3).toContain('MaxAttempts');
    expect(m3).toContain('JitterStrategy');
  });

  it('refuses unsupported resources and distributed Map features rather than ignoring them', async () => {
    expect(
      await problems({
        StartAt: 'A',
        States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
      }),
    ).toContain("The resource 'arn:aws:states:::sns:publish' is not supported");
    const distributed = await problems({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'P',
            States: { P: pass },
          },
          End: true,
        },
      },
    });
    expect(distributed).toContain("The field 'ItemReader' is not supported by the local engine");
    expect(distributed).toContain('Only the INLINE processor mode is supported');
  });

  it('validates nested branches and Map processors, and state names across scopes', async () => {
    const m = await problems({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Outside' } } }],
          Next: 'Outside',
        },
        Outside: { Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: pass } }, End: true },
      },
    });
    expect(m).toContain("Missing 'Next' target: Outside at /States/P/Branches[0]/States/A/Next");
    expect(m).toContain('DUPLICATE_STATE_NAME');
  });

  it('Wait needs exactly one of its time fields; Task timeouts must be positive with heartbeat below timeout', async () => {
    expect(
      await problems({
        StartAt: 'W',
        States: { W: { Type: 'Wait', Seconds: 1, Timestamp: '2026-01-01T00:00:00Z', End: true } },
      }),
    ).toContain('Exactly one of');
    expect(
      await problems({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: 'tomorrow', End: true } } }),
    ).toContain('RFC3339');
    const t = await problems({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 10,
          HeartbeatSeconds: 10,
          End: true,
        },
      },
    });
    expect(t).toContain("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'");
    expect(
      await problems({
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 0, End: true },
        },
      }),
    ).toContain("'TimeoutSeconds' must be a positive integer");
  });

  it('JSONata choice rules need a Condition; JSONPath choice rules cannot carry one', async () => {
    expect(
      await problems({
        ...JSONATA,
        StartAt: 'C',
        States: { C: { Type: 'Choice', Choices: [{ Next: 'E' }] }, E: { Type: 'Succeed' } },
      }),
    ).toContain("The field 'Condition' is required");
    expect(
      await problems({
        StartAt: 'C',
        States: { C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'E' }] }, E: { Type: 'Succeed' } },
      }),
    ).toContain('not supported for JSONPath choice rules');
  });

  it('a valid definition is accepted and an invalid update changes nothing', async () => {
    const h = harness();
    const ok = JSON.stringify({ StartAt: 'A', States: { A: pass } });
    const { stateMachineArn } = await h.engine.createStateMachine({
      name: 'ok',
      definition: ok,
      roleArn: 'arn:aws:iam::000000000000:role/r',
    });
    await expect(h.engine.updateStateMachine({ stateMachineArn, definition: '{}' })).rejects.toMatchObject({
      name: 'InvalidDefinition',
    });
    expect((await h.engine.describeStateMachine({ stateMachineArn })).definition).toBe(ok);
  });
});
