/**
 * Reads each invocation saves: a case just read is the starting point of its update (read again only when it lost a
 * race), the escalation chain is walked one read a step, an actor the staff API authenticated is not read again,
 * and a new staff task is created without a read of it first.
 */
import { describe, expect, it, vi } from 'vitest';
import { openStaffTask } from '#functions/services/staff-task.ts';
import { ladderRecipient, mayActFor, officerAndManager } from '#functions/services/staffing.ts';
import { updateWithRetry } from '#functions/services/start-journey.ts';
import { aCaseIn, assessmentLadder, assessmentSpec, memoryDeps, type TestDeps } from './support.ts';

const NOW = '2026-03-02T10:00:00.000Z';

function countReads(deps: TestDeps) {
  return {
    getCase: vi.spyOn(deps.repository, 'getCase'),
    getStaff: vi.spyOn(deps.repository, 'getStaff'),
  };
}

describe('updateWithRetry from a case already read', () => {
  it('updates the case as read without reading it again', async () => {
    const deps = await memoryDeps();
    const read = await aCaseIn(deps, 'COMMUNITY');
    const reads = countReads(deps);
    const updated = await updateWithRetry(deps, read.caseId, () => ({ iom: true }), NOW, read);
    expect(updated.iom).toBe(true);
    expect(updated.version).toBe(read.version + 1);
    expect(reads.getCase).not.toHaveBeenCalled();
  });

  it('a case changed since it was read loses the race and is read afresh: no change is lost', async () => {
    const deps = await memoryDeps();
    const read = await aCaseIn(deps, 'COMMUNITY');
    await deps.repository.updateCase(read.caseId, read.version, { mappaLevel: 2 }, NOW);
    const reads = countReads(deps);
    const updated = await updateWithRetry(deps, read.caseId, () => ({ iom: true }), NOW, read);
    expect(updated).toMatchObject({ iom: true, mappaLevel: 2, version: read.version + 2 });
    expect(reads.getCase).toHaveBeenCalledTimes(1);
  });
});

describe('the escalation chain', () => {
  it('reads each staff member of a second escalation once', async () => {
    const deps = await memoryDeps();
    const reads = countReads(deps);
    const recipient = await ladderRecipient(deps, 'com-1', 'MANAGERS_MANAGER');
    expect(recipient?.staffId).toBe('head-1');
    expect(reads.getStaff.mock.calls.map(([id]) => id)).toEqual(['com-1', 'spo-1', 'head-1']);
  });

  it('reads the officer and their manager once each', async () => {
    const deps = await memoryDeps();
    const kase = await aCaseIn(deps, 'COMMUNITY');
    const reads = countReads(deps);
    const chain = await officerAndManager(deps, kase);
    expect(chain.map((s) => s.staffId)).toEqual(['com-1', 'spo-1']);
    expect(reads.getStaff.mock.calls.map(([id]) => id)).toEqual(['com-1', 'spo-1']);
  });
});

describe('mayActFor', () => {
  it('takes the actor record at hand instead of reading it, and decides as from the id', async () => {
    const deps = await memoryDeps();
    const manager = await deps.repository.getStaff('spo-1');
    const reads = countReads(deps);
    expect(await mayActFor(deps, manager!, 'com-1')).toBe(true);
    expect(reads.getStaff.mock.calls.map(([id]) => id)).toEqual(['com-1']);
    expect(await mayActFor(deps, 'spo-1', 'com-1')).toBe(true);
    expect(await mayActFor(deps, 'pom-1', 'com-1')).toBe(false);
  });
});

describe('opening a staff task', () => {
  const spec = assessmentSpec;
  const exec = assessmentLadder;

  it('creates a new task without reading it first; a second open finds it as it stands', async () => {
    const deps = await memoryDeps();
    await aCaseIn(deps, 'CUSTODY');
    const getTask = vi.spyOn(deps.repository, 'getTask');
    const first = await openStaffTask(deps, { task: spec, ...exec }, '2026-02-02T09:00:00.000Z');
    expect(first.status).toBe('OPEN');
    expect(getTask).not.toHaveBeenCalled();
    await deps.repository.completeTask(spec.taskId, {
      completedAt: '2026-02-03T09:00:00.000Z',
      outcome: 'DONE',
    });
    const again = await openStaffTask(deps, { task: spec, ...exec }, '2026-02-03T10:00:00.000Z');
    expect(again).toMatchObject({ status: 'DONE', result: { status: 'DONE', outcome: 'DONE' } });
    expect(getTask).not.toHaveBeenCalled();
    expect(deps.notifier.sent).toHaveLength(1);
  });
});
