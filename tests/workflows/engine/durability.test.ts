import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine, type EngineStore, FileStore, MemoryStore } from '#engine/index.ts';
import type { ExecutionDynamic, ExecutionStatic, StoredEvent } from '#engine/types.ts';
import { createClock } from '#local/clock/runtime-clock.ts';
import { JSONATA, secondsOf, T0 } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const waitDef = {
  ...JSONATA,
  StartAt: 'W',
  States: {
    W: { Type: 'Wait', Seconds: 30 * 86400, Next: 'Done' },
    Done: { Type: 'Pass', Output: '{% $states.context.State.EnteredTime %}', End: true },
  },
};
const tokenDef = {
  ...JSONATA,
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: { FunctionName: 'f', Payload: { token: '{% $states.context.Task.Token %}' } },
      HeartbeatSeconds: 3600,
      TimeoutSeconds: 7200,
      Output: '{% $states.result %}',
      End: true,
    },
  },
};

async function scenario(makeStore: () => EngineStore) {
  const clock = createClock({ mode: 'manual', startTime: T0 });
  const tokens: string[] = [];
  const invokeLambda = async (_f: string, p: unknown) => void tokens.push((p as { token: string }).token);
  const first = new Engine({ clock, store: makeStore(), invokeLambda });
  const roleArn = 'arn:aws:iam::000000000000:role/r';
  const w = await first.createStateMachine({ name: 'waiter', definition: JSON.stringify(waitDef), roleArn });
  const t = await first.createStateMachine({ name: 'asker', definition: JSON.stringify(tokenDef), roleArn });
  const waiting = (await first.startExecution({ stateMachineArn: w.stateMachineArn, name: 'w1' }))
    .executionArn!;
  const asking = (await first.startExecution({ stateMachineArn: t.stateMachineArn, name: 't1' }))
    .executionArn!;
  await clock.advanceBy(600);
  expect(tokens).toHaveLength(1);
  await first.close();
  expect(clock.pendingTimers()).toBe(0);

  const second = new Engine({ clock, store: makeStore(), invokeLambda });
  await second.ready();
  expect(clock.pendingTimers()).toBeGreaterThan(0);
  expect((await second.describeExecution({ executionArn: waiting })).status).toBe('RUNNING');
  await second.sendTaskHeartbeat({ taskToken: tokens[0]! });
  await second.sendTaskSuccess({ taskToken: tokens[0]!, output: '{"answer":42}' });
  await clock.runUntilIdle();
  const a = await second.describeExecution({ executionArn: asking });
  expect(a.status).toBe('SUCCEEDED');
  expect(JSON.parse(a.output!)).toEqual({ answer: 42 });
  const wd = await second.describeExecution({ executionArn: waiting });
  expect(wd.status).toBe('SUCCEEDED');
  expect(JSON.parse(wd.output!)).toBe(new Date(T0 + 30 * 86400_000).toISOString());
  const hist = (await second.getExecutionHistory({ executionArn: waiting, maxResults: 1000 })).events!;
  // event times survive the store (epoch ms there, offsets from the start in memory), past 2^31 ms too
  expect(secondsOf(hist, 'ExecutionStarted')).toEqual([0]);
  expect(secondsOf(hist, 'WaitStateExited')).toEqual([30 * 86400]);
  expect(secondsOf(hist, 'ExecutionSucceeded')).toEqual([30 * 86400]);
  expect(hist.map((e) => e.id)).toEqual(hist.map((_, i) => i + 1));
  expect(tokens).toHaveLength(1);
  await second.close();
  return { waiting, asking, makeStore, clock };
}

