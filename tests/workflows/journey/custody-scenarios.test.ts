import { afterEach, describe, expect, it } from 'vitest';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration } from './builders.ts';
import { type JourneyHarness, journeyHarness } from './harness.ts';
import { runWithStaff } from './staff-office.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

const sessionsOf = async (caseId: string) =>
  (await h.repository.listTasksByCase(caseId)).filter((t) => t.type === 'ENGAGEMENT_SESSION');

describe('custody phase on the engine', () => {
  it('nobody acts (scenario 2): one reminder, one escalation to the line manager at due, one second escalation; completing late resumes the journey', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
    const notAssessment = { acts: (t: { type: string }) => t.type !== 'PRE_RELEASE_ASSESSMENT' };
    await runWithStaff(h, caseId, '2026-02-25T10:00:00Z', notAssessment);
    const assessment = `${caseId}-task-pre-release-assessment`;
    const about = (await h.sent(caseId)).filter((s) => s.taskId === assessment);
    const line = (s: (typeof about)[number]) => `${s.kind} ${s.channel} ${s.recipientStaffId} ${s.sentAt}`;
    expect(about.map(line)).toEqual([
      'PROMPT EMAIL com-1 2026-02-02T09:00:00.000Z',
      'REMINDER EMAIL com-1 2026-02-12T17:00:00.000Z',
      'ESCALATION EMAIL spo-1 2026-02-16T17:00:00.000Z',
      'ESCALATION SMS spo-1 2026-02-16T17:00:00.000Z',
      'SECOND_ESCALATION EMAIL head-1 2026-02-19T17:00:00.000Z',
      'SECOND_ESCALATION SMS head-1 2026-02-19T17:00:00.000Z',
    ]);
    expect(await h.repository.getTask(`${caseId}-task-resettlement-plan`)).toBeUndefined();
    // completing it late resumes the journey: the resettlement plan is prompted
    await runWithStaff(h, caseId, '2026-02-26T10:00:00Z');
    expect((await h.repository.getTask(assessment))?.status).toBe('DONE');
    expect(await h.repository.getTask(`${caseId}-task-resettlement-plan`)).toBeDefined();
    const kase = await h.repository.getCase(caseId);
    expect(kase?.pathways.ACCOMMODATION).toBe('SUPPORT_REQUIRED');
    expect(kase?.needs.DUTY_TO_REFER).toBe('NOT_STARTED');
    expect(await h.status(assessment)).toBe('SUCCEEDED');
  });

  it('release brought forward three weeks (scenario 3): fires on the new date, later sessions never start, nothing on the old date', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
    await runWithStaff(h, caseId, '2026-03-02T10:00:00Z');
    const change = await changeReleaseDate(
      h.deps,
      { caseId, releaseDate: '2026-04-06', reason: 'BROUGHT_FORWARD' },
      h.now(),
    );
    expect(change).toMatchObject({ changed: true, direction: 'BROUGHT_FORWARD', releasedNow: false });
    await runWithStaff(h, caseId, '2026-05-05T10:00:00Z');
    const releases = h.scheduler.fired.filter((f) => f.name === `release-${caseId}`);
    expect(releases).toEqual([{ name: `release-${caseId}`, at: '2026-04-06T07:00:00.000Z' }]);
    const kase = await h.repository.getCase(caseId);
    expect(kase?.phase).toBe('COMMUNITY');
    expect(kase?.releaseDate).toBe('2026-04-06');
    // custody started 2 February: nine weekly sessions up to the new date, none after it
    const sessions = await sessionsOf(caseId);
    expect(sessions.map((s) => s.taskId.slice(-2))).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
    ]);
    expect(await h.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
    expect(await h.status(`${caseId}-community-1`)).toBe('RUNNING');
    const custodyNotices = (await h.sent(caseId)).filter(
      (s) => s.sentAt! > '2026-04-06T07:00:00.000Z' && sessions.some((t) => t.taskId === s.taskId),
    );
    expect(custodyNotices).toEqual([]);
  });

  it('release deferred six weeks (scenario 4): sessions continue weekly to the new date; the release fires once, on it', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
    await runWithStaff(h, caseId, '2026-03-02T10:00:00Z');
    await changeReleaseDate(h.deps, { caseId, releaseDate: '2026-06-08', reason: 'PAROLE' }, h.now());
    await runWithStaff(h, caseId, '2026-06-10T10:00:00Z');
    expect(h.scheduler.fired.filter((f) => f.name === `release-${caseId}`)).toEqual([
      { name: `release-${caseId}`, at: '2026-06-08T07:00:00.000Z' },
    ]);
    expect((await sessionsOf(caseId)).length).toBe(18);
    const kase = await h.repository.getCase(caseId);
    expect(kase?.phase).toBe('COMMUNITY');
    expect((await h.sent(caseId)).filter((s) => s.kind !== 'PROMPT')).toEqual([]);
  });

  it('release deferred: an open task due by the release date moves with it, and its ladder follows the new date', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
    const notLicence = { acts: (t: { type: string }) => t.type !== 'LICENCE_CONDITIONS_EXPLAINED' };
    await runWithStaff(h, caseId, '2026-02-20T10:00:00Z', notLicence);
    const licence = `${caseId}-task-licence-conditions-explained`;
    // due by R-7 days: Monday 20 April, 17:00 London
    expect((await h.repository.getTask(licence))?.dueAt).toBe('2026-04-20T16:00:00.000Z');
    const change = await changeReleaseDate(
      h.deps,
      { caseId, releaseDate: '2026-06-08', reason: 'PAROLE' },
      h.now(),
    );
    expect(change.tasksRescheduled).toBe(1);
    expect((await h.repository.getTask(licence))?.dueAt).toBe('2026-06-01T16:00:00.000Z');
    await runWithStaff(h, caseId, '2026-06-10T10:00:00Z', notLicence);
    const about = (await h.sent(caseId)).filter((s) => s.taskId === licence);
    const line = (s: (typeof about)[number]) => `${s.kind} ${s.channel} ${s.recipientStaffId} ${s.sentAt}`;
    // nothing on the old dates; the prompt is not sent again when the ladder plans anew
    expect(about.map(line)).toEqual([
      'PROMPT EMAIL com-1 2026-02-02T12:00:00.000Z',
      'REMINDER EMAIL com-1 2026-05-28T16:00:00.000Z',
      'ESCALATION EMAIL spo-1 2026-06-01T16:00:00.000Z',
      'ESCALATION SMS spo-1 2026-06-01T16:00:00.000Z',
      'SECOND_ESCALATION EMAIL head-1 2026-06-04T16:00:00.000Z',
      'SECOND_ESCALATION SMS head-1 2026-06-04T16:00:00.000Z',
    ]);
  });

  it('late registration three weeks before release (scenario 5): assessment due within days, three sessions, release on time', async () => {
    h = await journeyHarness({ startTime: '2026-04-06T10:00:00Z' });
    const { caseId, startedNow } = await registerCase(
      h.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      h.now(),
    );
    expect(startedNow).toBe(true);
    await h.clock.settle();
    const assessment = await h.repository.getTask(`${caseId}-task-pre-release-assessment`);
    // Easter Monday is a bank holiday: two working days of lead from Tuesday 7 April
    expect(assessment?.dueAt).toBe('2026-04-09T16:00:00.000Z');
    await runWithStaff(h, caseId, '2026-04-28T10:00:00Z');
    expect((await sessionsOf(caseId)).length).toBe(3);
    expect(h.scheduler.fired.filter((f) => f.name === `release-${caseId}`)).toEqual([
      { name: `release-${caseId}`, at: '2026-04-27T07:00:00.000Z' },
    ]);
    expect((await h.repository.getCase(caseId))?.phase).toBe('COMMUNITY');
  });
});

