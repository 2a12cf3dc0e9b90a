/**
 * The behaviour every ResettleRepository adapter must have. memory-repository.test.ts and
 * dynamodb-repository.test.ts run this one suite, so the adapters cannot drift (including counted reads/writes).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ResettleRepository } from '#adapters/repository.ts';
import {
  AppointmentCancelled,
  AppointmentNotFound,
  CaseClosed,
  CaseIdConflict,
  CaseNotFound,
  CrnConflict,
  ExecutionNotFound,
  InvalidRepositoryArgument,
  LinkAlreadyUsed,
  OutboxNotPending,
  OutcomeAlreadyRecorded,
  StaleVersion,
  TaskNotFound,
  TaskNotOpen,
} from '#adapters/repository.ts';
import {
  aNewCase,
  anAppointment,
  anAudit,
  anOutboxRecord,
  aStaff,
  aTask,
} from '#tests/support/repository-builders.ts';

const NOW = '2025-12-01T09:00:00.000Z';
const LATER = '2025-12-01T10:00:00.000Z';

export function repositoryContract(adapter: string, factory: () => Promise<ResettleRepository>): void {
  describe(`${adapter}: ResettleRepository contract`, () => {
    let repo: ResettleRepository;
    beforeEach(async () => {
      repo = await factory();
    });

    describe('cases', () => {
      it('creates a case at version 1 and finds it by id and by CRN', async () => {
        const result = await repo.createCase(aNewCase(), NOW);
        expect(result.created).toBe(true);
        expect(result.record).toMatchObject({ caseId: 'case-1', version: 1, createdAt: NOW, updatedAt: NOW });
        expect(await repo.getCase('case-1')).toEqual(result.record);
        expect((await repo.getCaseByCrn('X123456'))?.caseId).toBe('case-1');
        expect(await repo.getCase('nope')).toBeUndefined();
        expect(await repo.getCaseByCrn('X999999')).toBeUndefined();
      });

      it('answers a duplicate create with the stored case and overwrites nothing', async () => {
        await repo.createCase(aNewCase({ prisonId: 'MDI' }), NOW);
        const again = await repo.createCase(aNewCase({ prisonId: 'LEI' }), LATER);
        expect(again.created).toBe(false);
        expect(again.record).toMatchObject({ prisonId: 'MDI', createdAt: NOW, version: 1 });
        expect((await repo.getCase('case-1'))?.prisonId).toBe('MDI');
      });

      it('refuses a second open journey for the same CRN, naming the open case', async () => {
        await repo.createCase(aNewCase(), NOW);
        const attempt = repo.createCase(aNewCase({ caseId: 'case-2' }), LATER);
        await expect(attempt).rejects.toBeInstanceOf(CrnConflict);
        await expect(attempt).rejects.toMatchObject({ name: 'CrnConflict', existingCaseId: 'case-1' });
        expect(await repo.getCase('case-2')).toBeUndefined();
      });

      it('frees the CRN when the journey closes, so a new journey can start', async () => {
        await repo.createCase(aNewCase(), NOW);
        const closed = await repo.closeCase('case-1', { outcome: 'RECALLED', now: LATER });
        expect(closed).toMatchObject({ phase: 'CLOSED', outcome: 'RECALLED', closedAt: LATER, version: 2 });
        expect(await repo.getCaseByCrn('X123456')).toBeUndefined();
        const second = await repo.createCase(aNewCase({ caseId: 'case-2' }), '2026-01-05T09:00:00.000Z');
        expect(second.created).toBe(true);
        expect((await repo.getCaseByCrn('X123456'))?.caseId).toBe('case-2');
        expect((await repo.listCasesByCrn('X123456')).map((c) => c.caseId)).toEqual(['case-1', 'case-2']);
      });

      it('treats a repeated close with the same outcome as done, and refuses a different outcome', async () => {
        await repo.createCase(aNewCase(), NOW);
        await repo.closeCase('case-1', { outcome: 'DECEASED', now: LATER });
        const again = await repo.closeCase('case-1', {
          outcome: 'DECEASED',
          now: '2025-12-02T00:00:00.000Z',
        });
        expect(again).toMatchObject({ version: 2, closedAt: LATER });
        await expect(repo.closeCase('case-1', { outcome: 'WITHDRAWN', now: LATER })).rejects.toMatchObject({
          name: 'CaseClosed',
          outcome: 'DECEASED',
        });
        await expect(repo.closeCase('nope', { outcome: 'WITHDRAWN', now: LATER })).rejects.toBeInstanceOf(
          CaseNotFound,
        );
      });

      it('a duplicate create of a closed case returns it and does not hold the CRN', async () => {
        await repo.createCase(aNewCase(), NOW);
        await repo.closeCase('case-1', { outcome: 'WITHDRAWN', now: LATER });
        const again = await repo.createCase(aNewCase(), LATER);
        expect(again).toMatchObject({ created: false, record: { phase: 'CLOSED' } });
        expect((await repo.createCase(aNewCase({ caseId: 'case-2' }), LATER)).created).toBe(true);
      });

      it('refuses a caseId already used for another CRN and leaves that CRN free', async () => {
        await repo.createCase(aNewCase(), NOW);
        await expect(repo.createCase(aNewCase({ crn: 'Y654321' }), LATER)).rejects.toBeInstanceOf(
          CaseIdConflict,
        );
        expect(await repo.getCaseByCrn('Y654321')).toBeUndefined();
        expect((await repo.createCase(aNewCase({ caseId: 'case-9', crn: 'Y654321' }), LATER)).created).toBe(
          true,
        );
      });

      it('updates with the expected version and refuses a stale one', async () => {
        await repo.createCase(aNewCase(), NOW);
        const updated = await repo.updateCase(
          'case-1',
          1,
          { releaseDate: '2026-02-09', phase: 'CUSTODY' },
          LATER,
        );
        expect(updated).toMatchObject({
          version: 2,
          releaseDate: '2026-02-09',
          phase: 'CUSTODY',
          updatedAt: LATER,
        });
        const stale = repo.updateCase('case-1', 1, { risk: 'HIGH' }, LATER);
        await expect(stale).rejects.toBeInstanceOf(StaleVersion);
        await expect(stale).rejects.toMatchObject({
          name: 'StaleVersion',
          expectedVersion: 1,
          currentVersion: 2,
        });
        expect((await repo.getCase('case-1'))?.risk).toBe('MEDIUM');
      });

      it('loses no update when two writers race from the same version', async () => {
        await repo.createCase(aNewCase(), NOW);
        const results = await Promise.allSettled([
          repo.updateCase(
            'case-1',
            1,
            { warnings: [{ issuedOn: '2025-12-01', appointmentId: 'a1' }] },
            LATER,
          ),
          repo.updateCase('case-1', 1, { breaches: [{ raisedOn: '2025-12-01', kind: 'BREACH' }] }, LATER),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(StaleVersion);
        const stored = await repo.getCase('case-1');
        expect(stored?.version).toBe(2);
        expect(stored!.warnings.length + stored!.breaches.length).toBe(1);
      });

      it('refuses updates to a closed or unknown case and to fields that cannot change', async () => {
        await repo.createCase(aNewCase(), NOW);
        await expect(repo.updateCase('nope', 1, { risk: 'HIGH' }, LATER)).rejects.toBeInstanceOf(
          CaseNotFound,
        );
        await expect(
          repo.updateCase('case-1', 1, { crn: 'Y1' } as unknown as { risk: 'HIGH' }, LATER),
        ).rejects.toMatchObject({ name: 'InvalidRepositoryArgument', field: 'crn' });
        await expect(repo.updateCase('case-1', 1, { phase: 'CLOSED' }, LATER)).rejects.toBeInstanceOf(
          InvalidRepositoryArgument,
        );
        await repo.closeCase('case-1', { outcome: 'COMPLETED', now: LATER });
        await expect(repo.updateCase('case-1', 2, { risk: 'HIGH' }, LATER)).rejects.toBeInstanceOf(
          CaseClosed,
        );
      });

      it('removes an optional field given as undefined and keeps the officer caseload in step', async () => {
        await repo.createCase(aNewCase({ personMobile: '+447700900123' }), NOW);
        await repo.createCase(aNewCase({ caseId: 'case-2', crn: 'X000002', releaseDate: '2026-01-10' }), NOW);
        expect((await repo.listOpenCasesByOfficer('com-1')).map((c) => c.caseId)).toEqual([
          'case-2',
          'case-1',
        ]);
        const moved = await repo.updateCase(
          'case-1',
          1,
          { personMobile: undefined, responsibleOfficerId: 'com-2' },
          LATER,
        );
        expect(moved).not.toHaveProperty('personMobile');
        expect((await repo.listOpenCasesByOfficer('com-1')).map((c) => c.caseId)).toEqual(['case-2']);
        expect((await repo.listOpenCasesByOfficer('com-2')).map((c) => c.caseId)).toEqual(['case-1']);
        await repo.closeCase('case-2', { outcome: 'COMPLETED', now: LATER });
        expect(await repo.listOpenCasesByOfficer('com-1')).toEqual([]);
      });

      it('refuses bad timestamps and calendar days before writing anything', async () => {
        await expect(repo.createCase(aNewCase({ releaseDate: '02/03/2026' }), NOW)).rejects.toMatchObject({
          field: 'releaseDate',
        });
        await expect(repo.createCase(aNewCase(), 'yesterday')).rejects.toMatchObject({ field: 'now' });
        expect(await repo.getCaseByCrn('X123456')).toBeUndefined();
      });
    });

    describe('staff', () => {
      it('stores staff and lists them by role', async () => {
        await repo.putStaff(aStaff());
        await repo.putStaff(aStaff({ staffId: 'enf-2', role: 'ENFORCEMENT' }));
        await repo.putStaff(aStaff({ staffId: 'enf-1', role: 'ENFORCEMENT', mobile: '+447700900001' }));
        expect(await repo.getStaff('com-1')).toEqual(aStaff());
        expect((await repo.listStaffByRole('ENFORCEMENT')).map((s) => s.staffId)).toEqual(['enf-1', 'enf-2']);
        expect(await repo.getStaff('nobody')).toBeUndefined();
      });
    });

    describe('tasks', () => {
      it('creates a task OPEN; a duplicate create returns the stored task and changes nothing', async () => {
        const first = await repo.createTask(aTask());
        expect(first).toMatchObject({ created: true, record: { status: 'OPEN', assigneeId: 'com-1' } });
        const again = await repo.createTask(
          aTask({ assigneeId: 'com-9', dueAt: '2025-12-20T17:00:00.000Z' }),
        );
        expect(again.created).toBe(false);
        expect(again.record).toEqual(first.record);
        expect(await repo.listOpenTasksByAssignee('com-9')).toEqual([]);
      });

      it('completes a task once; a second completion is refused with the current status', async () => {
        await repo.createTask(aTask());
        await repo.setTaskToken('task-1', {
          taskToken: 'token-1',
          ladderStep: 1,
          executionName: 'case-1-CUSTODY-1',
        });
        const done = await repo.completeTask('task-1', {
          completedAt: LATER,
          completedBy: 'com-1',
          outcome: 'OK',
        });
        expect(done).toMatchObject({
          status: 'DONE',
          completedAt: LATER,
          completedBy: 'com-1',
          taskToken: 'token-1',
        });
        const again = repo.completeTask('task-1', { completedAt: LATER });
        await expect(again).rejects.toBeInstanceOf(TaskNotOpen);
        await expect(again).rejects.toMatchObject({ name: 'TaskNotOpen', status: 'DONE' });
        await expect(repo.completeTask('nope', { completedAt: LATER })).rejects.toBeInstanceOf(TaskNotFound);
        await expect(repo.setTaskToken('task-1', { taskToken: 't2', ladderStep: 2 })).rejects.toBeInstanceOf(
          TaskNotOpen,
        );
      });

      it('moves an open task due time and its place on the due list; a closed task is refused', async () => {
        await repo.createTask(aTask({ taskId: 't-a', dueAt: '2025-12-03T09:00:00.000Z' }));
        await repo.createTask(aTask({ taskId: 't-b', dueAt: '2025-12-05T09:00:00.000Z' }));
        const moved = await repo.rescheduleTask('t-a', '2025-12-10T17:00:00.000Z');
        expect(moved).toMatchObject({ taskId: 't-a', status: 'OPEN', dueAt: '2025-12-10T17:00:00.000Z' });
        expect((await repo.getTask('t-a'))?.dueAt).toBe('2025-12-10T17:00:00.000Z');
        expect((await repo.listOpenTasksByAssignee('com-1')).map((t) => t.taskId)).toEqual(['t-b', 't-a']);
        await repo.completeTask('t-b', { completedAt: LATER });
        await expect(repo.rescheduleTask('t-b', '2025-12-20T17:00:00.000Z')).rejects.toMatchObject({
          name: 'TaskNotOpen',
          status: 'DONE',
        });
        expect((await repo.getTask('t-b'))?.dueAt).toBe('2025-12-05T09:00:00.000Z');
        await expect(repo.rescheduleTask('nope', LATER)).rejects.toBeInstanceOf(TaskNotFound);
      });

      it('lists open tasks of an assignee earliest due first, whatever the offset in the timestamp', async () => {
        await repo.createTask(aTask({ taskId: 't-late', dueAt: '2025-12-10T09:00:00Z' }));
        await repo.createTask(aTask({ taskId: 't-early', dueAt: '2025-12-09T23:30:00-01:00' })); // 12-10T00:30Z
        await repo.createTask(aTask({ taskId: 't-first', dueAt: '2025-12-03T09:00:00.000Z' }));
        await repo.createTask(aTask({ taskId: 't-done', dueAt: '2025-12-02T09:00:00.000Z' }));
        await repo.createTask(aTask({ taskId: 't-other', assigneeId: 'com-2' }));
        await repo.completeTask('t-done', { completedAt: LATER });
        const open = await repo.listOpenTasksByAssignee('com-1');
        expect(open.map((t) => t.taskId)).toEqual(['t-first', 't-early', 't-late']);
      });

      it('cancels every open task of a case and only those', async () => {
        await repo.createTask(aTask({ taskId: 't1' }));
        await repo.createTask(aTask({ taskId: 't2', dueAt: '2025-12-04T09:00:00.000Z' }));
        await repo.createTask(aTask({ taskId: 't3' }));
        await repo.createTask(aTask({ taskId: 'other', caseId: 'case-2' }));
        await repo.completeTask('t3', { completedAt: LATER });
        const cancelled = await repo.cancelOpenTasks('case-1', LATER);
        expect(cancelled.map((t) => [t.taskId, t.status, t.cancelledAt])).toEqual([
          ['t2', 'CANCELLED', LATER],
          ['t1', 'CANCELLED', LATER],
        ]);
        expect(await repo.listOpenTasksByCase('case-1')).toEqual([]);
        expect(await repo.listOpenTasksByAssignee('com-1')).toHaveLength(1);
        expect((await repo.listTasksByCase('case-1')).map((t) => t.status).sort()).toEqual([
          'CANCELLED',
          'CANCELLED',
          'DONE',
        ]);
        await expect(repo.completeTask('t1', { completedAt: LATER })).rejects.toMatchObject({
          status: 'CANCELLED',
        });
        expect(await repo.cancelOpenTasks('case-1', LATER)).toEqual([]);
      });
    });

    describe('appointments', () => {
      it('stores appointments once and lists them by time', async () => {
        await repo.putAppointment(anAppointment({ appointmentId: 'b', at: '2026-03-09T10:00:00.000Z' }));
        await repo.putAppointment(anAppointment({ appointmentId: 'a', at: '2026-03-16T10:00:00.000Z' }));
        await repo.putAppointment(anAppointment({ appointmentId: 'c', at: '2026-03-02T10:00:00.000Z' }));
        const again = await repo.putAppointment(anAppointment({ appointmentId: 'b', kind: 'OTHER' }));
        expect(again).toMatchObject({ created: false, record: { kind: 'SUPERVISION' } });
        expect((await repo.listAppointmentsByCase('case-1')).map((a) => a.appointmentId)).toEqual([
          'c',
          'b',
          'a',
        ]);
      });

      it('records an outcome once, and lets FAILED_TO_ATTEND be decided later', async () => {
        await repo.putAppointment(anAppointment());
        const input = { outcome: 'ATTENDED_COMPLIED', recordedAt: LATER } as const;
        expect(await repo.recordAppointmentOutcome('case-1', 'appt-1', input)).toMatchObject(input);
        const again = repo.recordAppointmentOutcome('case-1', 'appt-1', {
          ...input,
          outcome: 'UNACCEPTABLE_ABSENCE',
        });
        await expect(again).rejects.toBeInstanceOf(OutcomeAlreadyRecorded);
        await expect(again).rejects.toMatchObject({ outcome: 'ATTENDED_COMPLIED' });

        await repo.putAppointment(anAppointment({ appointmentId: 'appt-2' }));
        await repo.recordAppointmentOutcome('case-1', 'appt-2', {
          outcome: 'FAILED_TO_ATTEND',
          recordedAt: LATER,
        });
        const decided = await repo.recordAppointmentOutcome('case-1', 'appt-2', {
          outcome: 'UNACCEPTABLE_ABSENCE',
          recordedAt: LATER,
        });
        expect(decided.outcome).toBe('UNACCEPTABLE_ABSENCE');
        await expect(
          repo.recordAppointmentOutcome('case-1', 'appt-2', {
            outcome: 'ACCEPTABLE_ABSENCE',
            recordedAt: LATER,
          }),
        ).rejects.toBeInstanceOf(OutcomeAlreadyRecorded);
      });

      it('refuses an outcome for another case or a cancelled appointment', async () => {
        await repo.putAppointment(anAppointment());
        const input = { outcome: 'ATTENDED_COMPLIED', recordedAt: LATER } as const;
        await expect(repo.recordAppointmentOutcome('case-2', 'appt-1', input)).rejects.toBeInstanceOf(
          AppointmentNotFound,
        );
        expect(await repo.cancelAppointment('case-1', 'appt-1', LATER)).toBe(true);
        expect(await repo.cancelAppointment('case-1', 'appt-1', LATER)).toBe(false);
        await expect(repo.recordAppointmentOutcome('case-1', 'appt-1', input)).rejects.toBeInstanceOf(
          AppointmentCancelled,
        );
      });
    });

    describe('outbox', () => {
      it('claims a notification once, so it is never sent twice', async () => {
        expect(await repo.claimOutbox(anOutboxRecord())).toBe(true);
        expect(await repo.claimOutbox(anOutboxRecord({ body: 'changed' }))).toBe(false);
        expect(await repo.getOutbox(anOutboxRecord().key)).toMatchObject({
          status: 'PENDING',
          attempts: 1,
          body: 'A task is due.',
        });
        const sent = await repo.markOutboxSent(anOutboxRecord().key, 'msg-1', LATER);
        expect(sent).toMatchObject({ status: 'SENT', messageId: 'msg-1', sentAt: LATER });
        // sent: the address and the text are not kept
        const stored = await repo.getOutbox(anOutboxRecord().key);
        expect(stored).toEqual(sent);
        expect(stored).not.toHaveProperty('to');
        expect(stored).not.toHaveProperty('subject');
        expect(stored).not.toHaveProperty('body');
        expect(stored).toMatchObject({
          caseId: anOutboxRecord().caseId,
          kind: anOutboxRecord().kind,
          attempts: 1,
        });
        await expect(repo.markOutboxSent(anOutboxRecord().key, 'msg-2', LATER)).rejects.toMatchObject({
          name: 'OutboxNotPending',
          status: 'SENT',
        });
      });

      it('lets a failed send be retried once, and lists a case outbox in creation order', async () => {
        const second = anOutboxRecord({ key: 'k2', createdAt: '2025-12-01T11:00:00.000Z' });
        await repo.claimOutbox(second);
        await repo.claimOutbox(anOutboxRecord({ key: 'k1' }));
        await repo.claimOutbox(anOutboxRecord({ key: 'k3', caseId: 'case-2' }));
        await repo.markOutboxFailed('k2', 'ThrottlingException', LATER);
        await expect(repo.markOutboxFailed('k2', 'X', LATER)).rejects.toBeInstanceOf(OutboxNotPending);
        expect(await repo.retryOutbox('k2', LATER)).toBe(true);
        expect(await repo.retryOutbox('k2', LATER)).toBe(false);
        expect((await repo.getOutbox('k2'))?.attempts).toBe(2);
        expect((await repo.listOutboxByCase('case-1')).map((o) => o.key)).toEqual(['k1', 'k2']);
      });
    });

    describe('audit, executions and links', () => {
      it('keeps audit records once each, oldest first, by case and by actor', async () => {
        expect(await repo.putAudit(anAudit({ auditId: 'a2', at: '2025-12-03T10:00:00.000Z' }))).toBe(true);
        expect(await repo.putAudit(anAudit({ auditId: 'a1' }))).toBe(true);
        expect(await repo.putAudit(anAudit({ auditId: 'a1' }))).toBe(false);
        await repo.putAudit(
          anAudit({
            auditId: 'a3',
            caseId: undefined,
            result: 'REFUSED',
            reason: 'LINK_TAMPERED',
            at: LATER,
          }),
        );
        expect((await repo.listAuditByCase('case-1')).map((a) => a.auditId)).toEqual(['a1', 'a2']);
        expect((await repo.listAuditByActor('com-1')).map((a) => a.auditId)).toEqual(['a3', 'a1', 'a2']);
      });

      it('records executions once and lists them by start time', async () => {
        const custody = {
          caseId: 'case-1',
          phase: 'CUSTODY',
          n: 1,
          name: 'case-1-CUSTODY-1',
          executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:custody:case-1-CUSTODY-1',
          startedAt: NOW,
          status: 'RUNNING',
        } as const;
        const community = {
          ...custody,
          phase: 'COMMUNITY',
          name: 'case-1-COMMUNITY-1',
          startedAt: LATER,
        } as const;
        expect(await repo.putExecution(community)).toBe(true);
        expect(await repo.putExecution(custody)).toBe(true);
        expect(await repo.putExecution(custody)).toBe(false);
        await repo.updateExecutionStatus('case-1', custody.name, 'SUCCEEDED', LATER);
        expect(await repo.listExecutionsByCase('case-1')).toEqual([
          { ...custody, status: 'SUCCEEDED', stoppedAt: LATER },
          community,
        ]);
        await expect(repo.updateExecutionStatus('case-1', 'nope', 'FAILED')).rejects.toBeInstanceOf(
          ExecutionNotFound,
        );
      });

      it('lets a signed link be used only once', async () => {
        const use = await repo.useLink('link-1', NOW, {
          staffId: 'com-1',
          linkExpiresAt: '2025-12-08T09:00:00Z',
        });
        expect(use).toEqual({ linkId: 'link-1', usedAt: NOW, staffId: 'com-1' });
        const again = repo.useLink('link-1', LATER);
        await expect(again).rejects.toBeInstanceOf(LinkAlreadyUsed);
        await expect(again).rejects.toMatchObject({ name: 'LinkAlreadyUsed', usedAt: NOW });
        expect(await repo.getLinkUse('link-1')).toEqual(use);
      });
    });

    describe('isolation', () => {
      it('gives out records as frozen values: changing one fails and changes nothing; nor does changing an input after a write', async () => {
        const input = aNewCase({ warnings: [{ issuedOn: '2025-11-01', appointmentId: 'a0' }] });
        const created = await repo.createCase(input, NOW);
        (input.warnings as unknown[]).push({ issuedOn: '2025-11-02', appointmentId: 'a1' });
        (input.pathways as Record<string, string>).HEALTH = 'DONE';
        const stored = await repo.getCase('case-1');
        expect(stored?.warnings).toHaveLength(1);
        expect(stored?.pathways.HEALTH).toBe('NOT_STARTED');
        expect(created.record.version).toBe(1);

        // every kind of answer: a read, a list, an update's result, a refused create's stored record
        const answers = [
          stored!,
          (await repo.listCasesByCrn('X123456'))[0]!,
          (await repo.listOpenCasesByOfficer('com-1'))[0]!,
          await repo.updateCase('case-1', 1, { risk: 'HIGH' }, LATER),
          (await repo.createCase(aNewCase(), LATER)).record,
        ];
        const snapshot = structuredClone(await repo.getCase('case-1'));
        for (const answer of answers) {
          const writable = answer as unknown as Record<string, unknown> & {
            warnings: unknown[];
            pathways: Record<string, string>;
            needs: Record<string, string>;
          };
          expect(() => {
            writable.risk = 'LOW';
          }).toThrow(TypeError);
          expect(() => {
            writable.crn = 'changed';
          }).toThrow(TypeError);
          expect(() => writable.warnings.push({ issuedOn: '2025-12-31', appointmentId: 'x' })).toThrow(
            TypeError,
          );
          expect(() => {
            (writable.warnings[0] as Record<string, string>).appointmentId = 'changed';
          }).toThrow(TypeError);
          expect(() => {
            writable.pathways.HEALTH = 'DONE';
          }).toThrow(TypeError);
          expect(() => {
            writable.needs.HOUSING = 'MET';
          }).toThrow(TypeError);
        }
        expect(await repo.getCase('case-1')).toEqual(snapshot);
        expect(snapshot).toMatchObject({ risk: 'HIGH', version: 2, crn: 'X123456' });

        // a created record is built from the caller's input, and is the caller's: changing it changes nothing
        const task = await repo.createTask(aTask());
        (task.record as { assigneeId: string }).assigneeId = 'changed';
        const [listed] = await repo.listTasksByCase('case-1');
        const tokened = await repo.setTaskToken('task-1', { taskToken: 'token-1', ladderStep: 1 });
        expect(() => {
          (listed as { status: string }).status = 'DONE';
        }).toThrow(TypeError);
        expect(() => {
          (tokened as { taskToken: string }).taskToken = 'changed';
        }).toThrow(TypeError);
        expect(await repo.getTask('task-1')).toMatchObject({
          assigneeId: 'com-1',
          status: 'OPEN',
          taskToken: 'token-1',
        });
        expect((await repo.listOpenTasksByAssignee('com-1')).map((t) => t.taskId)).toEqual(['task-1']);
      });
    });

    describe('counted reads and writes', () => {
      it('counts the same reads, writes and units on every adapter', async () => {
        repo.resetStats();
        await repo.createTask(aTask()); // 1 write to the table and both GSIs
        await repo.createTask(aTask()); // refused write, then a consistent read
        await repo.getTask('task-1');
        await repo.listOpenTasksByAssignee('com-1'); // eventually consistent GSI query
        expect(repo.stats()).toEqual({
          reads: 3,
          writes: 2,
          conditionalFailures: 1,
          readUnits: 2.5,
          writeUnits: 4,
        });
      });

      it('charges a write that shrinks an item for its size before, as DynamoDB does', async () => {
        // an e-mail of about 1.5 KB: 2 units, in the table and in GSI2
        await repo.claimOutbox(anOutboxRecord({ body: 'x'.repeat(1500) }));
        repo.resetStats();
        await repo.markOutboxSent(anOutboxRecord().key, 'msg-1', LATER); // drops the body: under 1 KB after
        expect(repo.stats()).toMatchObject({ writes: 1, writeUnits: 4 });
      });
    });
  });
}
