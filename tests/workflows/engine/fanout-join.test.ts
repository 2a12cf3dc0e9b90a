import { describe, expect, it } from 'vitest';
import { harness, JSONATA, ofType } from './helpers.ts';

const FN = 'arn:aws:lambda:eu-west-2:000000000000:function:f';

/**
 * When every branch or iteration of a Map or Parallel finishes in the same moment, the state after it is entered
 * once: the join happens once however many children complete together.
 */
function countingHarness() {
  let calls = 0;
  const h = harness({
    invokeLambda: async (_fn, payload) => {
      calls++;
      return payload;
    },
  });
  return { h, calls: () => calls };
}

describe('Map and Parallel join', () => {
  const afterStates = {
    Wait: { Type: 'Wait', Seconds: '{% 5 %}', Next: 'Done' },
    Task: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: FN, Payload: '{% $states.input %}' },
      Output: '{% $states.result.Payload %}',
      Next: 'Done',
    },
  } as const;

  for (const [kind, after] of Object.entries(afterStates)) {
    it(`enters a ${kind} after a Map once when its iterations finish together`, async () => {
      const { h, calls } = countingHarness();
      const r = await h.run({
        ...JSONATA,
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            Items: [1, 2, 3],
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            Next: 'After',
          },
          After: after,
          Done: { Type: 'Succeed' },
        },
      });
      expect(r.status).toBe('SUCCEEDED');
      expect(ofType(r.history, `${kind}StateEntered`)).toHaveLength(1);
      if (kind === 'Task') expect(calls()).toBe(1);
    });

    it(`enters a ${kind} after a Parallel once when its branches finish together`, async () => {
      const { h, calls } = countingHarness();
      const branch = (id: string) => ({ StartAt: id, States: { [id]: { Type: 'Pass', End: true } } });
      const r = await h.run({
        ...JSONATA,
        StartAt: 'Par',
        States: {
          Par: { Type: 'Parallel', Branches: [branch('A'), branch('B'), branch('C')], Next: 'After' },
          After: after,
          Done: { Type: 'Succeed' },
        },
      });
      expect(r.status).toBe('SUCCEEDED');
      expect(ofType(r.history, `${kind}StateEntered`)).toHaveLength(1);
      if (kind === 'Task') expect(calls()).toBe(1);
    });
  }
});