describe('long custody', () => {
  it('a release deferred by a year continues custody in a new execution before the one-year limit; sessions go on once each', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
    await runWithStaff(h, caseId, '2026-03-02T10:00:00Z', {}, 6);
    await changeReleaseDate(h.deps, { caseId, releaseDate: '2027-03-01', reason: 'DEFERRED' }, h.now());
    await runWithStaff(h, caseId, '2027-03-02T10:00:00Z', {}, 6);
    expect(await h.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
    expect(await h.status(`${caseId}-custody-2`)).toBe('SUCCEEDED');
    expect(await h.status(`${caseId}-community-1`)).toBe('RUNNING');
    const first = await h.engine.describeExecution({
      executionArn: `arn:aws:states:eu-west-2:000000000000:execution:resettle-test-Custody:${caseId}-custody-1`,
    });
    const days = (first.stopDate!.getTime() - first.startDate!.getTime()) / 86_400_000;
    expect(days).toBeLessThan(335);
    const sessions = await sessionsOf(caseId);
    expect(sessions.length).toBe(56);
    const prompts = (await h.sent(caseId)).filter(
      (s) => s.kind === 'PROMPT' && sessions.some((t) => t.taskId === s.taskId),
    );
    expect(prompts.length).toBe(56);
    expect((await h.sent(caseId)).filter((s) => s.kind !== 'PROMPT')).toEqual([]);
    expect((await h.repository.getCase(caseId))?.phase).toBe('COMMUNITY');
  });
});
