import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '#engine/index.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration } from './builders.ts';
import { type JourneyHarness, journeyHarness } from './harness.ts';
import { runWithStaff } from './staff-office.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

describe('duplicates (scenario 10)', () => {
  it('the same registration twice is one journey; the release trigger twice is one release; a second completion changes nothing', async () => {
    h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
    const first = await registerCase(h.deps, aRegistration(), h.now());
    const second = await registerCase(h.deps, aRegistration(), h.now());
    expect(second).toMatchObject({ created: false, caseId: first.caseId });
    await expect(registerCase(h.deps, aRegistration({ nomsId: 'B9999ZZ' }), h.now())).rejects.toMatchObject({
      name: 'Conflict',
      existingId: first.caseId,
    });
    const { caseId } = first;
    await runWithStaff(h, caseId, '2026-02-02T12:00:00Z', { acts: () => false });
    const assessment = `${caseId}-task-pre-release-assessment`;
    const done = await completeTask(
      h.deps,
      {
        taskId: assessment,
        actorId: 'com-1',
        completion: { answers: { pathways: { HEALTH: { status: 'SUPPORT_NOT_REQUIRED' } } } },
      },
      h.now(),
    );
    expect(done.delivered).toBe(true);
    await expect(
      completeTask(
        h.deps,
        { taskId: assessment, actorId: 'com-1', completion: { outcome: 'NOT_REQUIRED' } },
        h.now(),
      ),
    ).rejects.toMatchObject({ name: 'TaskAlreadyCompleted' });
    expect((await h.repository.getTask(assessment))?.outcome).toBe('DONE');
    await runWithStaff(h, caseId, '2026-04-27T10:00:00Z');
    // the schedule fired at 08:00; fire it again
    const again = await h.invoke('releaseTrigger', {
      action: 'RELEASE',
      caseId,
      scheduledTime: '2026-04-27T07:00:00.000Z',
    });
    expect(again).toEqual({ released: false, reason: 'ALREADY_RELEASED' });
    await h.clock.settle();
    const custody = await h.repository.listExecutionsByCase(caseId);
    expect(custody.filter((e) => e.phase === 'CUSTODY' && e.n === 1)).toHaveLength(1);
    expect(await h.status(`${caseId}-community-1`)).toBe('RUNNING');
    expect(await h.status(`${caseId}-community-2`)).toBeUndefined();
    const sent = await h.sent(caseId);
    expect(new Set(sent.map((s) => s.key)).size).toBe(sent.length);
    expect(sent.filter((s) => s.taskId === assessment)).toHaveLength(1);
  });
});

describe('faults (scenario 11)', () => {
  it('a third of Lambda calls fail transiently: the workflows retry, the journey completes, no notice is sent twice', async () => {
    h = await journeyHarness({
      startTime: '2026-01-05T10:00:00Z',
      faults: { rate: 1 / 3, random: seededRandom(11) },
    });
    const { caseId } = await registerCase(
      h.deps,
      aRegistration({ sentenceType: 'COMMUNITY_ORDER' }),
      h.now(),
    );
    await runWithStaff(h, caseId, '2026-10-28T12:00:00Z', {
      appointmentOutcome: (n) => (n === 2 ? 'UNACCEPTABLE_ABSENCE' : 'ATTENDED_COMPLIED'),
    });
    const failed = h.calls.filter((c) => c.failed).length;
    expect(failed / h.calls.length).toBeGreaterThan(0.25);
    expect((await h.repository.getCase(caseId))?.outcome).toBe('COMPLETED');
    expect(await h.status(`${caseId}-community-1`)).toBe('SUCCEEDED');
    const retried = (await h.history(`${caseId}-community-1`)).filter(
      (e) => e.type === 'TaskFailed' && e.taskFailedEventDetails?.error?.startsWith('Lambda.'),
    );
    // about a third of the community's twenty or so Lambda calls (its reminders, plan, one decision, close)
    expect(retried.length).toBeGreaterThan(5);
    const keys = h.notifier.sent.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const sent = await h.sent(caseId);
    expect(sent.filter((s) => s.kind === 'WARNING')).toHaveLength(1);
    expect(sent.filter((s) => !['PROMPT', 'WARNING'].includes(s.kind))).toEqual([]);
    for (const task of await h.repository.listTasksByCase(caseId))
      expect(
        sent.filter((s) => s.taskId === task.taskId && s.channel === 'EMAIL'),
        task.taskId,
      ).toHaveLength(1);
  });
});
