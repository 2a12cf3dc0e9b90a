import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { taskSpec } from '#functions/services/names.ts';
import {
  awaitStaffTask,
  notifyLadderStep,
  notifyLadderStepAndWait,
  openStaffTask,
  openStaffTaskAndWait,
} from '#functions/services/staff-task.ts';
import {
  aCaseIn,
  anOpenTask,
  assessmentLadder as exec,
  memoryDeps,
  assessmentSpec as spec,
  type TestDeps,
} from './support.ts';

describe('the staff-task ladder steps', () => {
  it('opens a task once, prompts the assignee once, and plans the waits from the ladder', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const first = await openStaffTask(deps, { task: spec, ...exec }, '2026-02-02T09:00:00.000Z');
    const again = await openStaffTask(deps, { task: spec, ...exec }, '2026-02-02T09:00:05.000Z');
    expect(first).toEqual({
      status: 'OPEN',
      taskId: spec.taskId,
      dueAt: spec.dueAt,
      // reminder 2 working days before due (12 Feb 17:00), escalation at due, second escalation 3 working days later
      waits: {
        untilReminder: 10 * 86_400 + 8 * 3600,
        untilEscalation: 4 * 86_400,
        untilSecondEscalation: 3 * 86_400,
      },
    });
    expect(again.status).toBe('OPEN');
    expect(deps.notifier.sent.map((m) => `${m.channel} ${m.to}`)).toEqual(['EMAIL com-1@probation.example']);
    const prompt = deps.notifier.sent[0]!;
    expect(prompt.body).toContain('X123456');
    expect(prompt.body).toContain('Monday 16 February 2026 at 17:00');
    expect(prompt.body).toContain('https://portal.test/tasks/case1-task-pre-release-assessment');
    expect(prompt.body).not.toContain('Staff com-1');
    // the task names its ladder; no execution record is written for it
    expect((await deps.repository.getTask(spec.taskId))?.executionName).toBe(exec.executionName);
    expect(await deps.repository.listExecutionsByCase('case1')).toEqual([]);
  });

  it('a task created late has no reminder: its first wait runs to the escalation', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const opened = await openStaffTask(deps, { task: spec, ...exec }, '2026-02-13T09:00:00.000Z');
    expect(opened).toMatchObject({ waits: { untilReminder: null, untilEscalation: 3 * 86_400 + 8 * 3600 } });
  });

  it('refuses to open a task on a closed journey (JourneyClosed) and writes nothing', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CLOSED');
    await expect(
      openStaffTask(deps, { task: spec, ...exec }, '2026-02-02T09:00:00.000Z'),
    ).rejects.toMatchObject({
      name: 'JourneyClosed',
    });
    expect(await deps.repository.getTask(spec.taskId)).toBeUndefined();
    expect(deps.notifier.sent).toEqual([]);
  });

  it('a wait that names its case reads only the case; a closed journey still ends the ladder', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    deps.repository.resetStats();
    const wait = { taskId: spec.taskId, caseId: 'case1', step: 0, executionName: exec.executionName };
    await awaitStaffTask(deps, { ...wait, taskToken: 'token-1' }, '2026-02-02T09:00:00.000Z');
    // the case, then the conditional update of the task: no read of the task first
    expect(deps.repository.stats().reads).toBe(1);
    expect((await deps.repository.getTask(spec.taskId))?.taskToken).toBe('token-1');
    await deps.repository.closeCase('case1', { outcome: 'WITHDRAWN', now: '2026-02-03T09:00:00.000Z' });
    await expect(
      awaitStaffTask(deps, { ...wait, taskToken: 'token-2' }, '2026-02-03T10:00:00.000Z'),
    ).rejects.toMatchObject({ name: 'JourneyClosed' });
    expect((await deps.repository.getTask(spec.taskId))?.taskToken).toBe('token-1');
  });

  it('a wait planned for a due date that has since moved fails itself with TaskRescheduled', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    const wait = { taskId: spec.taskId, caseId: 'case1', step: 1, executionName: exec.executionName };
    deps.workflows.liveTokens.add('token-1').add('token-2');
    const planned = { ...wait, plannedDueAt: '2026-02-16T17:00:00.000Z' };
    expect(
      await awaitStaffTask(deps, { ...planned, taskToken: 'token-1' }, '2026-02-12T17:00:00.000Z'),
    ).toEqual({
      waiting: true,
    });
    await deps.repository.rescheduleTask(spec.taskId, '2026-03-02T17:00:00.000Z');
    expect(
      await awaitStaffTask(deps, { ...planned, taskToken: 'token-2' }, '2026-02-12T17:00:01.000Z'),
    ).toEqual({
      waiting: false,
    });
    // the cause is what the ladder takes into its spec: the due time as it stands and the ladder's new instants
    expect(deps.workflows.tokens).toEqual([
      { taskToken: 'token-2', ok: false, error: 'TaskRescheduled', cause: expect.any(String) },
    ]);
    expect(JSON.parse(deps.workflows.tokens[0]!.cause!)).toEqual({
      dueAt: '2026-03-02T17:00:00.000Z',
      ladder: {
        reminderAt: '2026-02-26T17:00:00.000Z',
        escalationAt: '2026-03-02T17:00:00.000Z',
        secondEscalationAt: '2026-03-05T17:00:00.000Z',
      },
    });
  });

  it('a wait for a task that does not exist is NotFound', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await expect(
      awaitStaffTask(
        deps,
        { taskId: 'case1-task-none', caseId: 'case1', taskToken: 't', step: 0, executionName: 'x' },
        '2026-02-02T09:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('keeps the wait token on the task; a task completed meanwhile answers the new token at once', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await awaitStaffTask(
      deps,
      { taskId: spec.taskId, taskToken: 'token-1', step: 0, executionName: exec.executionName },
      '2026-02-02T09:00:00.000Z',
    );
    expect((await deps.repository.getTask(spec.taskId))?.taskToken).toBe('token-1');
    await deps.repository.completeTask(spec.taskId, {
      completedAt: '2026-02-03T09:00:00.000Z',
      completedBy: 'com-1',
      outcome: 'DONE',
    });
    deps.workflows.liveTokens.add('token-2');
    const result = await awaitStaffTask(
      deps,
      { taskId: spec.taskId, taskToken: 'token-2', step: 1, executionName: exec.executionName },
      '2026-02-12T17:00:00.000Z',
    );
    expect(result).toEqual({ waiting: false });
    expect(deps.workflows.tokens).toEqual([
      {
        taskToken: 'token-2',
        ok: true,
        output: expect.objectContaining({ status: 'DONE', outcome: 'DONE' }),
      },
    ]);
  });

  it('a cancelled task ends the ladder (TaskCancelled) and sends nothing', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await deps.repository.cancelOpenTasks('case1', '2026-02-03T09:00:00.000Z');
    await expect(
      awaitStaffTask(
        deps,
        { taskId: spec.taskId, taskToken: 't', step: 0, executionName: exec.executionName },
        '2026-02-03T10:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'TaskCancelled' });
    expect(
      await notifyLadderStep(deps, { taskId: spec.taskId, kind: 'ESCALATION' }, '2026-02-16T17:00:00.000Z'),
    ).toEqual({
      status: 'CANCELLED',
      sent: 0,
    });
    expect(deps.notifier.sent).toEqual([]);
  });

  it('escalates to the line manager by email and SMS, once however often the step runs', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    const at = '2026-02-16T17:00:00.000Z';
    expect(await notifyLadderStep(deps, { taskId: spec.taskId, kind: 'ESCALATION' }, at)).toEqual({
      status: 'OPEN',
      sent: 2,
    });
    expect(await notifyLadderStep(deps, { taskId: spec.taskId, kind: 'ESCALATION' }, at)).toEqual({
      status: 'OPEN',
      sent: 0,
    });
    expect(deps.notifier.sent.map((m) => `${m.channel} ${m.to}`)).toEqual([
      'EMAIL spo-1@probation.example',
      'SMS +447700900005',
    ]);
    const sms = deps.notifier.sent[1]!;
    expect(sms.body).toContain('case X123456 (assigned to com-1)');
    expect(sms.body).not.toMatch(/Staff /);
    const second = await notifyLadderStep(
      deps,
      { taskId: spec.taskId, kind: 'SECOND_ESCALATION' },
      '2026-02-19T17:00:00.000Z',
    );
    expect(second.sent).toBe(2);
    expect(deps.notifier.sent.slice(2).map((m) => m.to)).toEqual([
      'head-1@probation.example',
      '+447700900006',
    ]);
  });

  it('a transient send failure is retried by a second run and still sends once', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    deps.notifier.failNext(1, 'ThrottlingException');
    await expect(
      notifyLadderStep(deps, { taskId: spec.taskId, kind: 'REMINDER' }, '2026-02-12T17:00:00.000Z'),
    ).rejects.toMatchObject({ name: 'TransientError' });
    expect(
      await notifyLadderStep(deps, { taskId: spec.taskId, kind: 'REMINDER' }, '2026-02-12T17:00:01.000Z'),
    ).toEqual({
      status: 'OPEN',
      sent: 1,
    });
    expect(deps.notifier.sent).toHaveLength(1);
    const [record] = await deps.repository.listOutboxByCase('case1');
    expect(record).toMatchObject({ status: 'SENT', attempts: 2, kind: 'REMINDER', recipientRole: 'COM' });
  });
});

