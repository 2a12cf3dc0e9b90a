import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '#engine/index.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { aRegistration, tally } from '#tests/workflows/journey/builders.ts';
import { injectFaults, runWithStaff, type ScenarioStack, scenarioStack } from './stack-support.ts';

let s: ScenarioStack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const START = '2026-01-05T10:00:00Z';
const END = '2026-10-28T12:00:00Z';

describe('journeys on the local stack', () => {
  it('scenario 1, full journey: COMPLETED at R+6 months, one prompt per task, no reminder, escalation or breach notice', async () => {
    s = await scenarioStack(START);
    const { caseId } = await registerCase(
      s.deps,
      aRegistration({ releaseDate: '2026-04-27' }),
      await s.now(),
    );
    await runWithStaff(s, caseId, END, {}, 3);
    const kase = await s.deps.repository.getCase(caseId);
    expect(kase).toMatchObject({
      phase: 'CLOSED',
      outcome: 'COMPLETED',
      closedAt: '2026-10-27T09:00:00.000Z',
    });
    const tasks = await s.deps.repository.listTasksByCase(caseId);
    expect(tasks.filter((t) => t.type === 'ENGAGEMENT_SESSION')).toHaveLength(12);
    expect(tasks.every((t) => t.status === 'DONE')).toBe(true);
    const sent = await s.sent(caseId);
    expect(tally(sent)).toEqual({
      'PROMPT EMAIL POM': 12,
      'PROMPT EMAIL COM': 21,
      'PROMPT EMAIL PARTNER': 2,
      'PROMPT SMS COM': 2,
    });
    for (const task of tasks)
      expect(
        sent.filter((r) => r.taskId === task.taskId && r.channel === 'EMAIL'),
        task.taskId,
      ).toHaveLength(1);
    expect(s.stack.outbox.list()).toHaveLength(sent.length);
    const first = (await s.deps.repository.listAppointmentsByCase(caseId))[0];
    expect(first).toMatchObject({ at: '2026-04-27T13:00:00.000Z', outcome: 'ATTENDED_COMPLIED' });
    expect(await s.status(`${caseId}-custody-1`)).toBe('SUCCEEDED');
    expect(await s.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    const community = (await s.history(`${caseId}-community-1`)).map(
      (e) => e.stateEnteredEventDetails?.name ?? e.type,
    );
    expect(community).toContain('CloseJourneyAsCompleted');
    expect(community.at(-1)).toBe('ExecutionSucceeded');
  }, 300_000);

  it('scenario 6, licence: a warning, then a recall review to the officer and manager; STANDARD_RECALL closes RECALLED', async () => {
    s = await scenarioStack(START);
    const { caseId } = await registerCase(s.deps, aRegistration({ sentenceType: 'LICENCE' }), await s.now());
    await runWithStaff(s, caseId, '2026-06-30T12:00:00Z', {
      appointmentOutcome: (n) =>
        n === 2 ? 'UNACCEPTABLE_ABSENCE' : n === 3 ? 'ATTENDED_FAILED_TO_COMPLY' : 'ATTENDED_COMPLIED',
      breachOutcome: 'STANDARD_RECALL',
    });
    const sent = await s.sent(caseId);
    expect(tally(sent.filter((r) => r.kind === 'WARNING' || r.kind === 'RECALL_REVIEW'))).toEqual({
      'WARNING EMAIL COM': 1,
      'RECALL_REVIEW EMAIL COM': 1,
      'RECALL_REVIEW SMS COM': 1,
      'RECALL_REVIEW EMAIL SPO': 1,
      'RECALL_REVIEW SMS SPO': 1,
    });
    const kase = await s.deps.repository.getCase(caseId);
    expect(kase).toMatchObject({ phase: 'CLOSED', outcome: 'RECALLED' });
    expect(sent.filter((r) => r.sentAt! > kase!.closedAt!)).toEqual([]);
    expect(await s.deps.repository.listOpenTasksByCase(caseId)).toEqual([]);
    expect(await s.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
  }, 300_000);

  it('scenario 8, recall in the community: RECALLED, open tasks cancelled, executions stopped, nothing sent after', async () => {
    s = await scenarioStack(START);
    const { caseId } = await registerCase(s.deps, aRegistration(), await s.now());
    const handoversOpen = {
      acts: (t: { type: string }) => t.type !== 'RELEASE_DAY_CHECKS' && !t.type.startsWith('HANDOVER'),
    };
    await runWithStaff(s, caseId, '2026-05-15T10:00:00Z', handoversOpen, 6);
    expect((await s.deps.repository.listOpenTasksByCase(caseId)).length).toBeGreaterThan(0);
    const at = await s.now();
    await reportExternalEvent(s.deps, { caseId, type: 'RECALLED', occurredAt: at }, at);
    await runWithStaff(s, caseId, '2026-07-15T10:00:00Z', handoversOpen, 6);
    expect(await s.deps.repository.getCase(caseId)).toMatchObject({ phase: 'CLOSED', outcome: 'RECALLED' });
    expect(await s.deps.repository.listOpenTasksByCase(caseId)).toEqual([]);
    expect(await s.status(`${caseId}-community-1`)).toBe('ABORTED');
    // its phases (recorded) and its tasks' ladders (named by the tasks)
    const names = [
      ...(await s.deps.repository.listExecutionsByCase(caseId)).map((e) => e.name),
      ...(await s.deps.repository.listTasksByCase(caseId)).map((t) => t.taskId),
    ];
    expect(names.some((name) => name.includes('-task-'))).toBe(true);
    for (const name of names) expect(await s.status(name), name).not.toBe('RUNNING');
    expect((await s.sent(caseId)).filter((r) => r.sentAt! > at)).toEqual([]);
  }, 300_000);

  it('scenario 9, deceased in custody and withdrawn before it: each closes with its outcome and nothing fires later', async () => {
    s = await scenarioStack(START);
    const deceased = await registerCase(s.deps, aRegistration(), await s.now());
    const withdrawn = await registerCase(
      s.deps,
      aRegistration({ crn: 'Y654321', nomsId: 'B2345CD' }),
      await s.now(),
    );
    await reportExternalEvent(
      s.deps,
      { caseId: withdrawn.caseId, type: 'WITHDRAWN', occurredAt: START },
      await s.now(),
    );
    await runWithStaff(s, deceased.caseId, '2026-03-02T10:00:00Z', {}, 6);
    const at = await s.now();
    await reportExternalEvent(s.deps, { caseId: deceased.caseId, type: 'DECEASED', occurredAt: at }, at);
    await s.advanceTo('2026-06-01T00:00:00Z');
    expect((await s.deps.repository.getCase(deceased.caseId))?.outcome).toBe('DECEASED');
    expect((await s.deps.repository.getCase(withdrawn.caseId))?.outcome).toBe('WITHDRAWN');
    expect(await s.status(`${deceased.caseId}-custody-1`)).toBe('ABORTED');
    expect(await s.status(`${deceased.caseId}-community-1`)).toBeUndefined();
    expect(await s.status(`${withdrawn.caseId}-custody-1`)).toBeUndefined();
    expect((await s.sent(deceased.caseId)).filter((r) => r.sentAt! > at)).toEqual([]);
    expect(await s.sent(withdrawn.caseId)).toEqual([]);
  }, 300_000);

  it('scenario 10, duplicates: one journey, one release, one completion, no second notice', async () => {
    s = await scenarioStack(START);
    const first = await registerCase(s.deps, aRegistration(), await s.now());
    const again = await registerCase(s.deps, aRegistration(), await s.now());
    expect(again).toMatchObject({ created: false, caseId: first.caseId });
    const { caseId } = first;
    await s.advanceTo('2026-02-02T12:00:00Z');
    const assessment = `${caseId}-task-pre-release-assessment`;
    const completion = { answers: { pathways: { HEALTH: { status: 'SUPPORT_NOT_REQUIRED' as const } } } };
    await completeTask(s.deps, { taskId: assessment, actorId: 'com-1', completion }, await s.now());
    await expect(
      completeTask(s.deps, { taskId: assessment, actorId: 'com-1', completion }, await s.now()),
    ).rejects.toMatchObject({
      name: 'TaskAlreadyCompleted',
    });
    await runWithStaff(s, caseId, '2026-04-27T10:00:00Z', {}, 6);
    const fired = await s.stack.runner.invoke('resettle-local-releaseTrigger', {
      action: 'RELEASE',
      caseId,
      scheduledTime: '2026-04-27T07:00:00Z',
    });
    expect(fired).toEqual({ ok: true, payload: { released: false, reason: 'ALREADY_RELEASED' } });
    await s.advanceBy(3600);
    expect(await s.status(`${caseId}-community-1`)).toBe('RUNNING');
    const sent = await s.sent(caseId);
    expect(new Set(sent.map((r) => r.key)).size).toBe(sent.length);
    expect(sent.filter((r) => r.taskId === assessment)).toHaveLength(1);
  }, 300_000);

  it('scenario 11, a third of Lambda calls fail transiently: the journey completes and no notice is sent twice', async () => {
    s = await scenarioStack(START);
    const counts = injectFaults(s, 1 / 3, seededRandom(11));
    const { caseId } = await registerCase(
      s.deps,
      aRegistration({ sentenceType: 'COMMUNITY_ORDER' }),
      await s.now(),
    );
    await runWithStaff(
      s,
      caseId,
      END,
      { appointmentOutcome: (n) => (n === 2 ? 'UNACCEPTABLE_ABSENCE' : 'ATTENDED_COMPLIED') },
      3,
    );
    expect(counts.failed / counts.calls).toBeGreaterThan(0.25);
    expect((await s.deps.repository.getCase(caseId))?.outcome).toBe('COMPLETED');
    expect(await s.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    const sent = await s.sent(caseId);
    expect(s.stack.outbox.list()).toHaveLength(sent.length);
    expect(sent.filter((r) => r.kind === 'WARNING')).toHaveLength(1);
    expect(sent.filter((r) => !['PROMPT', 'WARNING'].includes(r.kind))).toEqual([]);
    const retried = (await s.history(`${caseId}-community-1`)).filter((e) => e.type === 'TaskFailed');
    // about a third of the community's twenty or so Lambda calls (its reminders, plan, one decision, close)
    expect(retried.length).toBeGreaterThan(5);
  }, 300_000);
});
