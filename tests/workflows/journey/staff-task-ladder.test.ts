import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { type TaskSpec, taskSpec } from '#functions/services/names.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { aRegistration } from './builders.ts';
import { type JourneyHarness, journeyHarness, machineArn } from './harness.ts';

let h: JourneyHarness;
afterEach(async () => h?.close());

/** A ladder started on its own (as a parent starts it), for the licence conditions task of a new case. */
async function ladderFor(spec: (caseId: string) => TaskSpec) {
  h = await journeyHarness({ startTime: '2026-01-05T09:00:00Z' });
  // released in April: the journey itself starts on 2 February, after everything these tests look at
  const { caseId } = await registerCase(h.deps, aRegistration({ releaseDate: '2026-04-27' }), h.now());
  const task = spec(caseId);
  await h.engine.startExecution({
    stateMachineArn: machineArn('StaffTask'),
    name: task.taskId,
    input: JSON.stringify({ task }),
  });
  const notices = async () =>
    (await h.sent(caseId))
      .filter((s) => s.taskId === task.taskId)
      .map((s) => `${s.kind} ${s.channel} ${s.recipientStaffId} ${s.sentAt}`);
  const states = async () =>
    (await h.history(task.taskId, 'StaffTask')).flatMap((e) =>
      e.type === 'TaskStateEntered' || e.type === 'ChoiceStateEntered'
        ? [e.stateEnteredEventDetails!.name]
        : [],
    );
  return { caseId, task, notices, states };
}

const licenceTask = (caseId: string, dueAt: string) =>
  taskSpec(
    caseId,
    { key: 'LICENCE_CONDITIONS_EXPLAINED', type: 'LICENCE_CONDITIONS_EXPLAINED', dueAt },
    DEFAULT_CONFIG,
  );

describe('the staff-task ladder on the engine', () => {
  it('each step sends its notice and waits in one Lambda task, at the instants its spec carries', async () => {
    const { task, notices, states } = await ladderFor((caseId) =>
      licenceTask(caseId, '2026-01-20T17:00:00.000Z'),
    );
    await h.clock.advanceTo(Date.parse('2026-01-30T00:00:00Z'));
    expect(await notices()).toEqual([
      'PROMPT EMAIL com-1 2026-01-05T09:00:00.000Z',
      'REMINDER EMAIL com-1 2026-01-16T17:00:00.000Z',
      'ESCALATION EMAIL spo-1 2026-01-20T17:00:00.000Z',
      'ESCALATION SMS spo-1 2026-01-20T17:00:00.000Z',
      'SECOND_ESCALATION EMAIL head-1 2026-01-23T17:00:00.000Z',
      'SECOND_ESCALATION SMS head-1 2026-01-23T17:00:00.000Z',
    ]);
    expect(await states()).toEqual([
      'OpenTaskAndAwaitCompletion',
      'IsReminderDue',
      'RemindAndAwaitCompletion',
      'EscalateAndAwaitCompletion',
      'EscalateAgainAndAwaitCompletion',
    ]);
    // four steps, four Lambda invocations, each holding the token of its wait
    expect(
      h.calls.filter((c) => c.fn.endsWith('openStaffTask') || c.fn.endsWith('notifyLadderStep')),
    ).toHaveLength(4);
    expect(await h.repository.getTask(task.taskId)).toMatchObject({ status: 'OPEN', ladderStep: 3 });
    expect(await h.status(task.taskId, 'StaffTask')).toBe('RUNNING');
    const done = await completeTask(
      h.deps,
      { taskId: task.taskId, actorId: 'com-1', completion: { outcome: 'DONE' } },
      h.now(),
    );
    expect(done.delivered).toBe(true);
    await h.clock.advanceBy(60);
    expect(await h.status(task.taskId, 'StaffTask')).toBe('SUCCEEDED');
  });

  it('a task opened after its reminder time is not reminded: it escalates at the due time', async () => {
    const { notices, states } = await ladderFor((caseId) => licenceTask(caseId, '2026-01-06T17:00:00.000Z'));
    await h.clock.advanceTo(Date.parse('2026-01-12T00:00:00Z'));
    expect(await notices()).toEqual([
      'PROMPT EMAIL com-1 2026-01-05T09:00:00.000Z',
      'ESCALATION EMAIL spo-1 2026-01-06T17:00:00.000Z',
      'ESCALATION SMS spo-1 2026-01-06T17:00:00.000Z',
      'SECOND_ESCALATION EMAIL head-1 2026-01-09T17:00:00.000Z',
      'SECOND_ESCALATION SMS head-1 2026-01-09T17:00:00.000Z',
    ]);
    expect(await states()).toEqual([
      'OpenTaskAndAwaitCompletion',
      'IsReminderDue',
      'EscalateAndAwaitCompletion',
      'EscalateAgainAndAwaitCompletion',
    ]);
  });

  it('a spec from an older planner, without a ladder, takes the instants from its first step and chases on time, prompting once', async () => {
    const { notices, states } = await ladderFor((caseId) => {
      const { ladder: _, ...older } = licenceTask(caseId, '2026-01-20T17:00:00.000Z');
      return older;
    });
    await h.clock.advanceTo(Date.parse('2026-01-21T00:00:00Z'));
    expect(await notices()).toEqual([
      'PROMPT EMAIL com-1 2026-01-05T09:00:00.000Z',
      'REMINDER EMAIL com-1 2026-01-16T17:00:00.000Z',
      'ESCALATION EMAIL spo-1 2026-01-20T17:00:00.000Z',
      'ESCALATION SMS spo-1 2026-01-20T17:00:00.000Z',
    ]);
    expect(await states()).toEqual([
      'OpenTaskAndAwaitCompletion',
      'OpenTaskAndAwaitCompletion',
      'IsReminderDue',
      'RemindAndAwaitCompletion',
      'EscalateAndAwaitCompletion',
    ]);
  });
});
