import { describe, expect, it } from 'vitest';
import { msAndPrevious, msPast, previousId } from '#engine/history.ts';
import { Engine, MemoryStore } from '#engine/index.ts';
import { HISTORY_LIMIT } from '#engine/runtime.ts';
import type { EventRecord } from '#engine/types.ts';
import { createClock } from '#local/clock/runtime-clock.ts';
import { JSONATA, T0 } from './helpers.ts';

/** Branches that interleave, and waits that end at whole and at part seconds. */
const branching = {
  ...JSONATA,
  StartAt: 'Both',
  States: {
    Both: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Short',
          States: {
            Short: { Type: 'Wait', Seconds: 5, Next: 'Mark' },
            Mark: { Type: 'Pass', End: true },
          },
        },
        {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              Items: [1, 2],
              ItemProcessor: {
                StartAt: 'Pause',
                States: {
                  Pause: { Type: 'Wait', Seconds: '{% $states.input * 3 %}', Next: 'Echo' },
                  Echo: { Type: 'Pass', End: true },
                },
              },
              End: true,
            },
          },
        },
      ],
      Next: 'Later',
    },
    // a time with milliseconds, more than 24.8 days (2^31 ms) after the start
    Later: { Type: 'Wait', Timestamp: '2026-02-05T01:02:03.456Z', Next: 'Hold' },
    Hold: { Type: 'Wait', Seconds: 60, End: true },
  },
};

const EXPECTED_TASK_LINKS = [
  '1<0 ExecutionStarted 0',
  '2<1 ParallelStateEntered 0',
  '3<2 ParallelStateStarted 0',
  '4<3 TaskStateEntered 0',
  '5<4 TaskScheduled 0',
  '6<5 TaskStarted 0',
  '7<3 WaitStateEntered 0',
  '8<6 TaskSucceeded 0',
  '9<8 TaskStateExited 0',
  '10<7 WaitStateExited 2000',
  '11<10 TaskStateEntered 2000',
  '12<11 TaskScheduled 2000',
  '13<12 TaskStarted 2000',
  '14<13 TaskSucceeded 2000',
  '15<14 TaskStateExited 2000',
  '16<3 ParallelStateSucceeded 2000',
  '17<16 ParallelStateExited 2000',
  '18<17 WaitStateEntered 2000',
  '19<18 WaitStateExited 7250',
  '20<19 TaskStateEntered 7250',
  '21<20 TaskScheduled 7250',
  '22<21 TaskStarted 7250',
  '23<22 TaskSucceeded 7250',
  '24<23 TaskStateExited 7250',
  '25<24 WaitStateEntered 7250',
];

const links = (events: { id?: number; previousEventId?: number; timestamp?: Date; type?: string }[]) =>
  events.map((e) => `${e.id}<${e.previousEventId} ${e.type} ${e.timestamp!.getTime() - T0}`);

/**
 * Runs `definition` to `until` on an engine with a store, then reads its history there and from a second engine on
 * the same store (in order and in reverse), and lets the second run the execution to its end.
 */
async function acrossRestart(definition: object, until: number) {
  const clock = createClock({ mode: 'manual', startTime: T0 });
  const store = new MemoryStore();
  const invokeLambda = async () => ({ ok: true });
  const first = new Engine({ clock, store, invokeLambda });
  const { stateMachineArn } = await first.createStateMachine({
    name: 'm',
    definition: JSON.stringify(definition),
    roleArn: 'arn:aws:iam::000000000000:role/r',
  });
  const { executionArn } = await first.startExecution({ stateMachineArn: stateMachineArn!, name: 'x' });
  await clock.advanceTo(until);
  const before = (await first.getExecutionHistory({ executionArn, maxResults: 1000 })).events!;
  await first.close();
  const second = new Engine({ clock, store, invokeLambda });
  await second.ready();
  const after = (await second.getExecutionHistory({ executionArn, maxResults: 1000 })).events!;
  const reversed = (await second.getExecutionHistory({ executionArn, maxResults: 1000, reverseOrder: true }))
    .events!;
  await clock.runUntilIdle();
  const all = (await second.getExecutionHistory({ executionArn, maxResults: 1000 })).events!;
  await second.close();
  return { before, after, reversed, all };
}

