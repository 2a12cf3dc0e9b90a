import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiUnderTest, aCase, anOpenTask, apiUnderTest } from './support.ts';

let api: ApiUnderTest;
beforeEach(async () => {
  api = await apiUnderTest();
  await aCase(api, 'CUSTODY');
});

describe('GET /tasks', () => {
  it("lists one's own open tasks without task tokens", async () => {
    await anOpenTask(api);
    const res = await api.call('GET', '/tasks', { as: 'com-1', query: { assignee: 'me', status: 'OPEN' } });
    expect(res.status).toBe(200);
    expect(res.json.tasks.map((t: { taskId: string }) => t.taskId)).toEqual([
      'case1-task-licence-conditions-explained',
    ]);
    expect(res.text).not.toContain('token-1');
  });

  it("lets an SPO list another's tasks but not a COM (403, audited)", async () => {
    await anOpenTask(api);
    expect(
      (await api.call('GET', '/tasks', { as: 'spo-2', query: { assignee: 'com-1' } })).json.tasks,
    ).toHaveLength(1);
    const res = await api.call('GET', '/tasks', { as: 'com-2', query: { assignee: 'com-1' } });
    expect(res.status).toBe(403);
    expect(await api.deps.repository.listAuditByActor('com-2')).toEqual([
      expect.objectContaining({ action: 'LIST_TASKS', result: 'REFUSED', targetId: 'com-1' }),
    ]);
  });

  it('answers 400 for another status or an unknown parameter, 404 for an unknown assignee', async () => {
    expect((await api.call('GET', '/tasks', { as: 'com-1', query: { status: 'DONE' } })).status).toBe(400);
    const unknown = await api.call('GET', '/tasks', { as: 'com-1', query: { owner: 'x' } });
    expect(unknown.json.errors).toEqual([{ field: 'owner', message: 'is not a known parameter' }]);
    expect((await api.call('GET', '/tasks', { as: 'admin-1', query: { assignee: 'ghost' } })).status).toBe(
      404,
    );
  });
});

describe('POST /tasks/{taskId}/complete', () => {
  it('completes the task and answers the waiting ladder', async () => {
    const task = await anOpenTask(api);
    const res = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      as: 'com-1',
      body: { notes: 'explained' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ task: { status: 'DONE', completedBy: 'com-1' }, delivered: true });
    expect(api.deps.workflows.tokens).toEqual([expect.objectContaining({ taskToken: 'token-1', ok: true })]);
    expect((await api.deps.repository.listAuditByCase('case1')).at(-1)).toMatchObject({
      action: 'COMPLETE_TASK',
      route: 'POST /tasks/{taskId}/complete',
      result: 'ALLOWED',
    });
  });

  it("lets the assignee's manager complete it, and refuses another officer (403, audited, nothing changed)", async () => {
    const task = await anOpenTask(api);
    const refused = await api.call('POST', `/tasks/${task.taskId}/complete`, { as: 'com-2', body: {} });
    expect(refused.status).toBe(403);
    expect((await api.deps.repository.getTask(task.taskId))?.status).toBe('OPEN');
    expect(api.deps.workflows.tokens).toEqual([]);
    expect((await api.deps.repository.listAuditByCase('case1')).at(-1)).toMatchObject({
      actorId: 'com-2',
      result: 'REFUSED',
    });
    expect((await api.call('POST', `/tasks/${task.taskId}/complete`, { as: 'spo-1', body: {} })).status).toBe(
      200,
    );
  });

  it('answers a second completion with 409 and an unknown task with 404', async () => {
    const task = await anOpenTask(api);
    await api.call('POST', `/tasks/${task.taskId}/complete`, { as: 'com-1', body: {} });
    const again = await api.call('POST', `/tasks/${task.taskId}/complete`, { as: 'com-1', body: {} });
    expect(again.status).toBe(409);
    expect(again.json.reason).toBe('TaskAlreadyCompleted');
    const unknown = await api.call('POST', '/tasks/nope/complete', { as: 'com-1', body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors).toEqual([{ field: 'taskId', message: 'no such task' }]);
  });

  it('requires the assessment answers to complete the pre-release assessment (400)', async () => {
    const task = await anOpenTask(api, {
      taskId: 'case1-task-pre-release-assessment',
      type: 'PRE_RELEASE_ASSESSMENT',
    });
    const res = await api.call('POST', `/tasks/${task.taskId}/complete`, { as: 'com-1', body: {} });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([{ field: 'answers', message: expect.stringContaining('required') }]);
    const ok = await api.call('POST', `/tasks/${task.taskId}/complete`, {
      as: 'com-1',
      body: { answers: { pathways: { HEALTH: { status: 'SUPPORT_REQUIRED', needs: ['GP_REGISTRATION'] } } } },
    });
    expect(ok.status).toBe(200);
    expect(await api.deps.repository.getCase('case1')).toMatchObject({
      pathways: { HEALTH: 'SUPPORT_REQUIRED' },
      needs: { GP_REGISTRATION: 'NOT_STARTED' },
    });
  });
});

