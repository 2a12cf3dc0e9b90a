/**
 * The local AWS endpoint as an SDK v3 client sees it: Step Functions on the local engine (shapes and errors),
 * DynamoDB through the proxy, SES and SMS into the outbox, Lambda Invoke of fixture handlers, and the clock route.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ValidationException as SmsValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningStack, startStack } from '#local/stack.ts';
import { advance, clientConfig, fixtureStack, local, settle } from './local-stack-support.ts';

const START = '2027-01-04T09:00:00.000Z';
let stack: RunningStack;
let sfn: SFNClient;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  stack = await startStack({ ...fixtureStack, port: 0, clock: 'manual', startTime: START });
  sfn = new SFNClient(clientConfig(stack.endpoint));
  dynamo = new DynamoDBClient(clientConfig(stack.endpoint));
});

afterAll(async () => {
  sfn?.destroy();
  dynamo?.destroy();
  await stack?.close();
});

const machineArn = (name: string) =>
  `arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-${name}`;

async function tokenOf(id: string): Promise<string> {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: 'resettle-local',
      Key: { pk: { S: `fixture#${id}` }, sk: { S: 'token' } },
    }),
  );
  if (!Item?.token?.S) throw new Error(`no token recorded for ${id}`);
  return Item.token.S;
}

describe('Step Functions through the endpoint', () => {
  it('creates the workflows on start with the substitutions CDK makes', async () => {
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines?.map((m) => m.name)).toEqual(['resettle-local-Callback', 'resettle-local-Timer']);
    expect(stateMachines?.[0]?.creationDate).toBeInstanceOf(Date);
    const { definition } = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: machineArn('Callback') }),
    );
    expect(definition).toContain(
      '"arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-record:live"',
    );
    expect(definition).toContain(`${machineArn('Timer')}:live`);
    expect(definition).not.toContain('${');
  });

  it('runs an execution through a task token and Lambda tasks, with history and timestamps on the clock', async () => {
    const { executionArn, startDate } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: `${machineArn('Callback')}:live`,
        name: 'case-1',
        input: '{"id":"c1"}',
      }),
    );
    expect(startDate?.toISOString()).toBe(START);
    await settle(stack.endpoint);
    const token = await tokenOf('c1');
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"done":true}' }));
    await settle(stack.endpoint);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output ?? '{}')).toEqual({
      answer: { done: true },
      timer: `${machineArn('Timer')}:live`,
    });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events?.[0]?.type).toBe('ExecutionStarted');
    expect(events?.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events?.[0]?.timestamp).toBeInstanceOf(Date);
    const { executions } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machineArn('Callback'), statusFilter: 'SUCCEEDED' }),
    );
    expect(executions?.map((e) => e.name)).toContain('case-1');
  });

  it('answers the AWS error types the SDK maps to its exception classes', async () => {
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: `${machineArn('Timer').replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: machineArn('Missing'), input: '{}' })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toSatisfy((e: Error) => e instanceof TaskDoesNotExist || e.name === 'InvalidToken');
    await expect(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'broken',
          definition: '{"StartAt":"X","States":{}}',
          roleArn: 'arn:aws:iam::000000000000:role/r',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidDefinition);
    const input = { stateMachineArn: machineArn('Timer'), name: 'dup', input: '{"id":"d"}' };
    await sfn.send(new StartExecutionCommand(input));
    await expect(
      sfn.send(new StartExecutionCommand({ ...input, input: '{"id":"other"}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    const error = await sfn
      .send(new StartExecutionCommand({ ...input, input: '{"id":"other"}' }))
      .catch((e) => e);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/dup/);
    await sfn.send(
      new StopExecutionCommand({
        executionArn: `${input.stateMachineArn.replace('stateMachine', 'execution')}:dup`,
      }),
    );
  });

  it('speaks raw JSON 1.0: epoch-second timestamps and { __type, message } errors', async () => {
    const call = (target: string, body: unknown) =>
      fetch(stack.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AWSStepFunctions.${target}`,
        },
        body: JSON.stringify(body),
      });
    const listed = (await (await call('ListStateMachines', {})).json()) as {
      stateMachines: { creationDate: unknown }[];
    };
    expect(typeof listed.stateMachines[0]?.creationDate).toBe('number');
    expect(listed.stateMachines[0]?.creationDate).toBe(Date.parse(START) / 1000);
    const missing = await call('DescribeExecution', {
      executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:resettle-local-Timer:none',
    });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ExecutionDoesNotExist');
    expect(await missing.json()).toMatchObject({
      __type: 'ExecutionDoesNotExist',
      message: expect.any(String),
    });
    const unknown = await call('TagResource', {});
    expect(((await unknown.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });
});

describe('DynamoDB through the endpoint', () => {
  it('proxies the table the stack created, with conditional writes as on AWS', async () => {
    const item = { pk: { S: 'e2e#1' }, sk: { S: 'a' }, n: { N: '1' } };
    await dynamo.send(new PutItemCommand({ TableName: 'resettle-local', Item: item }));
    await expect(
      dynamo.send(
        new PutItemCommand({
          TableName: 'resettle-local',
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    const { Items } = await dynamo.send(new ScanCommand({ TableName: 'resettle-local' }));
    expect(Items).toContainEqual(item);
  });
});

describe('SES and SMS into the outbox', () => {
  it('stores an SES v2 email and an SMS and lists both, SMS without subject', async () => {
    const ses = new SESv2Client(clientConfig(stack.endpoint));
    const sms = new PinpointSMSVoiceV2Client(clientConfig(stack.endpoint));
    const email = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'resettle@resettle.local',
        Destination: { ToAddresses: ['officer@example.gov.uk'] },
        Content: {
          Simple: { Subject: { Data: 'Task due' }, Body: { Text: { Data: 'Please complete the task.' } } },
        },
      }),
    );
    expect(email.MessageId).toMatch(/.+/);
    const text = await sms.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: '+447700900123',
        MessageBody: 'Appointment tomorrow 10:00',
      }),
    );
    expect(text.MessageId).toMatch(/.+/);
    const { json } = await local(stack.endpoint, '/_local/outbox');
    expect(json).toContainEqual({
      id: email.MessageId,
      channel: 'EMAIL',
      to: 'officer@example.gov.uk',
      subject: 'Task due',
      body: 'Please complete the task.',
      sentAt: START,
    });
    expect(json).toContainEqual({
      id: text.MessageId,
      channel: 'SMS',
      to: '+447700900123',
      subject: null,
      body: 'Appointment tomorrow 10:00',
      sentAt: START,
    });
    ses.destroy();
    sms.destroy();
  });

  it('refuses a phone number that is not E.164 with a ValidationException, storing nothing', async () => {
    const sms = new PinpointSMSVoiceV2Client(clientConfig(stack.endpoint));
    const before = (await local(stack.endpoint, '/_local/outbox')).json.length;
    for (const bad of ['07700900123', '+44 7700 900123', '+0447700900123', 'not-a-number']) {
      const error = await sms
        .send(new SendTextMessageCommand({ DestinationPhoneNumber: bad, MessageBody: 'x' }))
        .catch((e) => e);
      expect(error).toBeInstanceOf(SmsValidationException);
      expect(error.Fields?.[0]?.Name).toBe('DestinationPhoneNumber');
    }
    expect((await local(stack.endpoint, '/_local/outbox')).json.length).toBe(before);
    sms.destroy();
  });
});

describe('Lambda Invoke', () => {
  const lambda = () => new LambdaClient(clientConfig(stack.endpoint));

  it('invokes a handler with its event, a Lambda context and the stack environment', async () => {
    const client = lambda();
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'resettle-local-echo',
        Qualifier: 'live',
        Payload: JSON.stringify({ a: 1 }),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    const payload = JSON.parse(Buffer.from(out.Payload!).toString());
    expect(payload).toMatchObject({
      event: { a: 1 },
      functionName: 'resettle-local-echo',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-echo:live',
      logGroupName: '/aws/lambda/resettle-local-echo',
      tableName: 'resettle-local',
      endpoint: stack.endpoint,
    });
    expect(payload.remainingMs).toBeGreaterThan(9_000);
    expect(payload.remainingMs).toBeLessThanOrEqual(10_000);
    client.destroy();
  });

  it('answers a function error as AWS does: X-Amz-Function-Error and { errorType, errorMessage, trace }', async () => {
    const client = lambda();
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-fail',
        Payload: JSON.stringify({ reason: 'test' }),
      }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const payload = JSON.parse(Buffer.from(out.Payload!).toString());
    expect(payload).toMatchObject({ errorType: 'FixtureRefused', errorMessage: 'refused: test' });
    expect(Array.isArray(payload.trace)).toBe(true);
    client.destroy();
  });

  it('queues an Event invocation (202) and refuses an unknown function (404)', async () => {
    const client = lambda();
    const queued = await client.send(
      new InvokeCommand({
        FunctionName: 'resettle-local-record',
        InvocationType: 'Event',
        Payload: '{"id":"ev","kind":"event"}',
      }),
    );
    expect(queued.StatusCode).toBe(202);
    await settle(stack.endpoint);
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: 'resettle-local',
        Key: { pk: { S: 'fixture#ev' }, sk: { S: 'event' } },
      }),
    );
    expect(Item).toBeDefined();
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'resettle-local-nope' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    client.destroy();
  });
});

describe('the clock route', () => {
  it('reads, advances and refuses to go back', async () => {
    const before = (await local(stack.endpoint, '/_local/clock')).json.now as string;
    const after = await advance(stack.endpoint, { advanceSeconds: 60 });
    expect(Date.parse(after) - Date.parse(before)).toBe(60_000);
    expect(await advance(stack.endpoint, { to: '2027-01-05T00:00:00Z' })).toBe('2027-01-05T00:00:00.000Z');
    expect((await local(stack.endpoint, '/_local/clock', { to: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await local(stack.endpoint, '/_local/clock', { advanceSeconds: 'soon' })).status).toBe(400);
    expect((await local(stack.endpoint, '/_local/health')).json).toMatchObject({
      status: 'ok',
      mode: 'manual',
    });
  });

  it('fires a Wait state when the clock passes it, not before', async () => {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: machineArn('Timer'),
        name: 'wait-1',
        input: '{"id":"w1"}',
      }),
    );
    await advance(stack.endpoint, { advanceSeconds: 3599 });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await advance(stack.endpoint, { advanceSeconds: 1 });
    const done = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ id: 'w1', recorded: 'w1' });
  });
});
