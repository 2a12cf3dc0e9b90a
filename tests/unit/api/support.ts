/**
 * The staff API in process for unit tests: the real router and Lambda handler over in-memory ports (repository,
 * scheduler, workflows that record), a small office of staff, and `call`, which sends a payload v2 event as API
 * Gateway would (claims for `as`, the request time in `requestContext.timeEpoch`).
 */
import { MemoryRepository } from '#adapters/memory-repository.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import { MemoryReleaseWaits } from '#adapters/release-waits.ts';
import { MemoryScheduler } from '#adapters/scheduler.ts';
import { RecordingWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { type Case, initialPathways, type Staff, type Task } from '#domain/entities.ts';
import type { StaffApiEvent } from '#functions/api/context.ts';
import { claimsFor } from '#functions/api/dev-tokens.ts';
import type { HttpResult } from '#functions/api/http.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { createStaffApiHandler } from '#handlers/staff-api/index.ts';
import { httpApiEvent } from '#local/staff-api/event.ts';

export const LINK_KEY = 'unit-test-link-key-0123456789abcdef';
export const NOW = '2026-01-05T10:00:00.000Z';

export interface ApiDeps extends JourneyDeps {
  readonly repository: MemoryRepository;
  readonly notifier: MemoryNotifier;
  readonly scheduler: MemoryScheduler;
  readonly workflows: RecordingWorkflows;
  readonly releaseWaits: MemoryReleaseWaits;
}

export function office(): Staff[] {
  const staff = (staffId: string, role: Staff['role'], managerId?: string): Staff => ({
    staffId,
    name: `Staff ${staffId}`,
    email: `${staffId}@probation.example`,
    role,
    ...(managerId ? { managerId } : {}),
  });
  return [
    staff('admin-1', 'ADMIN'),
    staff('head-1', 'SPO'),
    staff('spo-1', 'SPO', 'head-1'),
    staff('spo-2', 'SPO', 'head-1'),
    staff('com-1', 'COM', 'spo-1'),
    staff('com-2', 'COM', 'spo-2'),
    staff('pom-1', 'POM', 'spo-1'),
    staff('partner-1', 'PARTNER', 'spo-1'),
    staff('enf-1', 'ENFORCEMENT', 'spo-1'),
  ];
}

export interface CallOptions {
  /** staff id in the claims; omit for no identity */
  readonly as?: string;
  /** an object is sent as JSON; a string as is */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly now?: string;
  readonly query?: Record<string, string>;
  readonly base64?: boolean;
}

export interface Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  readonly json: any;
}

export interface ApiUnderTest {
  readonly deps: ApiDeps;
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  /** what a request may have changed: repository writes, schedules, executions, tokens, messages */
  changes(): { writes: number; schedules: number; started: number; tokens: number; sent: number };
}

export function event(method: string, path: string, options: CallOptions = {}): StaffApiEvent {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  return httpApiEvent({
    method,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(body !== undefined
      ? {
          body: options.base64 ? Buffer.from(body).toString('base64') : body,
          isBase64Encoded: !!options.base64,
        }
      : {}),
    timeEpoch: Date.parse(options.now ?? NOW),
    ...(options.as ? { claims: claimsFor(options.as) } : {}),
    requestId: 'req',
    apiId: 'unit',
    domainName: 'api.test',
    userAgent: 'vitest',
  });
}

export async function apiUnderTest(staff: readonly Staff[] = office()): Promise<ApiUnderTest> {
  let seq = 0;
  const deps: ApiDeps = {
    repository: new MemoryRepository(),
    notifier: new MemoryNotifier(),
    scheduler: new MemoryScheduler(),
    workflows: new RecordingWorkflows(),
    releaseWaits: new MemoryReleaseWaits(),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: 'https://portal.test',
      custodyStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Custody',
      communityStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:Community',
      staffTaskStateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:StaffTask',
      releaseTriggerFunctionArn: 'arn:aws:lambda:eu-west-2:000000000000:function:releaseTrigger',
    },
    newId: () => `id${String(++seq).padStart(4, '0')}`,
  };
  for (const member of staff) await deps.repository.putStaff(member);
  deps.repository.resetStats();
  const handler = createStaffApiHandler({ env: { LINK_KEY }, deps: () => deps });
  return {
    deps,
    async call(method, path, options) {
      const result = (await handler(event(method, path, options), {} as never)) as HttpResult;
      const headers = (result.headers ?? {}) as Record<string, string>;
      const isJson = headers['content-type']?.startsWith('application/json');
      return {
        status: result.statusCode,
        headers,
        text: result.body,
        json: isJson ? JSON.parse(result.body) : undefined,
      };
    },
    changes: () => ({
      writes: deps.repository.stats().writes,
      schedules: deps.scheduler.log.length,
      started: deps.workflows.started.length,
      tokens: deps.workflows.tokens.length,
      sent: deps.notifier.sent.length,
    }),
  };
}

/** A valid registration for `POST /cases`, 16 weeks ahead of NOW. */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    crn: 'X123456',
    nomsId: 'A1234BC',
    prisonId: 'LEI',
    sentenceType: 'LICENCE',
    risk: 'MEDIUM',
    mappaLevel: 0,
    iom: false,
    releaseDate: '2026-04-27',
    responsibleOfficerId: 'com-1',
    ...overrides,
  };
}

/** A case stored directly (caseId `case1`, officer com-1) in the given phase. */
export async function aCase(
  api: ApiUnderTest,
  phase: Case['phase'],
  overrides: Partial<Case> = {},
): Promise<Case> {
  const { repository } = api.deps;
  const { record } = await repository.createCase(
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
    '2026-01-01T09:00:00.000Z',
  );
  let kase = record;
  if (phase === 'CLOSED')
    kase = await repository.closeCase(record.caseId, { outcome: 'WITHDRAWN', now: NOW });
  else if (phase !== 'REGISTERED')
    kase = await repository.updateCase(record.caseId, record.version, { phase }, '2026-01-01T09:00:00.000Z');
  repository.resetStats();
  return kase;
}

/** An open task of case1 waiting in its ladder on `token` (a live token of the recording workflows). */
export async function anOpenTask(
  api: ApiUnderTest,
  overrides: Partial<Omit<Task, 'status'>> = {},
  token = 'token-1',
): Promise<Task> {
  const { repository } = api.deps;
  const { record } = await repository.createTask({
    taskId: 'case1-task-licence-conditions-explained',
    caseId: 'case1',
    type: 'LICENCE_CONDITIONS_EXPLAINED',
    assigneeId: 'com-1',
    role: 'COM',
    dueAt: '2026-01-09T17:00:00.000Z',
    createdAt: '2026-01-02T09:00:00.000Z',
    ladderStep: 0,
    ...overrides,
  });
  const task = await repository.setTaskToken(record.taskId, { taskToken: token, ladderStep: 0 });
  api.deps.workflows.liveTokens.add(token);
  repository.resetStats();
  return task;
}
