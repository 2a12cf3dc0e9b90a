/** In-memory ports for service and handler unit tests. */
import { MemoryRepository } from '#adapters/memory-repository.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import { MemoryReleaseWaits } from '#adapters/release-waits.ts';
import { MemoryScheduler } from '#adapters/scheduler.ts';
import { RecordingWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { type Case, initialPathways, type Task } from '#domain/entities.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { taskSpec } from '#functions/services/names.ts';
import { defaultStaff } from '#tests/workflows/journey/harness.ts';

export interface TestDeps extends JourneyDeps {
  readonly repository: MemoryRepository;
  readonly notifier: MemoryNotifier;
  readonly scheduler: MemoryScheduler;
  readonly workflows: RecordingWorkflows;
  readonly releaseWaits: MemoryReleaseWaits;
}

export async function memoryDeps(): Promise<TestDeps> {
  let seq = 0;
  const deps: TestDeps = {
    repository: new MemoryRepository(),
    notifier: new MemoryNotifier(),
    scheduler: new MemoryScheduler(),
    workflows: new RecordingWorkflows(),
    releaseWaits: new MemoryReleaseWaits(),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: 'https://portal.test/',
      custodyStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Custody',
      communityStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Community',
      staffTaskStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:StaffTask',
      releaseTriggerFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:releaseTrigger',
    },
    newId: () => `id${++seq}`,
  };
  for (const staff of defaultStaff()) await deps.repository.putStaff(staff);
  return deps;
}

export async function aCaseIn(
  deps: TestDeps,
  phase: Case['phase'],
  overrides: Partial<Case> = {},
  now = '2026-01-05T10:00:00.000Z',
): Promise<Case> {
  const { record } = await deps.repository.createCase(
    {
      caseId: 'case1',
      crn: 'X123456',
      nomsId: 'A1234BC',
      prisonId: 'LEI',
      sentenceType: 'LICENCE',
      risk: 'MEDIUM',
      mappaLevel: 0,
      iom: false,
      releaseDate: '2026-04-27',
      responsibleOfficerId: 'com-1',
      phase: 'REGISTERED',
      pathways: initialPathways(),
      needs: {},
      warnings: [],
      breaches: [],
      ...overrides,
    },
    now,
  );
  if (phase === 'REGISTERED') return record;
  if (phase === 'CLOSED') return deps.repository.closeCase(record.caseId, { outcome: 'WITHDRAWN', now });
  return deps.repository.updateCase(record.caseId, record.version, { phase }, now);
}

export async function anOpenTask(
  deps: TestDeps,
  overrides: Partial<Omit<Task, 'status'>> = {},
): Promise<Task> {
  const { record } = await deps.repository.createTask({
    taskId: 'case1-task-pre-release-assessment',
    caseId: 'case1',
    type: 'PRE_RELEASE_ASSESSMENT',
    assigneeId: 'com-1',
    role: 'COM',
    dueAt: '2026-02-16T17:00:00.000Z',
    createdAt: '2026-02-02T09:00:00.000Z',
    ladderStep: 0,
    ...overrides,
  });
  return record;
}

/** The pre-release assessment of `case1` as the workflows pass it to the staff-task ladder, and that ladder's run. */
export const assessmentSpec = taskSpec(
  'case1',
  { key: 'PRE_RELEASE_ASSESSMENT', type: 'PRE_RELEASE_ASSESSMENT', dueAt: '2026-02-16T17:00:00.000Z' },
  DEFAULT_CONFIG,
);
export const assessmentLadder = {
  executionName: 'case1-task-pre-release-assessment',
};
