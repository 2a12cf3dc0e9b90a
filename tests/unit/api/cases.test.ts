import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiUnderTest, apiUnderTest, registration } from './support.ts';

let api: ApiUnderTest;
beforeEach(async () => {
  api = await apiUnderTest();
});

describe('POST /cases', () => {
  it('registers a case, schedules its start and release, and audits who did it', async () => {
    const res = await api.call('POST', '/cases', {
      as: 'com-1',
      body: registration({ needs: ['GP_REGISTRATION'] }),
    });
    expect(res.status).toBe(201);
    const { caseId } = res.json;
    const kase = await api.deps.repository.getCase(caseId);
    expect(kase).toMatchObject({ crn: 'X123456', phase: 'REGISTERED', releaseDate: '2026-04-27' });
    expect([...api.deps.scheduler.schedules.keys()].sort()).toEqual([
      `journey-start-${caseId}`,
      `release-${caseId}`,
    ]);
    const audit = await api.deps.repository.listAuditByCase(caseId);
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: 'com-1',
        action: 'REGISTER_CASE',
        route: 'POST /cases',
        result: 'ALLOWED',
      }),
    ]);
  });

  it('keeps the allocated prison offender manager, shown on the case', async () => {
    const res = await api.call('POST', '/cases', {
      as: 'com-1',
      body: registration({ prisonOffenderManagerId: 'pom-1' }),
    });
    expect(res.status).toBe(201);
    const view = await api.call('GET', `/cases/${res.json.caseId}`, { as: 'com-1' });
    expect(view.json).toMatchObject({ responsibleOfficerId: 'com-1', prisonOffenderManagerId: 'pom-1' });
  });

  it('starts the custody phase now when registered within 12 weeks of release', async () => {
    const res = await api.call('POST', '/cases', {
      as: 'com-1',
      body: registration({ releaseDate: '2026-01-26' }),
    });
    expect(res.status).toBe(201);
    expect(api.deps.workflows.started.map((s) => s.name)).toEqual([`${res.json.caseId}-custody-1`]);
  });

  it('answers 409 with the open journey when the CRN has one, and writes nothing', async () => {
    const first = await api.call('POST', '/cases', { as: 'com-1', body: registration() });
    const before = api.changes();
    for (const body of [registration(), registration({ nomsId: 'B9999ZZ' })]) {
      const res = await api.call('POST', '/cases', { as: 'com-1', body });
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ error: 'Conflict', caseId: first.json.caseId });
    }
    expect(api.changes()).toEqual(before);
  });

  it.each([
    [{ crn: undefined }, 'crn', 'is required'],
    [{ nomsId: 'A12BC' }, 'nomsId', 'prison number'],
    [{ releaseDate: '2025-12-01' }, 'releaseDate', 'after'],
    [{ personMobile: '12345' }, 'personMobile', 'UK mobile'],
    [{ responsibleOfficerId: 'nobody' }, 'responsibleOfficerId', 'not a known staff member'],
    [{ responsibleOfficerId: 'pom-1' }, 'responsibleOfficerId', 'community offender manager'],
    [{ prisonOffenderManagerId: 'nobody' }, 'prisonOffenderManagerId', 'not a known staff member'],
    [{ prisonOffenderManagerId: 'com-1' }, 'prisonOffenderManagerId', 'prison offender manager'],
    [{ extra: 1 }, 'extra', 'not a known field'],
  ])('refuses %j with 400 naming the field, writing nothing', async (override, field, reason) => {
    const res = await api.call('POST', '/cases', { as: 'com-1', body: registration(override) });
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('InvalidInput');
    expect(res.json.errors).toEqual(
      expect.arrayContaining([{ field, message: expect.stringContaining(reason) }]),
    );
    expect(api.changes()).toEqual({ writes: 0, schedules: 0, started: 0, tokens: 0, sent: 0 });
  });

  it('answers 415 for a body that is not JSON, 413 over 64 KB and 400 for broken JSON', async () => {
    const text = await api.call('POST', '/cases', {
      as: 'com-1',
      body: 'crn=X123456',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    const big = await api.call('POST', '/cases', {
      as: 'com-1',
      body: registration({ pad: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    const broken = await api.call('POST', '/cases', { as: 'com-1', body: '{"crn":' });
    expect(broken.status).toBe(400);
    expect(broken.json.errors).toEqual([{ field: 'body', message: 'must be valid JSON in UTF-8' }]);
    expect(api.changes().writes).toBe(0);
  });

  it('answers 401 without an identity and 403 (audited) to a role that may not register', async () => {
    expect((await api.call('POST', '/cases', { body: registration() })).status).toBe(401);
    const res = await api.call('POST', '/cases', { as: 'partner-1', body: registration() });
    expect(res.status).toBe(403);
    expect(await api.deps.repository.listAuditByActor('partner-1')).toEqual([
      expect.objectContaining({
        action: 'REGISTER_CASE',
        result: 'REFUSED',
        reason: 'role PARTNER may not do this',
      }),
    ]);
    expect(await api.deps.repository.getCaseByCrn('X123456')).toBeUndefined();
  });

  it('answers 403 to an identity that is no staff member, and audits it', async () => {
    const res = await api.call('POST', '/cases', { as: 'stranger', body: registration() });
    expect(res.status).toBe(403);
    expect(await api.deps.repository.listAuditByActor('stranger')).toHaveLength(1);
  });
});

describe('GET /cases/{caseId}', () => {
  it('shows phase, release date, pathways, tasks, executions with console links and no personal data', async () => {
    const { json } = await api.call('POST', '/cases', {
      as: 'com-1',
      body: registration({ releaseDate: '2026-01-26', personMobile: '07700 900123' }),
    });
    await api.deps.repository.createTask({
      taskId: `${json.caseId}-task-x`,
      caseId: json.caseId,
      type: 'PRE_RELEASE_ASSESSMENT',
      assigneeId: 'com-1',
      role: 'COM',
      dueAt: '2026-01-12T17:00:00.000Z',
      createdAt: '2026-01-05T10:00:00.000Z',
      ladderStep: 0,
    });
    await api.deps.repository.setTaskToken(`${json.caseId}-task-x`, {
      taskToken: 'SECRET-TOKEN',
      ladderStep: 0,
    });
    const arn = `arn:aws:states:eu-west-2:000000000000:execution:Custody:${json.caseId}-custody-1`;
    await api.deps.repository.putExecution({
      caseId: json.caseId,
      phase: 'CUSTODY',
      n: 1,
      name: `${json.caseId}-custody-1`,
      executionArn: arn,
      startedAt: '2026-01-05T10:00:00.000Z',
      status: 'RUNNING',
    });
    const res = await api.call('GET', `/cases/${json.caseId}`, { as: 'spo-2' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      caseId: json.caseId,
      phase: 'CUSTODY',
      status: 'OPEN',
      releaseDate: '2026-01-26',
      hasPersonMobile: true,
      pathways: { HEALTH: 'NOT_STARTED' },
      tasks: [{ taskId: `${json.caseId}-task-x`, status: 'OPEN' }],
      executions: [
        {
          name: `${json.caseId}-custody-1`,
          consoleUrl: `https://eu-west-2.console.aws.amazon.com/states/home?region=eu-west-2#/v2/executions/details/${arn}`,
        },
      ],
      notifications: [],
    });
    expect(res.text).not.toContain('SECRET-TOKEN');
    expect(res.text).not.toContain('7700');
    const audit = await api.deps.repository.listAuditByCase(json.caseId);
    expect(audit.at(-1)).toMatchObject({ actorId: 'spo-2', action: 'VIEW_CASE', result: 'ALLOWED' });
  });

  it('answers 404 for an unknown case and 400 for a malformed id, writing nothing', async () => {
    const unknown = await api.call('GET', '/cases/nope', { as: 'admin-1' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.errors).toEqual([{ field: 'caseId', message: 'no such case' }]);
    const bad = await api.call('GET', `/cases/${encodeURIComponent('a b')}`, { as: 'admin-1' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('caseId');
    expect(api.changes().writes).toBe(0);
  });

  it('refuses a partner worker with no task on the case', async () => {
    const { json } = await api.call('POST', '/cases', { as: 'com-1', body: registration() });
    const res = await api.call('GET', `/cases/${json.caseId}`, { as: 'partner-1' });
    expect(res.status).toBe(403);
    expect((await api.deps.repository.listAuditByCase(json.caseId)).at(-1)).toMatchObject({
      actorId: 'partner-1',
      result: 'REFUSED',
    });
  });
});
