import { describe, expect, it } from 'vitest';
import { keptValue, toHistoryEvent } from '#engine/history.ts';
import type { EventRecord } from '#engine/types.ts';
import { harness, JSONATA, T0, types } from './helpers.ts';

const waiting = { ...JSONATA, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } };

describe('executions API', () => {
  it('start is idempotent for the same name and input while open; otherwise ExecutionAlreadyExists', async () => {
    const h = harness();
    const sm = await h.machine(waiting, 'journey');
    const a = await h.engine.startExecution({
      stateMachineArn: sm,
      name: 'case-1-custody-1',
      input: '{"a":1}',
    });
    const b = await h.engine.startExecution({
      stateMachineArn: sm,
      name: 'case-1-custody-1',
      input: '{"a":1}',
    });
    expect(b).toEqual(a);
    expect(a.executionArn).toBe('arn:aws:states:eu-west-2:000000000000:execution:journey:case-1-custody-1');
    await expect(
      h.engine.startExecution({ stateMachineArn: sm, name: 'case-1-custody-1', input: '{"a":2}' }),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await h.clock.runUntilIdle();
    await expect(
      h.engine.startExecution({ stateMachineArn: sm, name: 'case-1-custody-1', input: '{"a":1}' }),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await h.clock.advanceBy(91 * 86400);
    const again = await h.engine.startExecution({
      stateMachineArn: sm,
      name: 'case-1-custody-1',
      input: '{"a":1}',
    });
    expect(again.startDate!.getTime()).toBeGreaterThan(a.startDate!.getTime());
  });

  it('execution names follow AWS rules; input must be JSON', async () => {
    const h = harness();
    const sm = await h.machine(waiting);
    for (const name of ['', 'a'.repeat(81), 'has space', 'a/b', 'a:b', 'x*', 'tab\there'])
      await expect(h.engine.startExecution({ stateMachineArn: sm, name })).rejects.toMatchObject({
        name: 'InvalidName',
      });
    await expect(
      h.engine.startExecution({ stateMachineArn: sm, name: 'a'.repeat(80) }),
    ).resolves.toBeTruthy();
    await expect(h.engine.startExecution({ stateMachineArn: sm, input: '{bad' })).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(h.engine.startExecution({ stateMachineArn: `${sm}-nope` })).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
  });

  it('an alias- or version-qualified ARN starts the same machine and is recorded', async () => {
    const h = harness();
    const sm = await h.machine(waiting, 'aliased');
    const { executionArn } = await h.engine.startExecution({ stateMachineArn: `${sm}:live`, name: 'x' });
    expect(executionArn).toBe('arn:aws:states:eu-west-2:000000000000:execution:aliased:x');
    const d = await h.describe(executionArn!);
    expect(d.stateMachineArn).toBe(sm);
    expect(d.stateMachineAliasArn).toBe(`${sm}:live`);
    const hist = await h.history(executionArn!);
    expect(hist[0]!.executionStartedEventDetails!.stateMachineAliasArn).toBe(`${sm}:live`);
  });

  it("records the started and succeeded events' details in full, in AWS's order", async () => {
    const h = harness();
    const sm = await h.machine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, 'passer');
    const runs = [await h.start(`${sm}:live`, { n: 1 }, 'one'), await h.start(sm, { n: 2 }, 'two')];
    await h.clock.runUntilIdle();
    const [one, two] = await Promise.all(runs.map((arn) => h.history(arn)));
    const started = [one![0]!.executionStartedEventDetails!, two![0]!.executionStartedEventDetails!];
    expect(Object.keys(started[0]!)).toEqual(['input', 'inputDetails', 'roleArn', 'stateMachineAliasArn']);
    expect(Object.keys(started[1]!)).toEqual(['input', 'inputDetails', 'roleArn']);
    expect(started.map((d) => JSON.parse(d.input!))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(started[1]!.inputDetails).toEqual({ truncated: false });
    const succeeded = two!.at(-1)!.executionSucceededEventDetails!;
    expect(Object.keys(succeeded)).toEqual(['output', 'outputDetails']);
    expect(JSON.parse(succeeded.output!)).toEqual({ n: 2 });
    expect(JSON.parse((await h.describe(runs[1]!)).output!)).toEqual({ n: 2 });
  });

  it('reads execution events stored with their value in the details, as before stop 18', () => {
    const started: EventRecord = {
      t: 'ExecutionStarted',
      sec: 0,
      mp: 0,
      d: { input: { n: 1 }, roleArn: 'r' },
    };
    const succeeded: EventRecord = { t: 'ExecutionSucceeded', sec: 1, mp: 5, d: { output: { n: 2 } } };
    expect(keptValue(started, 'input')).toEqual({ n: 1 });
    expect(keptValue(succeeded, 'output')).toEqual({ n: 2 });
    expect(toHistoryEvent([started], 0, 0).executionStartedEventDetails).toEqual({
      input: '{"n":1}',
      inputDetails: { truncated: false },
      roleArn: 'r',
    });
    expect(toHistoryEvent([started, succeeded], 1, 0).executionSucceededEventDetails).toEqual({
      output: '{"n":2}',
      outputDetails: { truncated: false },
    });
  });

  it('describe, list with status filter and paging, newest first', async () => {
    const h = harness();
    const sm = await h.machine({
      ...JSONATA,
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.ok %}', Next: 'W' }], Default: 'F' },
        W: { Type: 'Wait', Seconds: 10, End: true },
        F: { Type: 'Fail', Error: 'E' },
      },
    });
    for (let i = 0; i < 5; i++) {
      await h.start(sm, { ok: i % 2 === 0 }, `run-${i}`);
      await h.clock.advanceBy(1);
    }
    const running = await h.engine.listExecutions({ stateMachineArn: sm, statusFilter: 'RUNNING' });
    expect(running.executions!.map((e) => e.name)).toEqual(['run-4', 'run-2', 'run-0']);
    const failed = await h.engine.listExecutions({ stateMachineArn: sm, statusFilter: 'FAILED' });
    expect(failed.executions!.map((e) => [e.name, e.status])).toEqual([
      ['run-3', 'FAILED'],
      ['run-1', 'FAILED'],
    ]);
    const page1 = await h.engine.listExecutions({ stateMachineArn: sm, maxResults: 2 });
    const page2 = await h.engine.listExecutions({
      stateMachineArn: sm,
      maxResults: 2,
      nextToken: page1.nextToken,
    });
    const page3 = await h.engine.listExecutions({
      stateMachineArn: sm,
      maxResults: 2,
      nextToken: page2.nextToken,
    });
    expect([...page1.executions!, ...page2.executions!, ...page3.executions!].map((e) => e.name)).toEqual([
      'run-4',
      'run-3',
      'run-2',
      'run-1',
      'run-0',
    ]);
    expect(page3.nextToken).toBeUndefined();
    const d = await h.engine.describeExecution({ executionArn: failed.executions![0]!.executionArn });
    expect(d).toMatchObject({
      status: 'FAILED',
      error: 'E',
      name: 'run-3',
      input: '{"ok":false}',
      redriveCount: 0,
      redriveStatus: 'REDRIVABLE',
    });
    expect(d.startDate).toEqual(new Date(T0 + 3000));
    await expect(h.engine.describeExecution({ executionArn: `${sm}:nope` })).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
  });

  it('stop aborts with error and cause, cancels its timers and voids its tokens', async () => {
    const h = harness();
    const sm = await h.machine(waiting);
    const arn = await h.start(sm);
    await h.clock.advanceBy(5);
    const { stopDate } = await h.engine.stopExecution({
      executionArn: arn,
      error: 'Admin.Stop',
      cause: 'duplicate',
    });
    expect(stopDate).toEqual(new Date(T0 + 5000));
    const d = await h.describe(arn);
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Admin.Stop', cause: 'duplicate' });
    const hist = await h.history(arn);
    expect(types(hist).at(-1)).toBe('ExecutionAborted');
    expect(hist.at(-1)!.executionAbortedEventDetails).toEqual({ error: 'Admin.Stop', cause: 'duplicate' });
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('history pages with maxResults/nextToken and reverses with reverseOrder', async () => {
    const h = harness();
    const r = await h.run({
      ...JSONATA,
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
    });
    const first = await h.engine.getExecutionHistory({ executionArn: r.arn, maxResults: 4 });
    expect(first.events!.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    const rest = await h.engine.getExecutionHistory({
      executionArn: r.arn,
      maxResults: 4,
      nextToken: first.nextToken,
    });
    expect(rest.events!.map((e) => e.id)).toEqual([5, 6]);
    expect(rest.nextToken).toBeUndefined();
    const rev = await h.engine.getExecutionHistory({
      executionArn: r.arn,
      reverseOrder: true,
      maxResults: 2,
    });
    expect(rev.events!.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
  });

  it('state machines: create is idempotent for the same definition, conflicts otherwise; update, describe, list, delete', async () => {
    const h = harness();
    const def = JSON.stringify(waiting);
    const roleArn = 'arn:aws:iam::000000000000:role/r';
    const a = await h.engine.createStateMachine({ name: 'm1', definition: def, roleArn });
    expect(await h.engine.createStateMachine({ name: 'm1', definition: def, roleArn })).toEqual(a);
    await expect(
      h.engine.createStateMachine({
        name: 'm1',
        definition: JSON.stringify({ ...waiting, Comment: 'x' }),
        roleArn,
      }),
    ).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
    await expect(
      h.engine.createStateMachine({ name: 'bad name', definition: def, roleArn }),
    ).rejects.toMatchObject({ name: 'InvalidName' });
    await h.engine.createStateMachine({ name: 'm0', definition: def, roleArn });
    expect((await h.engine.listStateMachines({})).stateMachines!.map((m) => m.name)).toEqual(['m0', 'm1']);
    const running = await h.start(a.stateMachineArn!);
    const updated = JSON.stringify({
      ...JSONATA,
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: 'new', End: true } },
    });
    await h.engine.updateStateMachine({ stateMachineArn: a.stateMachineArn, definition: updated });
    expect((await h.engine.describeStateMachine({ stateMachineArn: a.stateMachineArn })).definition).toBe(
      updated,
    );
    expect((await h.engine.describeStateMachineForExecution({ executionArn: running })).definition).toBe(def);
    await h.clock.runUntilIdle();
    expect((await h.describe(running)).status).toBe('SUCCEEDED');
    expect((await h.run(JSON.parse(updated))).output).toBe('new');
    await h.engine.deleteStateMachine({ stateMachineArn: a.stateMachineArn });
    await expect(h.engine.describeStateMachine({ stateMachineArn: a.stateMachineArn })).rejects.toMatchObject(
      { name: 'StateMachineDoesNotExist' },
    );
  });

  it('onExecutionClosed reports every close', async () => {
    const h = harness();
    const seen: string[] = [];
    const off = h.engine.onExecutionClosed((e) => seen.push(`${e.status}:${e.output ?? e.error}`));
    await h.run({ ...JSONATA, StartAt: 'P', States: { P: { Type: 'Pass', Output: 1, End: true } } });
    await h.run({ ...JSONATA, StartAt: 'F', States: { F: { Type: 'Fail', Error: 'X' } } });
    off();
    await h.run({ ...JSONATA, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    expect(seen).toEqual(['SUCCEEDED:1', 'FAILED:X']);
  });
});

describe('refusals', () => {
  it('EXPRESS state machines are refused rather than run as STANDARD', async () => {
    const h = harness();
    await expect(
      h.engine.createStateMachine({
        name: 'x',
        type: 'EXPRESS',
        definition: JSON.stringify(waiting),
        roleArn: 'arn:aws:iam::000000000000:role/r',
      }),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('the transition count is the number of StateEntered events in the history', async () => {
    const h = harness();
    const r = await h.run(
      {
        ...JSONATA,
        StartAt: 'P',
        States: {
          P: { Type: 'Pass', Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'W' }], Default: 'S' },
          W: { Type: 'Wait', Seconds: 5, Next: 'S' },
          S: { Type: 'Succeed' },
        },
      },
      {},
    );
    expect(r.status).toBe('SUCCEEDED');
    const entered = types(r.history).filter((t) => t.endsWith('StateEntered')).length;
    expect(entered).toBe(4);
    expect(await h.engine.getExecutionTransitionCount({ executionArn: r.arn })).toBe(entered);
    await expect(
      h.engine.getExecutionTransitionCount({ executionArn: `${r.arn}-nope` }),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });
});
