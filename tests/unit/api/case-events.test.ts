import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiUnderTest, aCase, apiUnderTest } from './support.ts';

let api: ApiUnderTest;
beforeEach(async () => {
  api = await apiUnderTest();
});

describe('PUT /cases/{caseId}/release-date', () => {
  it('moves the release schedule to the new date and audits the change', async () => {
    await aCase(api, 'CUSTODY');
    await api.deps.scheduler.upsert({
      name: 'release-case1',
      at: '2026-04-27T08:00:00.000Z',
      targetArn: 'arn:x',
      input: {},
    });
    const res = await api.call('PUT', '/cases/case1/release-date', {
      as: 'com-1',
      body: { releaseDate: '2026-04-06', reason: 'BROUGHT_FORWARD' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      releaseDate: '2026-04-06',
      previousReleaseDate: '2026-04-27',
      direction: 'BROUGHT_FORWARD',
    });
    expect(api.deps.scheduler.schedules.get('release-case1')?.at.startsWith('2026-04-06')).toBe(true);
    expect((await api.deps.repository.listAuditByCase('case1')).at(-1)).toMatchObject({
      action: 'CHANGE_RELEASE_DATE',
      actorId: 'com-1',
      result: 'ALLOWED',
    });
  });

  it('refuses a date that is not after today with 400, changing nothing', async () => {
    await aCase(api, 'CUSTODY');
    const res = await api.call('PUT', '/cases/case1/release-date', {
      as: 'com-1',
      body: { releaseDate: '2026-01-05', reason: 'OTHER' },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].field).toBe('releaseDate');
    expect(api.changes()).toMatchObject({ writes: 0, schedules: 0 });
  });

  it('refuses (403, audited) a COM who is not the responsible officer nor above them', async () => {
    await aCase(api, 'CUSTODY');
    const res = await api.call('PUT', '/cases/case1/release-date', {
      as: 'com-2',
      body: { releaseDate: '2026-05-04', reason: 'DEFERRED' },
    });
    expect(res.status).toBe(403);
    expect((await api.deps.repository.getCase('case1'))?.releaseDate).toBe('2026-04-27');
    expect(await api.deps.repository.listAuditByCase('case1')).toEqual([
      expect.objectContaining({
        actorId: 'com-2',
        result: 'REFUSED',
        route: 'PUT /cases/{caseId}/release-date',
      }),
    ]);
  });

  it('answers 404 for an unknown case and 409 after release', async () => {
    const body = { releaseDate: '2026-05-04', reason: 'DEFERRED' };
    expect((await api.call('PUT', '/cases/nope/release-date', { as: 'admin-1', body })).status).toBe(404);
    await aCase(api, 'COMMUNITY');
    const res = await api.call('PUT', '/cases/case1/release-date', { as: 'admin-1', body });
    expect(res.status).toBe(409);
    expect(res.json.reason).toBe('EventNotAllowed');
  });
});

describe('POST /cases/{caseId}/events', () => {
  it('ends the journey on a recall in the community and audits it', async () => {
    await aCase(api, 'COMMUNITY');
    const res = await api.call('POST', '/cases/case1/events', {
      as: 'pom-1',
      body: { type: 'RECALLED', occurredAt: '2026-01-05T08:00:00Z' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ effect: 'CLOSE', outcome: 'RECALLED' });
    expect(await api.deps.repository.getCase('case1')).toMatchObject({
      phase: 'CLOSED',
      outcome: 'RECALLED',
    });
    expect((await api.deps.repository.listAuditByCase('case1')).at(-1)).toMatchObject({
      action: 'REPORT_EVENT_RECALLED',
      result: 'ALLOWED',
    });
  });

  it('refuses an event dated in the future (400) and one the phase does not accept (409)', async () => {
    await aCase(api, 'CUSTODY');
    const future = await api.call('POST', '/cases/case1/events', {
      as: 'admin-1',
      body: { type: 'WITHDRAWN', occurredAt: '2026-02-01T00:00:00Z' },
    });
    expect(future.status).toBe(400);
    expect(future.json.errors).toEqual([{ field: 'occurredAt', message: 'must not be in the future' }]);
    const recall = await api.call('POST', '/cases/case1/events', {
      as: 'admin-1',
      body: { type: 'RECALLED', occurredAt: '2026-01-05T08:00:00Z' },
    });
    expect(recall.status).toBe(409);
    expect(api.changes().writes).toBe(0);
  });

  it('refuses a bad event type naming the field', async () => {
    await aCase(api, 'CUSTODY');
    const res = await api.call('POST', '/cases/case1/events', {
      as: 'admin-1',
      body: { type: 'ESCAPED', occurredAt: '2026-01-05T08:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({
      field: 'type',
      message: expect.stringContaining('must be one of'),
    });
  });

  it('does not let enforcement report events', async () => {
    await aCase(api, 'CUSTODY');
    const res = await api.call('POST', '/cases/case1/events', {
      as: 'enf-1',
      body: { type: 'WITHDRAWN', occurredAt: '2026-01-05T08:00:00Z' },
    });
    expect(res.status).toBe(403);
    expect((await api.deps.repository.getCase('case1'))?.phase).toBe('CUSTODY');
  });
});

describe('POST /cases/{caseId}/breach-outcome', () => {
  it('records the recall decision on the open recall review', async () => {
    await aCase(api, 'COMMUNITY');
    const kase = (await api.deps.repository.getCase('case1'))!;
    await api.deps.repository.updateCase(
      'case1',
      kase.version,
      {
        breaches: [{ raisedOn: '2026-01-02', kind: 'RECALL_REVIEW', appointmentId: 'case1-appt-03' }],
      },
      '2026-01-02T09:00:00.000Z',
    );
    const res = await api.call('POST', '/cases/case1/breach-outcome', {
      as: 'enf-1',
      body: { outcome: 'NO_RECALL' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ caseId: 'case1', outcome: 'NO_RECALL', effect: 'CONTINUE' });
    expect((await api.deps.repository.getCase('case1'))?.breaches[0]).toMatchObject({ outcome: 'NO_RECALL' });
  });

  it('refuses an outcome that does not fit the sentence (400) and one with no breach waiting (409)', async () => {
    await aCase(api, 'COMMUNITY');
    const none = await api.call('POST', '/cases/case1/breach-outcome', {
      as: 'enf-1',
      body: { outcome: 'NO_RECALL' },
    });
    expect(none.status).toBe(409);
    const kase = (await api.deps.repository.getCase('case1'))!;
    await api.deps.repository.updateCase(
      'case1',
      kase.version,
      {
        breaches: [{ raisedOn: '2026-01-02', kind: 'RECALL_REVIEW' }],
      },
      '2026-01-02T09:00:00.000Z',
    );
    const wrong = await api.call('POST', '/cases/case1/breach-outcome', {
      as: 'enf-1',
      body: { outcome: 'RESENTENCED' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].field).toBe('outcome');
  });
});