describe('the staff-task ladder steps that send and wait in one', () => {
  const openedAt = '2026-02-02T09:00:00.000Z';
  const failures = (deps: TestDeps) =>
    deps.workflows.tokens.map((t) => ({ ...t, cause: t.cause && JSON.parse(t.cause) }));

  it('the first step opens the task, prompts once and keeps the token of its wait; a repeat prompts no more', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const first = { task: spec, ...exec, taskToken: 'token-1' };
    expect(spec.ladder).toEqual({
      reminderAt: '2026-02-12T17:00:00.000Z',
      escalationAt: '2026-02-16T17:00:00.000Z',
      secondEscalationAt: '2026-02-19T17:00:00.000Z',
    });
    expect(await openStaffTaskAndWait(deps, first, openedAt)).toEqual({ waiting: true });
    expect(await deps.repository.getTask(spec.taskId)).toMatchObject({ taskToken: 'token-1', ladderStep: 0 });
    expect(await openStaffTaskAndWait(deps, { ...first, taskToken: 'token-2' }, openedAt)).toEqual({
      waiting: true,
    });
    expect((await deps.repository.getTask(spec.taskId))?.taskToken).toBe('token-2');
    expect(deps.notifier.sent.map((m) => `${m.channel} ${m.to}`)).toEqual(['EMAIL com-1@probation.example']);
    expect(deps.workflows.tokens).toEqual([]);
  });

  it('a spec planned without a ladder (an older planner) is answered with its instants: TaskRescheduled', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const { ladder, ...older } = spec;
    deps.workflows.liveTokens.add('token-1');
    expect(
      await openStaffTaskAndWait(deps, { task: older, ...exec, taskToken: 'token-1' }, openedAt),
    ).toEqual({ waiting: false });
    expect(failures(deps)).toEqual([
      { taskToken: 'token-1', ok: false, error: 'TaskRescheduled', cause: { dueAt: spec.dueAt, ladder } },
    ]);
  });

  it('a task planned for a release date that has moved since is created due as the plan now says', async () => {
    const deps = await memoryDeps();
    // planned for release on 27 April (licence conditions due a week before); the release was deferred to 8 June
    // before the ladder opened the task, so the change found no task to move
    await aCaseIn(deps, 'CUSTODY', { releaseDate: '2026-06-08' });
    const planned = taskSpec(
      'case1',
      {
        key: 'LICENCE_CONDITIONS_EXPLAINED',
        type: 'LICENCE_CONDITIONS_EXPLAINED',
        dueAt: '2026-04-20T16:00:00.000Z',
      },
      DEFAULT_CONFIG,
      { releaseDate: '2026-04-27' },
    );
    deps.workflows.liveTokens.add('token-1');
    const open = { task: planned, ...exec, taskToken: 'token-1' };
    expect(await openStaffTaskAndWait(deps, open, openedAt)).toEqual({ waiting: false });
    expect((await deps.repository.getTask(planned.taskId))?.dueAt).toBe('2026-06-01T16:00:00.000Z');
    expect(deps.notifier.sent[0]?.body).toContain('Monday 1 June 2026');
    // the ladder takes the new instants and waits for them
    expect(failures(deps)).toEqual([
      {
        taskToken: 'token-1',
        ok: false,
        error: 'TaskRescheduled',
        cause: {
          dueAt: '2026-06-01T16:00:00.000Z',
          ladder: {
            reminderAt: '2026-05-28T16:00:00.000Z',
            escalationAt: '2026-06-01T16:00:00.000Z',
            secondEscalationAt: '2026-06-04T16:00:00.000Z',
          },
        },
      },
    ]);
    // planned for the date it has: due as planned
    const current = { ...planned, taskId: 'case1-task-other', releaseDate: '2026-06-08' };
    await openStaffTaskAndWait(deps, { ...open, task: current, taskToken: 'token-2' }, openedAt);
    expect((await deps.repository.getTask('case1-task-other'))?.dueAt).toBe('2026-04-20T16:00:00.000Z');
  });

  it('a task done before its ladder opened it answers the first wait at once, and prompts no one', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await deps.repository.completeTask(spec.taskId, {
      completedAt: openedAt,
      completedBy: 'com-1',
      outcome: 'DONE',
    });
    deps.workflows.liveTokens.add('token-1');
    expect(await openStaffTaskAndWait(deps, { task: spec, ...exec, taskToken: 'token-1' }, openedAt)).toEqual(
      {
        waiting: false,
      },
    );
    expect(deps.workflows.tokens).toEqual([
      {
        taskToken: 'token-1',
        ok: true,
        output: expect.objectContaining({ status: 'DONE', outcome: 'DONE' }),
      },
    ]);
    expect(deps.notifier.sent).toEqual([]);
  });

  it('a ladder step sends its notice once and keeps the token of the wait after it', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    const wait = { taskToken: 'token-1', plannedDueAt: spec.dueAt, executionName: exec.executionName };
    const at = '2026-02-16T17:00:00.000Z';
    const step = { taskId: spec.taskId, kind: 'ESCALATION' as const, wait };
    expect(await notifyLadderStepAndWait(deps, step, at)).toEqual({ waiting: true });
    expect(await deps.repository.getTask(spec.taskId)).toMatchObject({ taskToken: 'token-1', ladderStep: 2 });
    const retried = { ...step, wait: { ...wait, taskToken: 'token-2' } };
    expect(await notifyLadderStepAndWait(deps, retried, at)).toEqual({ waiting: true });
    expect((await deps.repository.getTask(spec.taskId))?.taskToken).toBe('token-2');
    expect(deps.notifier.sent.map((m) => `${m.channel} ${m.to}`)).toEqual([
      'EMAIL spo-1@probation.example',
      'SMS +447700900005',
    ]);
  });

  it('a ladder step for a task whose due date moved sends nothing and fails its wait with the new instants', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await deps.repository.rescheduleTask(spec.taskId, '2026-03-02T17:00:00.000Z');
    deps.workflows.liveTokens.add('token-1');
    const wait = { taskToken: 'token-1', plannedDueAt: spec.dueAt, executionName: exec.executionName };
    expect(
      await notifyLadderStepAndWait(
        deps,
        { taskId: spec.taskId, kind: 'REMINDER', wait },
        '2026-02-12T17:00:00.000Z',
      ),
    ).toEqual({ waiting: false });
    expect(deps.notifier.sent).toEqual([]);
    expect(failures(deps)).toEqual([
      {
        taskToken: 'token-1',
        ok: false,
        error: 'TaskRescheduled',
        cause: {
          dueAt: '2026-03-02T17:00:00.000Z',
          ladder: {
            reminderAt: '2026-02-26T17:00:00.000Z',
            escalationAt: '2026-03-02T17:00:00.000Z',
            secondEscalationAt: '2026-03-05T17:00:00.000Z',
          },
        },
      },
    ]);
  });

  it('a ladder step for a done task answers its wait; for a cancelled one it ends the ladder; neither sends', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await anOpenTask(deps, { taskId: 'case1-task-other' });
    await deps.repository.completeTask(spec.taskId, {
      completedAt: openedAt,
      completedBy: 'com-1',
      outcome: 'DONE',
    });
    deps.workflows.liveTokens.add('token-1');
    const wait = { taskToken: 'token-1', plannedDueAt: spec.dueAt, executionName: exec.executionName };
    const at = '2026-02-12T17:00:00.000Z';
    expect(await notifyLadderStepAndWait(deps, { taskId: spec.taskId, kind: 'REMINDER', wait }, at)).toEqual({
      waiting: false,
    });
    expect(deps.workflows.tokens).toEqual([
      { taskToken: 'token-1', ok: true, output: expect.objectContaining({ status: 'DONE' }) },
    ]);
    await deps.repository.cancelOpenTasks('case1', at);
    await expect(
      notifyLadderStepAndWait(deps, { taskId: 'case1-task-other', kind: 'REMINDER', wait }, at),
    ).rejects.toMatchObject({ name: 'TaskCancelled' });
    expect(deps.notifier.sent).toEqual([]);
  });
});
