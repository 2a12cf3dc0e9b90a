import { describe, expect, it } from 'vitest';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { recordBreachOutcome } from '#functions/services/breach-outcome.ts';
import { changeReleaseDate } from '#functions/services/change-release-date.ts';
import { decideEnforcement } from '#functions/services/community.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { awaitRelease, triggerRelease } from '#functions/services/release.ts';
import { reportExternalEvent } from '#functions/services/report-external-event.ts';
import { aRegistration } from '#tests/workflows/journey/builders.ts';
import { aCaseIn, anOpenTask, memoryDeps } from './support.ts';

const NOW = '2026-01-05T10:00:00.000Z';

describe('registerCase', () => {
  it('stores the case and schedules the journey start at R-12 weeks and the release at R (London time)', async () => {
    const deps = await memoryDeps();
    const result = await registerCase(deps, aRegistration({ releaseDate: '2026-04-27' }), NOW);
    expect(result).toMatchObject({
      created: true,
      caseId: 'id1',
      startedNow: false,
      custodyStartAt: '2026-02-02T09:00:00.000Z',
    });
    expect([...deps.scheduler.schedules.values()].map((s) => [s.name, s.at, s.input.action])).toEqual([
      ['release-id1', '2026-04-27T07:00:00.000Z', 'RELEASE'],
      ['journey-start-id1', '2026-02-02T09:00:00.000Z', 'START_JOURNEY'],
    ]);
    expect(deps.workflows.started).toEqual([]);
    expect((await deps.repository.getCase('id1'))?.phase).toBe('REGISTERED');
  });

  it('starts custody now when registered within 12 weeks of release, under the deterministic name', async () => {
    const deps = await memoryDeps();
    const result = await registerCase(deps, aRegistration({ releaseDate: '2026-01-26' }), NOW);
    expect(result.startedNow).toBe(true);
    expect(deps.workflows.started.map((s) => [s.name, s.input])).toEqual([
      ['id1-custody-1', { caseId: 'id1', n: 1 }],
    ]);
    expect((await deps.repository.getCase('id1'))?.phase).toBe('CUSTODY');
  });

  it('a release date in the past is refused with the field and nothing is stored or scheduled', async () => {
    const deps = await memoryDeps();
    await expect(registerCase(deps, aRegistration({ releaseDate: '2026-01-01' }), NOW)).rejects.toMatchObject(
      {
        name: 'InvalidInput',
        errors: [{ field: 'releaseDate', message: 'must be after today (Europe/London)' }],
      },
    );
    expect(await deps.repository.getCaseByCrn('X123456')).toBeUndefined();
    expect(deps.scheduler.schedules.size).toBe(0);
  });
});

describe('release', () => {
  it('the trigger moves the case to COMMUNITY and answers the stored token; a second firing does nothing', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await awaitRelease(
      deps,
      { caseId: 'case1', taskToken: 'release-token', executionName: 'case1-custody-1' },
      NOW,
    );
    deps.workflows.liveTokens.add('release-token');
    const at = '2026-04-27T07:00:00.000Z';
    expect(await triggerRelease(deps, { caseId: 'case1' }, at)).toEqual({
      released: true,
      releasedOn: '2026-04-27',
    });
    expect(await triggerRelease(deps, { caseId: 'case1' }, at)).toEqual({
      released: false,
      reason: 'ALREADY_RELEASED',
    });
    expect(deps.workflows.tokens).toHaveLength(1);
    expect((await deps.repository.getCase('case1'))?.phase).toBe('COMMUNITY');
  });

  it('AwaitRelease after the release has fired fails at once with Released', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await triggerRelease(deps, { caseId: 'case1' }, '2026-04-27T07:00:00.000Z');
    await expect(
      awaitRelease(
        deps,
        { caseId: 'case1', taskToken: 't', executionName: 'case1-custody-1' },
        '2026-04-27T07:00:01.000Z',
      ),
    ).rejects.toMatchObject({ name: 'Released' });
  });

  it('a new release date moves the schedule; today releases now; after release the date cannot change', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const moved = await changeReleaseDate(
      deps,
      { caseId: 'case1', releaseDate: '2026-06-08', reason: 'PAROLE' },
      '2026-03-02T10:00:00.000Z',
    );
    expect(moved).toMatchObject({ changed: true, direction: 'DEFERRED', releasedNow: false });
    expect(deps.scheduler.schedules.get('release-case1')?.at).toBe('2026-06-08T07:00:00.000Z');
    const today = await changeReleaseDate(
      deps,
      { caseId: 'case1', releaseDate: '2026-03-03', reason: 'HDC' },
      '2026-03-03T10:00:00.000Z',
    );
    expect(today).toMatchObject({ releasedNow: true, releaseDate: '2026-03-03' });
    expect(deps.scheduler.schedules.has('release-case1')).toBe(false);
    await expect(
      changeReleaseDate(
        deps,
        { caseId: 'case1', releaseDate: '2026-06-08', reason: 'OTHER' },
        '2026-03-04T10:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'EventNotAllowed', field: 'releaseDate' });
  });
});

