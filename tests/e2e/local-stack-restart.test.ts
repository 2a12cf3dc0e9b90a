/**
 * A restart with a data directory loses nothing: an execution waiting on a timer and one waiting on a task token
 * both resume and finish, the table, the outbox, a pending schedule and the clock's time are all still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateScheduleCommand, GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '#local/stack.ts';
import { advance, clientConfig, fixtureStack, local, settle } from './local-stack-support.ts';

const START = '2027-02-01T09:00:00.000Z';
const machine = (name: string) => `arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-${name}`;
const dataDir = mkdtempSync(join(tmpdir(), 'resettle-restart-'));
let stack: RunningStack | undefined;

afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function clients(endpoint: string) {
  return {
    sfn: new SFNClient(clientConfig(endpoint)),
    dynamo: new DynamoDBClient(clientConfig(endpoint)),
    scheduler: new SchedulerClient(clientConfig(endpoint)),
    ses: new SESv2Client(clientConfig(endpoint)),
    destroy() {
      for (const c of [this.sfn, this.dynamo, this.scheduler, this.ses]) c.destroy();
    },
  };
}

describe('restart with --data-dir', () => {
  it('resumes a timer wait and a task-token wait, with nothing lost', async () => {
    stack = await startStack({ ...fixtureStack, port: 0, clock: 'manual', startTime: START, dataDir });
    const port = stack.port;
    let c = clients(stack.endpoint);
    const timer = await c.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `${machine('Timer')}:live`,
        name: 'case-7-timer-1',
        input: '{"id":"t7"}',
      }),
    );
    const callback = await c.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `${machine('Callback')}:live`,
        name: 'case-7-callback-1',
        input: '{"id":"c7"}',
      }),
    );
    await c.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'resettle@resettle.local',
        Destination: { ToAddresses: ['officer@example.gov.uk'] },
        Content: { Simple: { Subject: { Data: 'Before restart' }, Body: { Text: { Data: 'kept' } } } },
      }),
    );
    await c.scheduler.send(
      new CreateScheduleCommand({
        Name: 'after-restart',
        GroupName: 'resettle-local',
        ScheduleExpression: 'at(2027-02-01T12:00:00)',
        ScheduleExpressionTimezone: 'Europe/London',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: 'arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-record',
          RoleArn: 'arn:aws:iam::000000000000:role/r',
          Input: '{"id":"sch7","kind":"scheduled"}',
        },
      }),
    );
    await advance(stack.endpoint, { advanceSeconds: 600 });
    c.destroy();
    await stack.close();

    // restart on the same port, no start time: the clock resumes where it stopped
    stack = await startStack({ ...fixtureStack, port, clock: 'manual', dataDir });
    c = clients(stack.endpoint);
    expect((await local(stack.endpoint, '/_local/clock')).json.now).toBe('2027-02-01T09:10:00.000Z');
    expect((await c.sfn.send(new DescribeExecutionCommand(timer))).status).toBe('RUNNING');
    expect((await c.sfn.send(new DescribeExecutionCommand(callback))).status).toBe('RUNNING');
    const outbox = (await local(stack.endpoint, '/_local/outbox')).json;
    expect(outbox.map((m: { subject: string }) => m.subject)).toEqual(['Before restart']);
    expect(
      (await c.scheduler.send(new GetScheduleCommand({ Name: 'after-restart', GroupName: 'resettle-local' })))
        .State,
    ).toBe('ENABLED');

    // the token the first run stored in the table still completes the task
    const { Item } = await c.dynamo.send(
      new GetItemCommand({
        TableName: 'resettle-local',
        Key: { pk: { S: 'fixture#c7' }, sk: { S: 'token' } },
      }),
    );
    await c.sfn.send(
      new SendTaskSuccessCommand({ taskToken: Item!.token!.S!, output: '{"answered":"after restart"}' }),
    );
    await settle(stack.endpoint);
    const answered = await c.sfn.send(new DescribeExecutionCommand(callback));
    expect(answered.status).toBe('SUCCEEDED');
    expect(JSON.parse(answered.output!).answer).toEqual({ answered: 'after restart' });

    // the timer still fires an hour after the execution started, not an hour after the restart
    await advance(stack.endpoint, { to: '2027-02-01T09:59:59Z' });
    expect((await c.sfn.send(new DescribeExecutionCommand(timer))).status).toBe('RUNNING');
    await advance(stack.endpoint, { to: '2027-02-01T10:00:00Z' });
    const waited = await c.sfn.send(new DescribeExecutionCommand(timer));
    expect(waited.status).toBe('SUCCEEDED');
    expect(waited.stopDate?.toISOString()).toBe('2027-02-01T10:00:00.000Z');

    await advance(stack.endpoint, { to: '2027-02-01T12:00:00Z' });
    const fired = await c.dynamo.send(
      new GetItemCommand({
        TableName: 'resettle-local',
        Key: { pk: { S: 'fixture#sch7' }, sk: { S: 'scheduled' } },
      }),
    );
    expect(fired.Item).toBeDefined();
    c.destroy();
  });
});