describe('POST /appointments/{appointmentId}/outcome', () => {
  beforeEach(async () => {
    await api.deps.repository.putAppointment({
      appointmentId: 'case1-appt-01',
      caseId: 'case1',
      at: '2026-01-05T09:00:00.000Z',
      kind: 'SUPERVISION',
    });
  });

  it('records the outcome of a past appointment', async () => {
    const res = await api.call('POST', '/appointments/case1-appt-01/outcome', {
      as: 'com-1',
      body: { outcome: 'ATTENDED_COMPLIED' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      appointment: { outcome: 'ATTENDED_COMPLIED' },
      decisionRequired: false,
    });
  });

  it('answers 404 for an unknown appointment, 400 for a bad outcome, 409 for a second outcome', async () => {
    expect(
      (
        await api.call('POST', '/appointments/case1-appt-99/outcome', {
          as: 'com-1',
          body: { outcome: 'ATTENDED_COMPLIED' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.call('POST', '/appointments/case1-appt-01/outcome', {
          as: 'com-1',
          body: { outcome: 'LATE' },
        })
      ).status,
    ).toBe(400);
    await api.call('POST', '/appointments/case1-appt-01/outcome', {
      as: 'com-1',
      body: { outcome: 'ATTENDED_COMPLIED' },
    });
    expect(
      (
        await api.call('POST', '/appointments/case1-appt-01/outcome', {
          as: 'com-1',
          body: { outcome: 'UNACCEPTABLE_ABSENCE' },
        })
      ).status,
    ).toBe(409);
  });

  it("refuses another officer's appointment (403) and a POM by role", async () => {
    expect(
      (
        await api.call('POST', '/appointments/case1-appt-01/outcome', {
          as: 'com-2',
          body: { outcome: 'ATTENDED_COMPLIED' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api.call('POST', '/appointments/case1-appt-01/outcome', {
          as: 'pom-1',
          body: { outcome: 'ATTENDED_COMPLIED' },
        })
      ).status,
    ).toBe(403);
    expect((await api.deps.repository.getAppointment('case1', 'case1-appt-01'))?.outcome).toBeUndefined();
  });
});

describe('POST /cases/{caseId}/appointments/{appointmentId}/outcome', () => {
  it('records on the case it names and does not find an appointment of another case', async () => {
    await api.deps.repository.putAppointment({
      appointmentId: 'case1-appt-01',
      caseId: 'case1',
      at: '2026-01-05T09:00:00.000Z',
      kind: 'SUPERVISION',
    });
    const other = await api.call('POST', '/cases/case2/appointments/case1-appt-01/outcome', {
      as: 'admin-1',
      body: { outcome: 'ATTENDED_COMPLIED' },
    });
    expect(other.status).toBe(404);
    expect(other.json.errors).toEqual([{ field: 'appointmentId', message: 'no such appointment' }]);
    expect(api.changes().writes).toBe(1);
    const ok = await api.call('POST', '/cases/case1/appointments/case1-appt-01/outcome', {
      as: 'com-1',
      body: { outcome: 'ATTENDED_COMPLIED' },
    });
    expect(ok.status).toBe(200);
  });
});