describe('completeTask', () => {
  it('records assessment answers on the pathways and needs, then answers the ladder', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await deps.repository.setTaskToken('case1-task-pre-release-assessment', {
      taskToken: 'tok',
      ladderStep: 0,
    });
    deps.workflows.liveTokens.add('tok');
    const result = await completeTask(
      deps,
      {
        taskId: 'case1-task-pre-release-assessment',
        actorId: 'com-1',
        completion: {
          answers: { pathways: { ACCOMMODATION: { status: 'SUPPORT_REQUIRED', needs: ['CAS3_REFERRAL'] } } },
        },
      },
      '2026-02-05T10:00:00.000Z',
    );
    expect(result.delivered).toBe(true);
    expect(result.task).not.toHaveProperty('taskToken');
    const kase = await deps.repository.getCase('case1');
    expect(kase?.pathways.ACCOMMODATION).toBe('SUPPORT_REQUIRED');
    expect(kase?.needs).toEqual({ CAS3_REFERRAL: 'NOT_STARTED' });
    expect((await deps.repository.listAuditByCase('case1')).map((a) => `${a.action} ${a.result}`)).toEqual([
      'COMPLETE_TASK ALLOWED',
    ]);
  });

  it('refuses someone outside the management chain (Forbidden), audits the attempt and changes nothing', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await expect(
      completeTask(
        deps,
        { taskId: 'case1-task-pre-release-assessment', actorId: 'pom-1', completion: {} },
        NOW,
      ),
    ).rejects.toMatchObject({ name: 'Forbidden' });
    expect((await deps.repository.getTask('case1-task-pre-release-assessment'))?.status).toBe('OPEN');
    expect((await deps.repository.listAuditByCase('case1')).map((a) => a.result)).toEqual(['REFUSED']);
  });

  it('requires the answers to complete the assessment; an unknown task is NotFound', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await expect(
      completeTask(
        deps,
        { taskId: 'case1-task-pre-release-assessment', actorId: 'spo-1', completion: {} },
        NOW,
      ),
    ).rejects.toMatchObject({ name: 'InvalidInput', errors: [{ field: 'answers' }] });
    await expect(
      completeTask(deps, { taskId: 'nope', actorId: 'com-1', completion: {} }, NOW),
    ).rejects.toMatchObject({
      name: 'NotFound',
    });
  });
});

