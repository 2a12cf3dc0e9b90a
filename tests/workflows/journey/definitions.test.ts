import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '#engine/index.ts';
import { HANDLERS, WORKFLOWS } from '#functions/manifest.ts';

const ROOT = join(import.meta.dirname, '../../..');
type State = Record<string, unknown> & { Type: string };
type Machine = { States: Record<string, State>; StartAt: string };

/** Every state of a definition, nested ones included, with its path. */
function states(machine: Machine, path = ''): [string, State][] {
  const out: [string, State][] = [];
  for (const [name, state] of Object.entries(machine.States)) {
    out.push([`${path}${name}`, state]);
    for (const branch of (state.Branches as Machine[] | undefined) ?? [])
      out.push(...states(branch, `${path}${name}/`));
    const processor = state.ItemProcessor as Machine | undefined;
    if (processor) out.push(...states(processor, `${path}${name}/`));
  }
  return out;
}

const journey = WORKFLOWS.map((w) => ({ ...w, text: readFileSync(join(ROOT, w.file), 'utf8') }));
const substitutions = new Set([
  ...HANDLERS.map((h) => h.substitution),
  ...WORKFLOWS.map((w) => w.substitution),
]);

describe('the journey state machines', () => {
  it.each(journey.map((w) => [w.name, w] as const))(
    '%s is valid JSONata ASL once substituted',
    (_name, w) => {
      const substituted = w.text.replace(/\$\{(\w+)\}/g, (_m, key: string) =>
        key.endsWith('StateMachineArn')
          ? `arn:aws:states:eu-west-2:000000000000:stateMachine:${key}`
          : `arn:aws:lambda:eu-west-2:000000000000:function:${key}`,
      );
      const definition = JSON.parse(substituted);
      expect(definition.QueryLanguage).toBe('JSONata');
      expect(validateDefinition(definition)).toEqual([]);
    },
  );

  it.each(journey.map((w) => [w.name, w] as const))(
    '%s uses only substitutions the manifest declares',
    (_name, w) => {
      const used = [...w.text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]);
      expect(used.filter((key) => !substitutions.has(key))).toEqual([]);
    },
  );

  it.each(journey.map((w) => [w.name, w] as const))(
    '%s: every Lambda task retries transient errors with backoff and jitter; state names read as steps',
    (_name, w) => {
      for (const [path, state] of states(JSON.parse(w.text) as Machine)) {
        expect(path.split('/').at(-1), path).toMatch(/^[A-Z][A-Za-z]+$/);
        if (state.Type !== 'Task' || !String(state.Resource).includes(':lambda:')) continue;
        const retry = (
          state.Retry as { ErrorEquals: string[]; JitterStrategy?: string; BackoffRate?: number }[]
        )[0];
        expect(retry?.ErrorEquals, path).toEqual(
          expect.arrayContaining([
            'TransientError',
            'Lambda.TooManyRequestsException',
            'Lambda.ServiceException',
          ]),
        );
        expect(retry?.JitterStrategy, path).toBe('FULL');
        expect(retry?.BackoffRate, path).toBeGreaterThan(1);
        expect(retry?.ErrorEquals, path).not.toContain('States.ALL');
      }
    },
  );

  it('the staff-task ladder reads like a caseworker checklist', () => {
    const ladder = JSON.parse(journey.find((w) => w.name === 'StaffTask')!.text) as Machine;
    expect(Object.keys(ladder.States)).toEqual([
      'OpenTaskAndAwaitCompletion',
      'IsReminderDue',
      'RemindAndAwaitCompletion',
      'EscalateAndAwaitCompletion',
      'EscalateAgainAndAwaitCompletion',
      'TaskCompleted',
      'TaskWasCancelled',
    ]);
    // each step sends its notice and waits in one Lambda task; after the last, no further notices
    for (const name of [
      'OpenTaskAndAwaitCompletion',
      'RemindAndAwaitCompletion',
      'EscalateAgainAndAwaitCompletion',
    ])
      expect(ladder.States[name]).toMatchObject({
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      });
    expect(ladder.States.EscalateAgainAndAwaitCompletion).not.toHaveProperty('TimeoutSeconds');
  });
});