describe("history events' links and times", () => {
  it('give each event its previous event and time, and keep them across a store restart', async () => {
    // to the last wait: the history so far is stored, then read back by a second engine
    const { before, after, reversed, all } = await acrossRestart(
      branching,
      Date.parse('2026-02-05T01:02:10.000Z'),
    );
    expect(links(after)).toEqual(links(before));
    expect(links(reversed)).toEqual(links(before).reverse());
    // as recorded before an event kept its previous event's id in its own field (checked against that code)
    expect(links(all)).toEqual([
      '1<0 ExecutionStarted 0',
      '2<1 ParallelStateEntered 0',
      '3<2 ParallelStateStarted 0',
      '4<3 WaitStateEntered 0',
      '5<3 MapStateEntered 0',
      '6<5 MapStateStarted 0',
      '7<6 MapIterationStarted 0',
      '8<7 WaitStateEntered 0',
      '9<7 MapIterationStarted 0',
      '10<9 WaitStateEntered 0',
      '11<8 WaitStateExited 3000',
      '12<11 PassStateEntered 3000',
      '13<12 PassStateExited 3000',
      '14<13 MapIterationSucceeded 3000',
      '15<4 WaitStateExited 5000',
      '16<15 PassStateEntered 5000',
      '17<16 PassStateExited 5000',
      '18<10 WaitStateExited 6000',
      '19<18 PassStateEntered 6000',
      '20<19 PassStateExited 6000',
      '21<20 MapIterationSucceeded 6000',
      '22<9 MapStateSucceeded 6000',
      '23<22 MapStateExited 6000',
      '24<3 ParallelStateSucceeded 6000',
      '25<24 ParallelStateExited 6000',
      '26<25 WaitStateEntered 6000',
      '27<26 WaitStateExited 3027723456',
      '28<27 WaitStateEntered 3027723456',
      '29<28 WaitStateExited 3027783456',
      '30<29 ExecutionSucceeded 3027783456',
    ]);
  });

  it("keep each task's TaskStarted at its TaskScheduled's time, in branches too, across a store restart", async () => {
    const call = (next?: string) => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:f', Payload: {} },
      ...(next ? { Next: next } : { End: true }),
    });
    const tasks = {
      ...JSONATA,
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: call() } },
            { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 2, Next: 'B' }, B: call() } },
          ],
          Next: 'Later',
        },
        Later: { Type: 'Wait', Timestamp: '2026-01-01T00:00:07.250Z', Next: 'C' },
        C: call('Hold'),
        Hold: { Type: 'Wait', Seconds: 60, End: true },
      },
    };
    const { before, after, reversed } = await acrossRestart(tasks, T0 + 30_000);
    expect(links(after)).toEqual(links(before));
    expect(links(reversed)).toEqual(links(before).reverse());
    // as recorded when TaskStarted was an event of its own (checked against that code)
    expect(links(before)).toEqual(EXPECTED_TASK_LINKS);
  });

  it('keep the milliseconds and the previous event in one small integer, to the history limit', () => {
    for (const [ms, id, previous] of [
      [0, 1, 0],
      [999, 2, 1],
      [456, 27, 26],
      [1, 24, 3],
      [999, HISTORY_LIMIT, 0],
    ] as const) {
      const mp = msAndPrevious(ms, id, previous);
      expect(Number.isInteger(mp) && mp >= 0 && mp < 2 ** 31).toBe(true);
      const ev = { t: 'PassStateEntered', sec: 0, mp } as EventRecord;
      expect([msPast(ev), previousId(ev, id)]).toEqual([ms, previous]);
    }
  });
});
