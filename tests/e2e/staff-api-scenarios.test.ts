/**
 * Scenarios 12 (bad input) and 13 (unauthorised action), end to end: HTTP requests to the local staff API in front of
 * the real workflows on the local engine. Each refused request is answered with the field and the reason (or a
 * page saying why), stores nothing, starts no execution; refused actions are audited.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '#domain/entities.ts';
import { signLink } from '#functions/api/links.ts';
import { LINK_KEY, type StaffApiE2e, staffApiE2e } from './staff-api-support.ts';

let e: StaffApiE2e;
afterEach(async () => e?.close());

const registration = (overrides: Record<string, unknown> = {}) => ({
  crn: 'X123456',
  nomsId: 'A1234BC',
  prisonId: 'LEI',
  sentenceType: 'COMMUNITY_ORDER',
  risk: 'HIGH',
  mappaLevel: 2,
  iom: true,
  releaseDate: '2026-01-26',
  responsibleOfficerId: 'com-1',
  personMobile: '07700 900123',
  ...overrides,
});

async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const writes = e.h.repository.stats().writes;
  const executions = await e.executions();
  const schedules = e.h.scheduler.schedules.size;
  const result = await act();
  expect(e.h.repository.stats().writes, 'repository writes').toBe(writes);
  expect(await e.executions(), 'executions started').toBe(executions);
  expect(e.h.scheduler.schedules.size, 'schedules').toBe(schedules);
  return result;
}

describe('scenario 12: bad input', () => {
  let caseId: string;
  beforeEach(async () => {
    e = await staffApiE2e('2026-01-05T10:00:00Z');
    caseId = (await e.request('POST', '/cases', { as: 'com-1', body: registration() })).json.caseId;
    await e.h.clock.settle();
  });

  it.each([
    ['missing CRN', { crn: undefined }, 'crn', 'is required'],
    ['bad prison number', { nomsId: '1234ABC' }, 'nomsId', 'prison number'],
    ['release date in the past', { crn: 'X000001', releaseDate: '2025-12-24' }, 'releaseDate', ''],
    ['invalid phone number', { crn: 'X000002', personMobile: '0161 496 0000' }, 'personMobile', 'UK mobile'],
    ['not a date', { crn: 'X000003', releaseDate: '2026-02-30' }, 'releaseDate', 'real date'],
  ])(
    'registration with %s: 400 naming the field, nothing stored, no execution',
    async (_name, override, field, reason) => {
      const res = await unchanged(() =>
        e.request('POST', '/cases', { as: 'com-1', body: registration(override) }),
      );
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual(
        expect.arrayContaining([{ field, message: expect.stringContaining(reason) }]),
      );
    },
  );

  it('staff member with an invalid email: 400 naming the field', async () => {
    const res = await unchanged(() =>
      e.request('POST', '/staff', { body: { staffId: 'com-8', name: 'X', email: 'nope@', role: 'COM' } }),
    );
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ field: 'email', message: 'must be an email address' }]);
  });

  it('unknown task: 404 naming the id', async () => {
    const res = await unchanged(() =>
      e.request('POST', `/tasks/${caseId}-task-no-such-task/complete`, { as: 'com-1', body: {} }),
    );
    expect(res.status).toBe(404);
    expect(res.json.errors).toEqual([{ field: 'taskId', message: 'no such task' }]);
  });

  it('outcome for another case: 404, and a breach outcome on a case with no breach is refused', async () => {
    const other = await e.request('POST', '/cases', {
      as: 'com-1',
      body: registration({ crn: 'X999999', nomsId: 'B1234CD', releaseDate: '2026-04-27' }),
    });
    const res = await unchanged(() =>
      e.request('POST', `/cases/${other.json.caseId}/appointments/${caseId}-appt-01/outcome`, {
        as: 'com-1',
        body: { outcome: 'UNACCEPTABLE_ABSENCE' },
      }),
    );
    expect(res.status).toBe(404);
    expect(res.json.errors).toEqual([{ field: 'appointmentId', message: 'no such appointment' }]);
    const breach = await unchanged(() =>
      e.request('POST', `/cases/${caseId}/breach-outcome`, { as: 'com-1', body: { outcome: 'REVOKED' } }),
    );
    expect(breach.status).toBe(409);
  });

  it('oversized, non-JSON and wrongly typed bodies: 413, 400, 415', async () => {
    const big = await unchanged(() =>
      e.request('POST', '/cases', {
        as: 'com-1',
        body: registration({ crn: 'X000004', notes: 'x'.repeat(65_537) }),
      }),
    );
    expect(big.status).toBe(413);
    const notJson = await unchanged(() => e.request('POST', '/cases', { as: 'com-1', body: 'crn=X000005' }));
    expect(notJson.status).toBe(400);
    expect(notJson.json.errors).toEqual([{ field: 'body', message: 'must be valid JSON in UTF-8' }]);
    const wrongType = await unchanged(() =>
      e.request('POST', '/cases', {
        as: 'com-1',
        body: JSON.stringify(registration({ crn: 'X000006' })),
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(wrongType.status).toBe(415);
    const array = await unchanged(() => e.request('POST', '/cases', { as: 'com-1', body: [registration()] }));
    expect(array.json.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });
});

describe('scenario 13: unauthorised action through a task link', () => {
  let task: Task;
  const linkFor = (overrides: Partial<Parameters<typeof signLink>[1]> = {}) =>
    signLink(LINK_KEY, {
      taskId: task.taskId,
      staffId: task.assigneeId,
      action: 'COMPLETE_TASK',
      expiresAt: new Date(e.h.clock.now() + 3 * 86_400_000).toISOString(),
      ...overrides,
    });

  beforeEach(async () => {
    e = await staffApiE2e('2026-01-05T10:00:00Z');
    const { caseId } = (await e.request('POST', '/cases', { as: 'com-1', body: registration() })).json;
    await e.h.clock.settle();
    const assessment = (await e.h.repository.listOpenTasksByCase(caseId)).find(
      (t) => t.type === 'PRE_RELEASE_ASSESSMENT',
    )!;
    await e.request('POST', `/tasks/${assessment.taskId}/complete`, {
      as: 'com-1',
      body: { answers: { pathways: { HEALTH: { status: 'SUPPORT_NOT_REQUIRED' } } } },
    });
    await e.h.clock.advanceBy(3600);
    task = (await e.h.repository.listOpenTasksByCase(caseId)).find((t) => t.assigneeId === 'com-1')!;
    expect(task).toBeDefined();
  });

  async function refusedAndAudited(token: string, status: number, reason: string, actorId: string) {
    const before = (await e.h.repository.getTask(task.taskId))!;
    const res = await e.request('POST', `/links/${token}`, { as: null });
    expect(res.status).toBe(status);
    expect(res.type).toContain('text/html');
    expect(res.text).toMatch(/<h1>Link refused<\/h1>/);
    expect(await e.h.repository.getTask(task.taskId)).toEqual(before);
    expect(await e.h.status(task.taskId)).toBe('RUNNING');
    const audit =
      actorId === 'anonymous'
        ? await e.h.repository.listAuditByActor('anonymous')
        : (await e.h.repository.listAuditByCase(task.caseId)).filter((a) => a.result === 'REFUSED');
    expect(audit.at(-1)).toMatchObject({ actorId, reason, result: 'REFUSED', route: 'POST /links/{token}' });
  }

  it('an expired link is refused, nothing changes, the attempt is audited', async () => {
    const token = linkFor({ expiresAt: new Date(e.h.clock.now() + 60_000).toISOString() });
    await e.h.clock.advanceBy(120);
    await refusedAndAudited(token, 410, 'link expired', 'com-1');
  });

  it('a link already used is refused the second time', async () => {
    const token = linkFor();
    expect((await e.request('POST', `/links/${token}`, { as: null })).status).toBe(200);
    await e.h.clock.settle();
    const done = await e.h.repository.getTask(task.taskId);
    const again = await e.request('POST', `/links/${token}`, { as: null });
    expect(again.status).toBe(409);
    expect(await e.h.repository.getTask(task.taskId)).toEqual(done);
    expect((await e.h.repository.listAuditByCase(task.caseId)).at(-1)).toMatchObject({
      actorId: 'com-1',
      reason: 'link already used',
      result: 'REFUSED',
    });
  });

  it('a tampered link is refused and audited as anonymous', async () => {
    const [v, payload, sig] = linkFor().split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, s: 'spo-1' })).toString('base64url');
    await refusedAndAudited(`${v}.${forged}.${sig}`, 403, 'link not valid', 'anonymous');
  });

  it('a link for another staff member is refused, also when someone else is signed in', async () => {
    await refusedAndAudited(
      linkFor({ staffId: 'partner-1' }),
      403,
      'link of another staff member',
      'partner-1',
    );
    const res = await e.request('POST', `/links/${linkFor()}`, { as: 'pom-1' });
    expect(res.status).toBe(403);
    expect((await e.h.repository.getTask(task.taskId))?.status).toBe('OPEN');
  });

  it('completing another officer’s task through the API is refused and audited', async () => {
    const res = await e.request('POST', `/tasks/${task.taskId}/complete`, { as: 'pom-1', body: {} });
    expect(res.status).toBe(403);
    expect((await e.h.repository.getTask(task.taskId))?.status).toBe('OPEN');
    expect((await e.h.repository.listAuditByCase(task.caseId)).at(-1)).toMatchObject({
      actorId: 'pom-1',
      result: 'REFUSED',
    });
  });
});
