import { afterEach, describe, expect, it } from 'vitest';
import { signLink } from '#functions/api/links.ts';
import { LINK_KEY, type StaffApiE2e, staffApiE2e } from './staff-api-support.ts';

let e: StaffApiE2e;
afterEach(async () => e?.close());

const ASSESSMENT = {
  answers: {
    pathways: {
      ACCOMMODATION: { status: 'SUPPORT_REQUIRED', needs: ['DUTY_TO_REFER'] },
      HEALTH: { status: 'SUPPORT_NOT_REQUIRED' },
    },
  },
};

describe('staff API over HTTP on the local runtime', () => {
  it('creates staff, registers a case, follows its journey and completes tasks by API and by link', async () => {
    e = await staffApiE2e('2026-01-05T10:00:00Z');
    const created = await e.request('POST', '/staff', {
      body: {
        staffId: 'com-7',
        name: 'New Officer',
        email: 'com7@probation.example',
        role: 'COM',
        managerId: 'spo-1',
      },
    });
    expect(created.status).toBe(201);
    // the answered development token works at once
    expect((await e.request('GET', '/tasks', { as: `raw:${created.json.devToken}` })).status).toBe(200);

    const registered = await e.request('POST', '/cases', {
      as: 'com-1',
      body: {
        crn: 'X654321',
        nomsId: 'A7654ZY',
        prisonId: 'LEI',
        sentenceType: 'LICENCE',
        risk: 'MEDIUM',
        mappaLevel: 1,
        iom: false,
        releaseDate: '2026-04-27',
        responsibleOfficerId: 'com-1',
      },
    });
    expect(registered.status).toBe(201);
    const { caseId } = registered.json;
    expect((await e.request('GET', `/cases/${caseId}`)).json).toMatchObject({
      phase: 'REGISTERED',
      executions: [],
    });

    // R-12 weeks: the journey-start schedule fires on the clock and custody begins
    await e.h.clock.advanceTo(Date.parse('2026-02-02T12:00:00Z'));
    const custody = await e.request('GET', `/cases/${caseId}`, { as: 'com-1' });
    expect(custody.json.phase).toBe('CUSTODY');
    const execution = custody.json.executions.find((x: { name: string }) => x.name === `${caseId}-custody-1`);
    expect(execution.consoleUrl).toBe(
      `https://eu-west-2.console.aws.amazon.com/states/home?region=eu-west-2#/v2/executions/details/${execution.executionArn}`,
    );
    expect(custody.json.notifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'PROMPT', channel: 'EMAIL', recipientStaffId: 'com-1' }),
      ]),
    );
    expect(custody.text).not.toContain('@probation.example');

    const mine = await e.request('GET', '/tasks?assignee=me&status=OPEN', { as: 'com-1' });
    const assessment = mine.json.tasks.find((t: { type: string }) => t.type === 'PRE_RELEASE_ASSESSMENT');
    expect(assessment).toBeDefined();
    const done = await e.request('POST', `/tasks/${assessment.taskId}/complete`, {
      as: 'com-1',
      body: ASSESSMENT,
    });
    expect(done.status).toBe(200);
    expect(done.json.delivered).toBe(true);
    await e.h.clock.settle();
    expect(await e.h.status(assessment.taskId)).toBe('SUCCEEDED');
    const after = (await e.request('GET', `/cases/${caseId}`)).json;
    expect(after.pathways.ACCOMMODATION).toBe('SUPPORT_REQUIRED');
    expect(after.needs).toMatchObject({ DUTY_TO_REFER: 'NOT_STARTED' });

    // the next task by signed link: the page changes nothing; the confirm does it once
    await e.h.clock.advanceBy(3600);
    const open = (await e.request('GET', '/tasks', { as: 'com-1' })).json.tasks;
    const next = open.find((t: { type: string }) => t.type !== 'PRE_RELEASE_ASSESSMENT');
    const token = signLink(LINK_KEY, {
      taskId: next.taskId,
      staffId: 'com-1',
      action: 'COMPLETE_TASK',
      expiresAt: new Date(e.h.clock.now() + 86_400_000).toISOString(),
    });
    const pageView = await e.request('GET', `/links/${token}`, { as: null });
    expect(pageView.status).toBe(200);
    expect(pageView.type).toContain('text/html');
    expect((await e.h.repository.getTask(next.taskId))?.status).toBe('OPEN');
    const confirmed = await e.request('POST', `/links/${token}`, {
      as: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(200);
    expect((await e.h.repository.getTask(next.taskId))?.status).toBe('DONE');
    await e.h.clock.settle();
    expect(await e.h.status(next.taskId)).toBe('SUCCEEDED');

    // a deferral moves the release; then a withdrawal ends the journey and stops its executions
    const moved = await e.request('PUT', `/cases/${caseId}/release-date`, {
      as: 'com-1',
      body: { releaseDate: '2026-06-08', reason: 'PAROLE' },
    });
    expect(moved.json).toMatchObject({ releaseDate: '2026-06-08', direction: 'DEFERRED' });
    const withdrawn = await e.request('POST', `/cases/${caseId}/events`, {
      as: 'com-1',
      body: { type: 'WITHDRAWN', occurredAt: new Date(e.h.clock.now()).toISOString() },
    });
    expect(withdrawn.json).toMatchObject({ effect: 'CLOSE', outcome: 'WITHDRAWN' });
    await e.h.clock.settle();
    const closed = (await e.request('GET', `/cases/${caseId}`)).json;
    expect(closed).toMatchObject({ phase: 'CLOSED', status: 'CLOSED', outcome: 'WITHDRAWN' });
    expect(closed.executions.find((x: { name: string }) => x.name === `${caseId}-custody-1`).status).toBe(
      'ABORTED',
    );
    expect(await e.h.status(`${caseId}-custody-1`)).toBe('ABORTED');
    const audit = (await e.h.repository.listAuditByCase(caseId)).map(
      (a) => `${a.actorId} ${a.action} ${a.result}`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        'com-1 REGISTER_CASE ALLOWED',
        'com-1 COMPLETE_TASK ALLOWED',
        'com-1 CHANGE_RELEASE_DATE ALLOWED',
        'com-1 REPORT_EVENT_WITHDRAWN ALLOWED',
        'admin VIEW_CASE ALLOWED',
      ]),
    );
  });

  it('answers 401 without a valid bearer token, as the JWT authorizer does', async () => {
    e = await staffApiE2e();
    expect((await e.request('GET', '/tasks', { as: null })).status).toBe(401);
    expect((await e.request('GET', '/tasks', { as: 'raw:dev.Y29tLTE.forged' })).status).toBe(401);
    expect((await e.request('GET', '/openapi.json')).json.openapi).toBe('3.1.0');
  });
});
