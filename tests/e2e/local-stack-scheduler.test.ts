/**
 * EventBridge Scheduler on the local endpoint, through the SDK: one-time `at()` schedules in Europe/London fire
 * their Lambda and Step Functions targets at the right instant on both sides of the clocks going forward, with the
 * context attributes replaced; DELETE after completion; the API's errors.
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ListSchedulesCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '#local/stack.ts';
import { advance, clientConfig, fixtureStack } from './local-stack-support.ts';

// Saturday before British Summer Time starts (Sunday 29 March 2026, 01:00 GMT → 02:00 BST)
const START = '2026-03-28T12:00:00.000Z';
const RECORD = 'arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-record:live';
const TIMER = 'arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-Timer:live';
const ROLE = 'arn:aws:iam::000000000000:role/resettle-local-scheduler';

let stack: RunningStack;
let scheduler: SchedulerClient;
let dynamo: DynamoDBClient;
let sfn: SFNClient;

beforeAll(async () => {
  stack = await startStack({ ...fixtureStack, port: 0, clock: 'manual', startTime: START });
  scheduler = new SchedulerClient(clientConfig(stack.endpoint));
  dynamo = new DynamoDBClient(clientConfig(stack.endpoint));
  sfn = new SFNClient(clientConfig(stack.endpoint));
});

afterAll(async () => {
  for (const c of [scheduler, dynamo, sfn]) c?.destroy();
  await stack?.close();
});

const oneTime = (name: string, at: string, target: string, input: unknown, group = 'resettle-local') =>
  ({
    Name: name,
    GroupName: group,
    ScheduleExpression: `at(${at})`,
    ScheduleExpressionTimezone: 'Europe/London',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    State: 'ENABLED',
    Target: { Arn: target, RoleArn: ROLE, Input: JSON.stringify(input) },
  }) satisfies CreateScheduleCommandInput;

async function recorded(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: 'resettle-local',
      Key: { pk: { S: `fixture#${id}` }, sk: { S: 'scheduled' } },
    }),
  );
  return Item?.event?.S ? JSON.parse(Item.event.S) : undefined;
}

describe('one-time schedules in Europe/London', () => {
  it('fires a Lambda target at the wall time in GMT and one in BST, with the scheduled time', async () => {
    // 00:30 on the 29th is still GMT (00:30Z); 09:00 the same day is BST (08:00Z)
    await scheduler.send(
      new CreateScheduleCommand(
        oneTime('gmt', '2026-03-29T00:30:00', RECORD, {
          id: 'gmt',
          kind: 'scheduled',
          at: '<aws.scheduler.scheduled-time>',
        }),
      ),
    );
    await scheduler.send(
      new CreateScheduleCommand(
        oneTime('bst', '2026-03-29T09:00:00', RECORD, {
          id: 'bst',
          kind: 'scheduled',
          at: '<aws.scheduler.scheduled-time>',
        }),
      ),
    );
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'bst', GroupName: 'resettle-local' }));
    expect(got).toMatchObject({
      Arn: 'arn:aws:scheduler:eu-west-2:000000000000:schedule/resettle-local/bst',
      ScheduleExpression: 'at(2026-03-29T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/London',
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: { Arn: RECORD, RoleArn: ROLE },
    });
    expect(got.CreationDate?.toISOString()).toBe(START);

    await advance(stack.endpoint, { to: '2026-03-29T00:29:59Z' });
    expect(await recorded('gmt')).toBeUndefined();
    await advance(stack.endpoint, { to: '2026-03-29T00:30:00Z' });
    expect(await recorded('gmt')).toMatchObject({ id: 'gmt', at: '2026-03-29T00:30:00Z' });

    await advance(stack.endpoint, { to: '2026-03-29T07:59:59Z' });
    expect(await recorded('bst')).toBeUndefined();
    await advance(stack.endpoint, { to: '2026-03-29T08:00:00Z' });
    expect(await recorded('bst')).toMatchObject({ id: 'bst', at: '2026-03-29T08:00:00Z' });

    // ActionAfterCompletion: DELETE
    await expect(
      scheduler.send(new GetScheduleCommand({ Name: 'bst', GroupName: 'resettle-local' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('starts a Step Functions execution at its time; NONE keeps the schedule', async () => {
    await scheduler.send(
      new CreateScheduleCommand({
        ...oneTime('start-timer', '2026-03-29T12:00:00', TIMER, { id: 'from-schedule' }),
        ActionAfterCompletion: 'NONE',
      }),
    );
    await advance(stack.endpoint, { to: '2026-03-29T10:59:59Z' });
    const arn = TIMER.replace(/:live$/, '');
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions).toEqual([]);
    await advance(stack.endpoint, { to: '2026-03-29T11:00:00Z' });
    const { executions } = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    expect(executions).toHaveLength(1);
    expect(executions?.[0]?.startDate?.toISOString()).toBe('2026-03-29T11:00:00.000Z');
    expect(executions?.[0]?.status).toBe('RUNNING');
    await advance(stack.endpoint, { advanceSeconds: 3600 });
    expect(
      (await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions?.[0]?.status,
    ).toBe('SUCCEEDED');
    const kept = await scheduler.send(
      new GetScheduleCommand({ Name: 'start-timer', GroupName: 'resettle-local' }),
    );
    expect(kept.ActionAfterCompletion).toBe('NONE');
  });

  it('moves a schedule with UpdateSchedule: it fires at the new time only', async () => {
    await scheduler.send(
      new CreateScheduleCommand(
        oneTime('moved', '2026-03-30T09:00:00', RECORD, { id: 'moved', kind: 'scheduled' }),
      ),
    );
    await scheduler.send(
      new UpdateScheduleCommand(
        oneTime('moved', '2026-03-31T09:00:00', RECORD, { id: 'moved', kind: 'scheduled' }),
      ),
    );
    await advance(stack.endpoint, { to: '2026-03-30T12:00:00Z' });
    expect(await recorded('moved')).toBeUndefined();
    await advance(stack.endpoint, { to: '2026-03-31T08:00:00Z' });
    expect(await recorded('moved')).toMatchObject({ id: 'moved' });
  });
});

describe('the Scheduler API', () => {
  it('answers ConflictException, ResourceNotFoundException and ValidationException', async () => {
    const input = oneTime('dup', '2026-12-01T09:00:00', RECORD, { id: 'x' });
    await scheduler.send(new CreateScheduleCommand(input));
    const conflict = await scheduler.send(new CreateScheduleCommand(input)).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    await expect(
      scheduler.send(new UpdateScheduleCommand({ ...input, Name: 'unknown' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      scheduler.send(new DeleteScheduleCommand({ Name: 'unknown', GroupName: 'resettle-local' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      scheduler.send(
        new CreateScheduleCommand({ ...input, Name: 'bad-tz', ScheduleExpressionTimezone: 'Mars/Olympus' }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      scheduler.send(
        new CreateScheduleCommand({
          ...input,
          Name: 'bad-at',
          ScheduleExpression: 'at(2026-02-30T09:00:00)',
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      scheduler.send(new CreateScheduleCommand({ ...input, Name: 'no-group', GroupName: 'nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('lists schedules by group and prefix, and deletes', async () => {
    const { Schedules } = await scheduler.send(
      new ListSchedulesCommand({ GroupName: 'resettle-local', NamePrefix: 'du' }),
    );
    expect(Schedules?.map((s) => s.Name)).toEqual(['dup']);
    expect(Schedules?.[0]?.Target?.Arn).toBe(RECORD);
    expect(Schedules?.[0]?.CreationDate).toBeInstanceOf(Date);
    await scheduler.send(new DeleteScheduleCommand({ Name: 'dup', GroupName: 'resettle-local' }));
    const after = await scheduler.send(
      new ListSchedulesCommand({ GroupName: 'resettle-local', NamePrefix: 'du' }),
    );
    expect(after.Schedules).toEqual([]);
  });
});