describe('durability across a restart', () => {
  it('MemoryStore: a waiting timer is re-armed and a task token stays valid', async () => {
    const store = new MemoryStore();
    await scenario(() => store);
  });

  it('a frame stored while a drive loop ran it is driven again after the restart', async () => {
    class StoredMidDrive extends MemoryStore {
      override saveExecution(
        fixed: ExecutionStatic | undefined,
        dynamic: ExecutionDynamic,
        events: StoredEvent[],
      ) {
        super.saveExecution(
          fixed,
          { ...dynamic, frames: dynamic.frames.map((f) => ({ ...f, driving: true })) },
          events,
        );
      }
    }
    const store = new StoredMidDrive();
    await scenario(() => store);
  });

  it('FileStore: the same across engines reading one data directory; closed executions and machines persist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-store-'));
    dirs.push(dir);
    const { waiting, clock } = await scenario(() => new FileStore(dir));
    const third = new Engine({ clock, store: new FileStore(dir) });
    expect((await third.describeExecution({ executionArn: waiting })).status).toBe('SUCCEEDED');
    expect((await third.listStateMachines({})).stateMachines!.map((m) => m.name)).toEqual([
      'asker',
      'waiter',
    ]);
    await third.close();
  });

  it('an execution on a retry timer resumes its retries after a restart', async () => {
    const store = new MemoryStore();
    const clock = createClock({ mode: 'manual', startTime: T0 });
    let calls = 0;
    const invokeLambda = async () => {
      if (++calls < 3) throw new Error('flaky');
      return 'done';
    };
    const def = {
      ...JSONATA,
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:f',
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 100 }],
          End: true,
        },
      },
    };
    const e1 = new Engine({ clock, store, invokeLambda });
    const sm = await e1.createStateMachine({
      name: 'r',
      definition: JSON.stringify(def),
      roleArn: 'arn:aws:iam::000000000000:role/r',
    });
    const arn = (await e1.startExecution({ stateMachineArn: sm.stateMachineArn })).executionArn!;
    await clock.settle();
    await e1.close();
    const e2 = new Engine({ clock, store, invokeLambda });
    await e2.ready();
    await clock.runUntilIdle();
    const d = await e2.describeExecution({ executionArn: arn });
    expect(d.status).toBe('SUCCEEDED');
    expect(
      secondsOf((await e2.getExecutionHistory({ executionArn: arn })).events!, 'LambdaFunctionScheduled'),
    ).toEqual([0, 100, 300]);
  });
});

describe('state transitions across a restart', () => {
  /** a store as written before executions kept their count of states entered */
  class StoreWithoutCounts extends MemoryStore {
    override saveExecution(
      fixed: ExecutionStatic | undefined,
      dynamic: ExecutionDynamic,
      events: StoredEvent[],
    ) {
      const { transitions: _, ...older } = dynamic;
      super.saveExecution(fixed, older, events);
    }
  }

  for (const [label, makeStore] of [
    ['kept with the execution', () => new MemoryStore()],
    ['counted from the history when the store has no count', () => new StoreWithoutCounts()],
  ] as const) {
    it(`go on from the count before the restart: ${label}`, async () => {
      const store = makeStore();
      const clock = createClock({ mode: 'manual', startTime: T0 });
      const roleArn = 'arn:aws:iam::000000000000:role/r';
      const first = new Engine({ clock, store });
      const m = await first.createStateMachine({
        name: 'steps',
        definition: JSON.stringify({
          ...JSONATA,
          StartAt: 'A',
          States: {
            A: { Type: 'Pass', Next: 'W' },
            W: { Type: 'Wait', Seconds: 60, Next: 'B' },
            B: { Type: 'Pass', Next: 'C' },
            C: { Type: 'Succeed' },
          },
        }),
        roleArn,
      });
      const arn = (await first.startExecution({ stateMachineArn: m.stateMachineArn })).executionArn!;
      await clock.advanceBy(1);
      expect(await first.getExecutionTransitionCount({ executionArn: arn })).toBe(2); // A, W
      await first.close();
      const second = new Engine({ clock, store });
      await second.ready();
      await clock.runUntilIdle();
      expect((await second.describeExecution({ executionArn: arn })).status).toBe('SUCCEEDED');
      expect(await second.getExecutionTransitionCount({ executionArn: arn })).toBe(4);
      await second.close();
    });
  }
});

describe('FileStore journal', () => {
  it('ignores a torn last line (crash mid-write) and compacts on load', async () => {
    const { appendFileSync, readFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'engine-torn-'));
    dirs.push(dir);
    const clock = createClock({ mode: 'manual', startTime: T0 });
    const e1 = new Engine({ clock, store: new FileStore(dir) });
    await e1.createStateMachine({
      name: 'm',
      definition: JSON.stringify(waitDef),
      roleArn: 'arn:aws:iam::000000000000:role/r',
    });
    await e1.close();
    appendFileSync(join(dir, 'journal.jsonl'), '{"xd": {"executionArn": "tor');
    const e2 = new Engine({ clock, store: new FileStore(dir) });
    expect((await e2.listStateMachines({})).stateMachines!.map((m) => m.name)).toEqual(['m']);
    await e2.close();
    expect(readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
