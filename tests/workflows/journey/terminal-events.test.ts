import { afterEach, describe, expect, it } from 'vitest';
import { registerCase } from '#functions/services/register-case.ts';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { aRegistration } from './builders.ts';
import { type JourneyHarness, journeyHarness } from './harness.ts';
import { runWithStaff } from './staff-office.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

async function registered() {
  h = await journeyHarness({ startTime: '2026-01-05T10:00:00Z' });
  const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
  return caseId;
}

/** staff never act on these, so a prompt or reminder would still be due after the journey ends */
const leaveHandoversOpen = {
  acts: (t: { type: string }) => !t.type.startsWith('HANDOVER') && t.type !== 'RELEASE_DAY_CHECKS',
};

/** every execution of the case: its phases (recorded) and its tasks' ladders (named by the tasks) */
async function executionStatuses(caseId: string) {
  const records = await h.repository.listExecutionsByCase(caseId);
  const phases = records.map(async (r) => [r.name, r.status, await h.status(r.name)] as const);
  const tasks = await h.repository.listTasksByCase(caseId);
  const ladders = tasks.map(
    async (t) => [t.taskId, t.status, await h.status(t.taskId, 'StaffTask')] as const,
  );
  return Promise.all([...phases, ...ladders]);
}

describe('journeys ended from outside (scenarios 8 and 9)', () => {
  it('recall in the community phase: RECALLED, open tasks cancelled, executions stopped, nothing sent afterwards', async () => {
    const caseId = await registered();
    await runWithStaff(h, caseId, '2026-05-15T10:00:00Z', leaveHandoversOpen);
    expect((await h.repository.listOpenTasksByCase(caseId)).length).toBeGreaterThan(0);
    const result = await reportExternalEvent(
      h.deps,
      { caseId, type: 'RECALLED', occurredAt: '2026-05-15T09:30:00Z' },
      h.now(),
    );
    expect(result).toMatchObject({ effect: 'CLOSE', outcome: 'RECALLED', close: { closed: true } });
    await h.clock.settle();
    const closedAt = h.now();
    await runWithStaff(h, caseId, '2026-08-01T10:00:00Z', leaveHandoversOpen);
    const kase = await h.repository.getCase(caseId);
    expect(kase).toMatchObject({ phase: 'CLOSED', outcome: 'RECALLED' });
    expect(await h.repository.listOpenTasksByCase(caseId)).toEqual([]);
    expect(await h.status(`${caseId}-community-1`)).toBe('ABORTED');
    const statuses = await executionStatuses(caseId);
    expect(statuses.filter(([name]) => name.includes('-task-')).length).toBeGreaterThan(0);
    for (const [name, recorded, actual] of statuses) {
      expect(actual, name).not.toBe('RUNNING');
      expect(recorded, name).not.toBe('RUNNING'); // a phase's record
      expect(recorded, name).not.toBe('OPEN'); // a ladder's task
    }
    expect((await h.sent(caseId)).filter((s) => s.sentAt! > closedAt)).toEqual([]);
  });

  it('deceased in custody: DECEASED, the release never fires, no session is prompted afterwards', async () => {
    const caseId = await registered();
    await runWithStaff(h, caseId, '2026-03-02T10:00:00Z');
    await reportExternalEvent(
      h.deps,
      { caseId, type: 'DECEASED', occurredAt: '2026-03-02T08:00:00Z' },
      h.now(),
    );
    await h.clock.settle();
    const closedAt = h.now();
    await runWithStaff(h, caseId, '2026-05-30T10:00:00Z');
    expect((await h.repository.getCase(caseId))?.outcome).toBe('DECEASED');
    expect(await h.status(`${caseId}-custody-1`)).toBe('ABORTED');
    expect(h.scheduler.fired.filter((f) => f.name.startsWith('release-'))).toEqual([]);
    expect(await h.status(`${caseId}-community-1`)).toBeUndefined();
    expect((await h.sent(caseId)).filter((s) => s.sentAt! > closedAt)).toEqual([]);
  });

  it('withdrawn before custody starts: WITHDRAWN, the journey never starts', async () => {
    const caseId = await registered();
    await reportExternalEvent(
      h.deps,
      { caseId, type: 'WITHDRAWN', occurredAt: '2026-01-06T08:00:00Z', detail: 'DUPLICATE' },
      '2026-01-06T09:00:00Z',
    );
    await h.clock.runUntilIdle(Date.parse('2026-06-01T00:00:00Z'));
    expect((await h.repository.getCase(caseId))?.outcome).toBe('WITHDRAWN');
    expect(h.scheduler.fired).toEqual([]);
    expect(await h.status(`${caseId}-custody-1`)).toBeUndefined();
    expect(await h.sent(caseId)).toEqual([]);
  });

  it('transferred out in the community phase: TRANSFERRED_OUT, a second report is answered JourneyClosed', async () => {
    const caseId = await registered();
    await runWithStaff(h, caseId, '2026-06-01T10:00:00Z', leaveHandoversOpen);
    await reportExternalEvent(
      h.deps,
      { caseId, type: 'TRANSFERRED_OUT', occurredAt: '2026-06-01T09:00:00Z' },
      h.now(),
    );
    await expect(
      reportExternalEvent(
        h.deps,
        { caseId, type: 'TRANSFERRED_OUT', occurredAt: '2026-06-01T09:00:00Z' },
        h.now(),
      ),
    ).rejects.toMatchObject({ name: 'JourneyClosed' });
    await h.clock.settle();
    expect((await h.repository.getCase(caseId))?.outcome).toBe('TRANSFERRED_OUT');
    expect(await h.status(`${caseId}-community-1`)).toBe('ABORTED');
    expect(await h.repository.listOpenTasksByCase(caseId)).toEqual([]);
  });
});
