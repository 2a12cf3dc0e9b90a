import { afterEach, describe, expect, it } from 'vitest';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration } from '#tests/workflows/journey/builders.ts';
import { runWithStaff, type ScenarioStack, scenarioStack } from './stack-support.ts';

let s: ScenarioStack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('custody scenarios on the local stack', () => {
  it('scenario 2, nobody acts: a reminder, an escalation at due, a second escalation, each once; completing late resumes', async () => {
    s = await scenarioStack('2026-01-05T10:00:00Z');
    const { caseId } = await registerCase(
      s.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      await s.now(),
    );
    const assessment = `${caseId}-task-pre-release-assessment`;
    await runWithStaff(s, caseId, '2026-02-25T10:00:00Z', { acts: (t) => t.taskId !== assessment }, 6);
    const about = (await s.sent(caseId)).filter((r) => r.taskId === assessment);
    expect(about.map((r) => `${r.kind} ${r.channel} ${r.recipientRole} ${r.sentAt}`)).toEqual([
      'PROMPT EMAIL COM 2026-02-02T09:00:00.000Z',
      'REMINDER EMAIL COM 2026-02-12T17:00:00.000Z',
      'ESCALATION EMAIL SPO 2026-02-16T17:00:00.000Z',
      'ESCALATION SMS SPO 2026-02-16T17:00:00.000Z',
      'SECOND_ESCALATION EMAIL SPO 2026-02-19T17:00:00.000Z',
      'SECOND_ESCALATION SMS SPO 2026-02-19T17:00:00.000Z',
    ]);
    // the endpoint's SES and SMS outboxes received exactly those six (plus the sessions' prompts)
    const delivered = s.stack.outbox.list().filter((m) => m.body.includes('Pre-release assessment'));
    expect(delivered.map((m) => m.channel)).toEqual(['EMAIL', 'EMAIL', 'EMAIL', 'SMS', 'EMAIL', 'SMS']);
    expect(delivered.every((m) => !m.body.includes('Staff com-1') && m.body.includes('X123456'))).toBe(true);
    expect(await s.deps.repository.getTask(`${caseId}-task-resettlement-plan`)).toBeUndefined();
    await runWithStaff(s, caseId, '2026-02-26T10:00:00Z', {}, 6);
    expect((await s.deps.repository.getTask(assessment))?.status).toBe('DONE');
    expect(await s.deps.repository.getTask(`${caseId}-task-resettlement-plan`)).toBeDefined();
    expect(await s.status(assessment)).toBe('SUCCEEDED');
    expect(await s.status(`${caseId}-custody-1`)).toBe('RUNNING');
  }, 240_000);

  it('scenario 3, release brought forward three weeks: fires on the new date, later sessions never start', async () => {
    s = await scenarioStack('2026-01-05T10:00:00Z');
    const { caseId } = await registerCase(
      s.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      await s.now(),
    );
    await runWithStaff(s, caseId, '2026-03-02T10:00:00Z', {}, 6);
    await changeReleaseDate(
      s.deps,
      { caseId, releaseDate: '2026-04-06', reason: 'BROUGHT_FORWARD' },
      await s.now(),
    );
    await runWithStaff(s, caseId, '2026-04-08T10:00:00Z', {}, 6);
    const kase = await s.deps.repository.getCase(caseId);
    expect(kase).toMatchObject({ phase: 'COMMUNITY', releaseDate: '2026-04-06' });
    const sessions = (await s.deps.repository.listTasksByCase(caseId)).filter(
      (t) => t.type === 'ENGAGEMENT_SESSION',
    );
    expect(sessions).toHaveLength(9);
    expect(await s.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
    expect(await s.status(`${caseId}-community-1`)).toBe('RUNNING');
    const custody = (await s.history(`${caseId}-custody-1`)).map(
      (e) => e.stateEnteredEventDetails?.name ?? e.type,
    );
    expect(custody).toContain('CancelRemainingCustodyWork');
    expect(custody.at(-1)).toBe('ExecutionSucceeded');
    expect((await s.sent(caseId)).filter((r) => r.kind !== 'PROMPT')).toEqual([]);
  }, 240_000);

  it('scenario 4, release deferred six weeks: weekly sessions to the new date; the release fires once, on it', async () => {
    s = await scenarioStack('2026-01-05T10:00:00Z');
    const { caseId } = await registerCase(
      s.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      await s.now(),
    );
    await runWithStaff(s, caseId, '2026-03-02T10:00:00Z', {}, 6);
    await changeReleaseDate(s.deps, { caseId, releaseDate: '2026-06-08', reason: 'PAROLE' }, await s.now());
    await runWithStaff(s, caseId, '2026-04-28T10:00:00Z', {}, 6);
    expect((await s.deps.repository.getCase(caseId))?.phase).toBe('CUSTODY');
    await runWithStaff(s, caseId, '2026-06-09T10:00:00Z', {}, 6);
    expect(await s.deps.repository.getCase(caseId)).toMatchObject({
      phase: 'COMMUNITY',
      releaseDate: '2026-06-08',
    });
    const sessions = (await s.deps.repository.listTasksByCase(caseId)).filter(
      (t) => t.type === 'ENGAGEMENT_SESSION',
    );
    expect(sessions).toHaveLength(18);
    expect(await s.status(`${caseId}-community-1`)).toBe('RUNNING');
    expect((await s.sent(caseId)).filter((r) => r.kind !== 'PROMPT')).toEqual([]);
  }, 240_000);

  it('scenario 5, late registration three weeks before release: custody starts now, three sessions, release on time', async () => {
    s = await scenarioStack('2026-04-06T10:00:00Z');
    const { caseId, startedNow } = await registerCase(
      s.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      await s.now(),
    );
    expect(startedNow).toBe(true);
    await s.advanceBy(0);
    expect((await s.deps.repository.getTask(`${caseId}-task-pre-release-assessment`))?.dueAt).toBe(
      '2026-04-09T16:00:00.000Z',
    );
    await runWithStaff(s, caseId, '2026-04-28T10:00:00Z', {}, 3);
    const sessions = (await s.deps.repository.listTasksByCase(caseId)).filter(
      (t) => t.type === 'ENGAGEMENT_SESSION',
    );
    expect(sessions).toHaveLength(3);
    expect((await s.deps.repository.getCase(caseId))?.phase).toBe('COMMUNITY');
    expect(await s.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
  }, 240_000);
});
