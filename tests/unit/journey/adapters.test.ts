import { ConflictException, ResourceNotFoundException } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { AwsNotifier } from '#adapters/aws-notifier.ts';
import { AwsScheduler } from '#adapters/aws-scheduler.ts';
import { atExpression } from '#adapters/scheduler.ts';
import { executionArnFor, SfnWorkflows } from '#adapters/workflows.ts';
import { render } from '#functions/notifications/templates.ts';

const fakeClient = (answer: (command: { constructor: { name: string }; input: unknown }) => unknown) => {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  return {
    sent,
    client: {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        sent.push({ name: command.constructor.name, input: command.input });
        return answer(command);
      },
    },
  };
};

const awsError = (name: string) => Object.assign(new Error(name), { name });

describe('scheduler adapter', () => {
  it('writes at() in Europe/London wall time (GMT in winter, BST in summer)', () => {
    expect(atExpression('2026-02-02T09:00:00.000Z')).toBe('at(2026-02-02T09:00:00)');
    expect(atExpression('2026-04-27T07:00:00.000Z')).toBe('at(2026-04-27T08:00:00)');
  });

  it('creates a one-time schedule that deletes itself; a conflict becomes an update', async () => {
    let first = true;
    const fake = fakeClient(() => {
      if (first) {
        first = false;
        throw new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
      }
      return {};
    });
    const scheduler = new AwsScheduler({
      groupName: 'resettle',
      roleArn: 'arn:role',
      client: fake.client as never,
    });
    const op = await scheduler.upsert({
      name: 'release-c1',
      at: '2026-04-27T07:00:00.000Z',
      targetArn: 'arn:fn',
      input: { caseId: 'c1' },
    });
    expect(op).toBe('UPDATED');
    expect(fake.sent.map((s) => s.name)).toEqual(['CreateScheduleCommand', 'UpdateScheduleCommand']);
    expect(fake.sent[1]!.input).toMatchObject({
      ScheduleExpression: 'at(2026-04-27T08:00:00)',
      ScheduleExpressionTimezone: 'Europe/London',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: 'arn:fn', RoleArn: 'arn:role', Input: '{"caseId":"c1"}' },
    });
  });

  it('deleting a schedule that is gone is not an error', async () => {
    const fake = fakeClient(() => {
      throw new ResourceNotFoundException({ message: 'gone', Message: 'gone', $metadata: {} });
    });
    const scheduler = new AwsScheduler({ groupName: 'g', roleArn: 'r', client: fake.client as never });
    expect(await scheduler.delete('release-c1')).toBe(false);
  });
});

describe('workflows adapter', () => {
  const machine = 'arn:aws:states:eu-west-2:111122223333:stateMachine:resettle-dev-Custody:live';

  it('a start under an existing name is "already started", with the execution ARN from the name', async () => {
    const workflows = new SfnWorkflows({
      startExecution: async () => {
        throw awsError('ExecutionAlreadyExists');
      },
      stopExecution: async () => ({}),
      sendTaskSuccess: async () => ({}),
      sendTaskFailure: async () => ({}),
    });
    expect(await workflows.start({ stateMachineArn: machine, name: 'c1-custody-1', input: {} })).toEqual({
      started: false,
      executionArn: 'arn:aws:states:eu-west-2:111122223333:execution:resettle-dev-Custody:c1-custody-1',
    });
    expect(executionArnFor(machine, 'x')).toMatch(/:execution:resettle-dev-Custody:x$/);
  });

  it('a token whose wait has ended is reported, not thrown; other errors are thrown', async () => {
    const errors = ['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken', 'ThrottlingException'];
    const workflows = new SfnWorkflows({
      startExecution: async () => ({}),
      stopExecution: async () => {
        throw awsError('ExecutionDoesNotExist');
      },
      sendTaskSuccess: async () => {
        throw awsError(errors.shift()!);
      },
      sendTaskFailure: async () => ({}),
    });
    expect(await workflows.sendTaskSuccess('t', {})).toBe('TASK_TIMED_OUT');
    expect(await workflows.sendTaskSuccess('t', {})).toBe('TASK_DOES_NOT_EXIST');
    expect(await workflows.sendTaskSuccess('t', {})).toBe('TASK_DOES_NOT_EXIST');
    await expect(workflows.sendTaskSuccess('t', {})).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(await workflows.stop('arn', 'JourneyClosed', 'x')).toBe('NOT_RUNNING');
  });
});

describe('notifier adapter and templates', () => {
  it('sends email through SES v2 with the configuration set and SMS through End User Messaging as TRANSACTIONAL', async () => {
    const ses = fakeClient(() => ({ MessageId: 'm-1' }));
    const sms = fakeClient(() => ({ MessageId: 's-1' }));
    const notifier = new AwsNotifier({
      emailFrom: 'noreply@resettle.example',
      sesConfigurationSet: 'cs',
      smsOriginationIdentity: 'arn:sender',
      ses: ses.client as never,
      sms: sms.client as never,
    });
    expect(
      await notifier.sendEmail({
        to: 'a@b.example',
        subject: 'S',
        body: 'B',
        key: 'c1:t1:PROMPT:0:com-1:EMAIL',
      }),
    ).toEqual({ messageId: 'm-1' });
    expect(await notifier.sendSms({ to: '+447700900001', body: 'B', key: 'k' })).toEqual({
      messageId: 's-1',
    });
    expect(ses.sent[0]).toMatchObject({
      name: 'SendEmailCommand',
      input: {
        ConfigurationSetName: 'cs',
        FromEmailAddress: 'noreply@resettle.example',
        Destination: { ToAddresses: ['a@b.example'] },
      },
    });
    expect(sms.sent[0]).toMatchObject({
      name: 'SendTextMessageCommand',
      input: {
        DestinationPhoneNumber: '+447700900001',
        MessageType: 'TRANSACTIONAL',
        OriginationIdentity: 'arn:sender',
      },
    });
  });

  it('an appointment reminder to the person carries only the time (no name, no case reference)', () => {
    const message = render(
      { kind: 'APPOINTMENT_REMINDER', appointmentAt: '2026-05-05T09:00:00.000Z' },
      'SMS',
    );
    expect(message.body).toBe(
      'Reminder: you have a probation appointment on Tue 5 May 10:00. If you cannot attend, call your probation officer today.',
    );
  });

  it('a breach notice says what, for which case, by when (UK time) and links to the task', () => {
    const message = render(
      {
        kind: 'BREACH_NOTICE',
        caseRef: 'X123456',
        appointmentAt: '2026-05-19T09:00:00.000Z',
        dueAt: '2026-06-16T16:00:00.000Z',
        link: 'https://p/tasks/t1',
      },
      'EMAIL',
    );
    expect(message.subject).toBe('Breach: refer to the enforcement team and court for case X123456');
    expect(message.body).toContain('Record the outcome by Tuesday 16 June 2026 at 17:00 (UK time).');
    expect(message.body).toContain('https://p/tasks/t1');
  });
});
