/**
 * The staff API over HTTP with the DynamoDB repository (dynalite): the local hook seeds the administrator, staff and
 * cases are written through the real table, and a signed link raced by two requests at once is spent exactly once
 * (the conditional write decides), with the loser refused and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbRepository } from '#adapters/dynamodb-repository.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import { MemoryReleaseWaits } from '#adapters/release-waits.ts';
import { MemoryScheduler } from '#adapters/scheduler.ts';
import { RecordingWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { signLink } from '#functions/api/links.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { type StaffApiHookResult, startLocalStaffApi } from '#local/staff-api/hook.ts';
import { startTestDynamo, type TestDynamo } from '#tests/support/dynamodb.ts';

const LINK_KEY = 'dynamo-e2e-link-key-0123456789abcdef';
const NOW = Date.parse('2026-01-05T10:00:00Z');

let dynamo: TestDynamo;
let api: StaffApiHookResult;
let deps: JourneyDeps & { workflows: RecordingWorkflows; repository: DynamoDbRepository };
let seq = 0;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  deps = {
    repository: new DynamoDbRepository({ tableName: dynamo.tableName, client: dynamo.documentClient }),
    notifier: new MemoryNotifier(),
    scheduler: new MemoryScheduler(),
    workflows: new RecordingWorkflows(),
    releaseWaits: new MemoryReleaseWaits(),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: 'http://127.0.0.1/portal',
      custodyStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-Custody',
      communityStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-Community',
      staffTaskStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:resettle-local-StaffTask',
      releaseTriggerFunctionArn:
        'arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-releaseTrigger',
    },
    newId: () => `d${++seq}`,
  };
  api = await startLocalStaffApi({ clock: { now: () => NOW }, env: { LINK_KEY }, port: 0, deps: () => deps });
});
afterAll(async () => {
  await api?.close();
  await dynamo?.close();
});

async function call(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined,
  };
}

describe('staff API on DynamoDB', () => {
  it('seeds the administrator, whose token creates staff who register cases', async () => {
    expect((await deps.repository.getStaff('admin'))?.role).toBe('ADMIN');
    const spo = await call('POST', '/staff', api.adminToken, {
      staffId: 'spo-1',
      name: 'S',
      email: 's@probation.example',
      role: 'SPO',
    });
    const com = await call('POST', '/staff', api.adminToken, {
      staffId: 'com-1',
      name: 'C',
      email: 'c@probation.example',
      role: 'COM',
      managerId: 'spo-1',
    });
    expect([spo.status, com.status]).toEqual([201, 201]);
    const registered = await call('POST', '/cases', com.json.devToken, {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-04-27',
      responsibleOfficerId: 'com-1',
    });
    expect(registered.status).toBe(201);
    const again = await call('POST', '/cases', com.json.devToken, {
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'LOW',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-04-27',
      responsibleOfficerId: 'com-1',
    });
    expect(again.status).toBe(409);
    expect(again.json.caseId).toBe(registered.json.caseId);
  });

  it('spends a link raced by two requests exactly once', async () => {
    const caseId = (await deps.repository.getCaseByCrn('X123456'))!.caseId;
    await deps.repository.createTask({
      taskId: `${caseId}-task-licence-conditions-explained`,
      caseId,
      type: 'LICENCE_CONDITIONS_EXPLAINED',
      assigneeId: 'com-1',
      role: 'COM',
      dueAt: '2026-01-09T17:00:00.000Z',
      createdAt: '2026-01-05T09:00:00.000Z',
      ladderStep: 0,
    });
    const token = signLink(LINK_KEY, {
      taskId: `${caseId}-task-licence-conditions-explained`,
      staffId: 'com-1',
      action: 'COMPLETE_TASK',
      expiresAt: '2026-01-08T10:00:00Z',
    });
    const answers = await Promise.all([
      call('POST', `/links/${token}`, undefined),
      call('POST', `/links/${token}`, undefined),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const task = await deps.repository.getTask(`${caseId}-task-licence-conditions-explained`);
    expect(task).toMatchObject({ status: 'DONE', completedBy: 'com-1' });
    const audit = await deps.repository.listAuditByCase(caseId);
    expect(
      audit
        .filter((a) => a.route === 'POST /links/{token}')
        .map((a) => a.result)
        .sort(),
    ).toEqual(['ALLOWED', 'REFUSED']);
  });
});
