/**
 * The journey on the local engine, in process: the real workflows/*.asl.json with the manifest's substitutions,
 * the real handlers (called through the engine's pluggable Lambda invoker), the in-memory repository, notifier,
 * release-wait store and a scheduler whose one-time schedules fire on the same manual clock. Fault injection is a
 * property of the invoker (never of the handlers).
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { ClockScheduler } from '#adapters/clock-scheduler.ts';
import type { MemoryRepository } from '#adapters/memory-repository.ts';
import type { MemoryNotifier } from '#adapters/notifier.ts';
import type { OutboxRecord, Staff } from '#domain/entities.ts';
import type { Engine } from '#engine/index.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import type { RuntimeClock } from '#local/clock/runtime-clock.ts';
import { startJourneyRuntime } from '#local/simulator/journey-runtime.ts';

const REGION = 'eu-west-2';
const ACCOUNT = '000000000000';
const PREFIX = 'resettle-test-';
export const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${PREFIX}${name}`;
export const machineArn = (name: string) =>
  `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${PREFIX}${name}`;

export interface Faults {
  /** probability that a Lambda call fails with a transient error */
  readonly rate: number;
  readonly random: () => number;
}

export interface JourneyHarness {
  readonly clock: RuntimeClock;
  readonly engine: Engine;
  readonly repository: MemoryRepository;
  readonly notifier: MemoryNotifier;
  readonly scheduler: ClockScheduler;
  readonly deps: JourneyDeps;
  readonly calls: { fn: string; failed: boolean }[];
  /** invoke a journey Lambda by its manifest name, as Lambda would (e.g. a schedule firing again) */
  invoke(name: string, payload: unknown): Promise<unknown>;
  now(): string;
  /** the notices of a case that were sent */
  sent(caseId: string): Promise<OutboxRecord[]>;
  history(executionName: string, machine?: string): Promise<HistoryEvent[]>;
  status(executionName: string, machine?: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function journeyHarness(
  options: { startTime: string; faults?: Faults; staff?: readonly Staff[] } = {
    startTime: '2026-01-05T09:00:00Z',
  },
): Promise<JourneyHarness> {
  const calls: { fn: string; failed: boolean }[] = [];
  let seq = 0;
  // The same in-process runtime as the simulator; fault injection wraps the Lambda invoker, never the handlers.
  const runtime = await startJourneyRuntime({
    startTime: options.startTime,
    prefix: PREFIX,
    newId: () => `c${String(++seq).padStart(4, '0')}`,
    wrapInvoke: (inner) => async (arn, payload) => {
      const fn = arn
        .replace(/:live$/, '')
        .split(':')
        .at(-1)!
        .replace(PREFIX, '');
      const f = options.faults;
      if (f && f.random() < f.rate / 2) {
        calls.push({ fn, failed: true });
        throw Object.assign(new Error('injected: throttled before running'), {
          name: 'Lambda.TooManyRequestsException',
        });
      }
      const result = await inner(arn, payload);
      if (f && f.random() < f.rate / 2) {
        calls.push({ fn, failed: true });
        throw Object.assign(new Error('injected: response lost after running'), {
          name: 'Lambda.ServiceException',
        });
      }
      calls.push({ fn, failed: false });
      return result;
    },
  });
  const { clock, engine, deps } = runtime;
  const repository = runtime.repository as MemoryRepository;
  for (const staff of options.staff ?? defaultStaff()) await repository.putStaff(staff);
  const execArn = (name: string, machine?: string) =>
    `arn:aws:states:${REGION}:${ACCOUNT}:execution:${PREFIX}${machine ?? machineOf(name)}:${name}`;
  return {
    clock,
    engine,
    repository,
    notifier: runtime.notifier,
    scheduler: runtime.scheduler,
    deps,
    calls,
    invoke: (name, payload) => clock.track(runtime.invoke(functionArn(name), payload)),
    now: runtime.now,
    async sent(caseId) {
      return (await repository.listOutboxByCase(caseId)).filter((r) => r.status === 'SENT');
    },
    async history(name, machine) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await engine.getExecutionHistory({
          executionArn: execArn(name, machine),
          maxResults: 1000,
          nextToken,
        });
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },
    async status(name, machine) {
      try {
        return (await engine.describeExecution({ executionArn: execArn(name, machine) })).status;
      } catch {
        return undefined;
      }
    },
    close: runtime.close,
  };
}

function machineOf(name: string): string {
  if (/-custody-\d+$/.test(name)) return 'Custody';
  if (/-community-\d+$/.test(name)) return 'Community';
  return 'StaffTask';
}

/** A small probation office: an officer, a POM, a partner worker and the enforcement team, all under one SPO. */
export function defaultStaff(): Staff[] {
  const staff = (staffId: string, role: Staff['role'], managerId?: string, mobile?: string): Staff => ({
    staffId,
    name: `Staff ${staffId}`,
    email: `${staffId}@probation.example`,
    role,
    ...(managerId ? { managerId } : {}),
    ...(mobile ? { mobile } : {}),
  });
  return [
    staff('com-1', 'COM', 'spo-1', '+447700900001'),
    staff('pom-1', 'POM', 'spo-1'),
    staff('partner-1', 'PARTNER', 'spo-1'),
    staff('enf-1', 'ENFORCEMENT', 'spo-1', '+447700900004'),
    staff('spo-1', 'SPO', 'head-1', '+447700900005'),
    staff('head-1', 'SPO', undefined, '+447700900006'),
  ];
}