describe('appointment outcomes and enforcement', () => {
  async function community() {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'COMMUNITY', { sentenceType: 'COMMUNITY_ORDER' });
    for (const [n, at] of [
      [1, '2026-04-27T13:00:00.000Z'],
      [2, '2026-05-05T09:00:00.000Z'],
      [3, '2026-05-11T09:00:00.000Z'],
    ] as const)
      await deps.repository.putAppointment({
        appointmentId: `case1-appt-0${n}`,
        caseId: 'case1',
        at,
        kind: 'SUPERVISION',
      });
    return deps;
  }

  it('an outcome for an appointment of another case, or in the future, is refused', async () => {
    const deps = await community();
    await expect(
      recordAppointmentOutcome(
        deps,
        { appointmentId: 'case1-appt-01', caseId: 'case2', actorId: 'com-1', outcome: 'ATTENDED_COMPLIED' },
        '2026-05-01T10:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'NotFound' });
    await expect(
      recordAppointmentOutcome(
        deps,
        { appointmentId: 'case1-appt-03', actorId: 'com-1', outcome: 'ATTENDED_COMPLIED' },
        '2026-05-01T10:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'Conflict' });
  });

  it('a failure more than 12 months after a warning is a new first warning', async () => {
    const deps = await community();
    const kase = (await deps.repository.getCase('case1'))!;
    await deps.repository.updateCase(
      'case1',
      kase.version,
      { warnings: [{ issuedOn: '2025-04-01', appointmentId: 'old' }] },
      NOW,
    );
    await recordAppointmentOutcome(
      deps,
      { appointmentId: 'case1-appt-02', actorId: 'com-1', outcome: 'UNACCEPTABLE_ABSENCE' },
      '2026-05-06T10:00:00.000Z',
    );
    const decided = await decideEnforcement(
      deps,
      { caseId: 'case1', appointmentId: 'case1-appt-02' },
      '2026-05-06T10:00:00.000Z',
    );
    expect(decided).toEqual({ decision: 'WARNING' });
    const again = await decideEnforcement(
      deps,
      { caseId: 'case1', appointmentId: 'case1-appt-02' },
      '2026-05-06T10:00:05.000Z',
    );
    expect(again).toEqual({ decision: 'WARNING' });
    expect((await deps.repository.getCase('case1'))?.warnings).toHaveLength(2);
    expect(deps.notifier.sent.map((m) => m.to)).toEqual(['com-1@probation.example']);
  });

  it('a recall type for a community order is OutcomeNotAllowed and nothing is recorded', async () => {
    const deps = await community();
    const kase = (await deps.repository.getCase('case1'))!;
    await deps.repository.updateCase(
      'case1',
      kase.version,
      { breaches: [{ raisedOn: '2026-05-11', kind: 'BREACH' }] },
      NOW,
    );
    await expect(
      recordBreachOutcome(
        deps,
        { caseId: 'case1', actorId: 'enf-1', outcome: 'STANDARD_RECALL' },
        '2026-05-20T10:00:00.000Z',
      ),
    ).rejects.toMatchObject({ name: 'OutcomeNotAllowed' });
    expect((await deps.repository.getCase('case1'))?.breaches[0]?.outcome).toBeUndefined();
    const ok = await recordBreachOutcome(
      deps,
      { caseId: 'case1', actorId: 'enf-1', outcome: 'REVOKED' },
      '2026-05-20T10:00:00.000Z',
    );
    expect(ok).toEqual({ outcome: 'REVOKED', effect: 'CLOSE', journeyOutcome: 'BREACH_RESENTENCED' });
  });
});

describe('reportExternalEvent', () => {
  it('closes with the outcome, cancels tasks, deletes schedules and stops the recorded executions', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await anOpenTask(deps);
    await deps.scheduler.upsert({
      name: 'release-case1',
      at: '2026-04-27T07:00:00.000Z',
      targetArn: 'arn:x',
      input: {},
    });
    const started = await deps.workflows.start({
      stateMachineArn: deps.settings.custodyStateMachineArn,
      name: 'case1-custody-1',
      input: {},
    });
    await deps.repository.putExecution({
      caseId: 'case1',
      phase: 'CUSTODY',
      n: 1,
      name: 'case1-custody-1',
      executionArn: started.executionArn,
      startedAt: NOW,
      status: 'RUNNING',
    });
    const result = await reportExternalEvent(
      deps,
      { caseId: 'case1', type: 'DECEASED', occurredAt: NOW },
      NOW,
    );
    expect(result).toMatchObject({
      effect: 'CLOSE',
      outcome: 'DECEASED',
      close: { cancelledTasks: 1, stoppedExecutions: 1 },
    });
    expect(deps.scheduler.schedules.size).toBe(0);
    expect((await deps.repository.listExecutionsByCase('case1'))[0]?.status).toBe('ABORTED');
  });

  it("stops the ladders of the tasks it cancels, which the tasks name, and no other task's", async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const task = await anOpenTask(deps, { executionName: 'case1-task-pre-release-assessment' });
    const ladder = await deps.workflows.start({
      stateMachineArn: deps.settings.staffTaskStateMachineArn,
      name: task.taskId,
      input: {},
    });
    // an older task, waited on by its phase execution: that execution is not a ladder to stop
    await anOpenTask(deps, { taskId: 'case1-task-older', executionName: 'case1-custody-1' });
    const result = await reportExternalEvent(
      deps,
      { caseId: 'case1', type: 'DECEASED', occurredAt: NOW },
      NOW,
    );
    expect(result).toMatchObject({ close: { cancelledTasks: 2, stoppedExecutions: 1 } });
    expect(deps.workflows.stopped).toEqual([{ executionArn: ladder.executionArn, error: 'JourneyClosed' }]);
    expect(await deps.repository.listExecutionsByCase('case1')).toEqual([]);
  });

  it('a recall in custody is EventNotAllowed; an event from the future is InvalidInput', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    await expect(
      reportExternalEvent(deps, { caseId: 'case1', type: 'RECALLED', occurredAt: NOW }, NOW),
    ).rejects.toMatchObject({
      name: 'EventNotAllowed',
    });
    await expect(
      reportExternalEvent(
        deps,
        { caseId: 'case1', type: 'DECEASED', occurredAt: '2026-02-01T00:00:00Z' },
        NOW,
      ),
    ).rejects.toMatchObject({ name: 'InvalidInput', errors: [{ field: 'occurredAt' }] });
    expect((await deps.repository.getCase('case1'))?.phase).toBe('CUSTODY');
  });
});
