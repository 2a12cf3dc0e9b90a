/**
 * The journey on the local engine, in process: the real workflows/*.asl.json with the manifest's substitutions,
 * the real handlers (called through the engine's pluggable Lambda invoker), the in-memory repository, notifier,
 * release-wait store and a scheduler whose one-time schedules fire on the same manual clock. Fault injection is a
 * property of the invoker (never of the handlers).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ClockScheduler } from '#adapters/clock-scheduler.ts';
import { MemoryRepository } from '#adapters/memory-repository.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import { MemoryReleaseWaits } from '#adapters/release-waits.ts';
import { SfnWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import type { OutboxRecord, Staff } from '#domain/entities.ts';
import { Engine } from '#engine/index.ts';
import { HANDLERS, WORKFLOWS } from '#functions/manifest.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { useJourneyDeps } from '#handlers/runtime.ts';
import { createClock, type RuntimeClock } from '#local/clock/runtime-clock.ts';

const ROOT = join(import.meta.dirname, '../../..');
const REGION = 'eu-west-2';
const ACCOUNT = '000000000000';
export const functionArn = (name: string) =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:resettle-test-${name}`;
export const machineArn = (name: string) =>
  `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:resettle-test-${name}`;

type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

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

let ids = 0;

export async function journeyHarness(
  options: { startTime: string; faults?: Faults; staff?: readonly Staff[] } = {
    startTime: '2026-01-05T09:00:00Z',
  },
): Promise<JourneyHarness> {
  const clock = createClock({ mode: 'manual', startTime: options.startTime });
  const repository = new MemoryRepository();
  const notifier = new MemoryNotifier();
  const calls: { fn: string; failed: boolean }[] = [];
  const handlers = new Map<string, LambdaHandler>();
  for (const spec of HANDLERS.filter((h) => h.entry.startsWith('functions/handlers/'))) {
    const module = (await import(join(ROOT, spec.entry))) as { handler: LambdaHandler };
    handlers.set(functionArn(spec.name), module.handler);
  }
  const invoke = async (arn: string, payload: unknown): Promise<unknown> => {
    const handler = handlers.get(arn);
    if (!handler)
      throw Object.assign(new Error(`no function ${arn}`), { name: 'Lambda.ResourceNotFoundException' });
    const fn = arn.split(':').at(-1)!.replace('resettle-test-', '');
    const f = options.faults;
    if (f && f.random() < f.rate / 2) {
      calls.push({ fn, failed: true });
      throw Object.assign(new Error('injected: throttled before running'), {
        name: 'Lambda.TooManyRequestsException',
      });
    }
    const result = await handler(structuredClone(payload), {
      functionName: fn,
      awsRequestId: `req-${++ids}`,
    });
    if (f && f.random() < f.rate / 2) {
      calls.push({ fn, failed: true });
      throw Object.assign(new Error('injected: response lost after running'), {
        name: 'Lambda.ServiceException',
      });
    }
    calls.push({ fn, failed: false });
    return result;
  };
  const engine = new Engine({ clock, invokeLambda: (arn, payload) => invoke(arn, payload) });
  const scheduler = new ClockScheduler(clock, invoke);
  let seq = 0;
  const deps: JourneyDeps = {
    repository,
    notifier,
    scheduler,
    workflows: new SfnWorkflows(engine),
    releaseWaits: new MemoryReleaseWaits(),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: 'https://portal.resettle.test',
      custodyStateMachineArn: machineArn('Custody'),
      communityStateMachineArn: machineArn('Community'),
      staffTaskStateMachineArn: machineArn('StaffTask'),
      releaseTriggerFunctionArn: functionArn('releaseTrigger'),
      journeyStartFunctionArn: functionArn('journeyStart'),
    },
    newId: () => `c${String(++seq).padStart(4, '0')}`,
  };
  useJourneyDeps(deps);
  const substitutions: Record<string, string> = {};
  for (const h of HANDLERS) if (h.substitution) substitutions[h.substitution] = functionArn(h.name);
  for (const w of WORKFLOWS) substitutions[w.substitution] = machineArn(w.name);
  for (const w of WORKFLOWS) {
    const text = readFileSync(join(ROOT, w.file), 'utf8').replace(
      /\$\{(\w+)\}/g,
      (m, key: string) => substitutions[key] ?? m,
    );
    await engine.createStateMachine({
      name: `resettle-test-${w.name}`,
      definition: text,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/resettle-test-workflows`,
    });
  }
  for (const staff of options.staff ?? defaultStaff()) await repository.putStaff(staff);
  const execArn = (name: string, machine?: string) =>
    `arn:aws:states:${REGION}:${ACCOUNT}:execution:resettle-test-${machine ?? machineOf(name)}:${name}`;
  return {
    clock,
    engine,
    repository,
    notifier,
    scheduler,
    deps,
    calls,
    invoke: (name, payload) => clock.track(invoke(functionArn(name), payload)),
    now: () => new Date(clock.now()).toISOString(),
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
    async close() {
      useJourneyDeps(undefined);
      await engine.close();
      clock.close();
    },
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
