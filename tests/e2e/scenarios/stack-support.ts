/**
 * Scenarios on the local stack: one AWS endpoint (Step Functions on the engine, dynalite, SES, SMS, Scheduler,
 * Lambda), the real handlers in the Lambda runner, the manual clock advanced through `POST /_local/clock`. Staff act
 * through the application services with ports built from the handler environment (the same SDK clients the
 * handlers use, pointed at the endpoint), so every write, schedule, execution and message goes through the stack.
 */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';
import type { OutboxRecord, Task } from '#domain/entities.ts';
import type { AppointmentOutcome, BreachOutcome } from '#domain/types.ts';
import { recordAppointmentOutcome } from '#functions/services/appointment-outcome.ts';
import { recordBreachOutcome } from '#functions/services/breach-outcome.ts';
import { completeTask } from '#functions/services/complete-task.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { journeyDepsFromEnv } from '#handlers/aws-deps.ts';
import { type RunningStack, startStack } from '#local/stack.ts';
import { defaultStaff } from '#tests/workflows/journey/harness.ts';
import { DEFAULT_ASSESSMENT } from '#tests/workflows/journey/staff-office.ts';

export interface ScenarioStack {
  readonly stack: RunningStack;
  readonly deps: JourneyDeps;
  readonly sfn: SFNClient;
  now(): Promise<string>;
  advanceTo(iso: string): Promise<void>;
  advanceBy(seconds: number): Promise<void>;
  sent(caseId: string): Promise<OutboxRecord[]>;
  status(name: string): Promise<DescribeExecutionCommandOutput['status'] | undefined>;
  history(name: string): Promise<HistoryEvent[]>;
  close(): Promise<void>;
}

const machineOf = (name: string) =>
  /-custody-\d+$/.test(name) ? 'Custody' : /-community-\d+$/.test(name) ? 'Community' : 'StaffTask';

export async function scenarioStack(startTime: string): Promise<ScenarioStack> {
  const stack = await startStack({ port: 0, clock: 'manual', startTime, apiPort: 0 });
  const deps = journeyDepsFromEnv(process.env);
  for (const staff of defaultStaff()) await deps.repository.putStaff(staff);
  const sfn = new SFNClient({});
  const clock = async (body: object) => {
    const res = await fetch(`${stack.endpoint}/_local/clock`, { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { now: string }).now;
  };
  const arnOf = (name: string) =>
    `${stack.stateMachines[machineOf(name)]!.replace(':stateMachine:', ':execution:')}:${name}`;
  return {
    stack,
    deps,
    sfn,
    now: async () => ((await (await fetch(`${stack.endpoint}/_local/clock`)).json()) as { now: string }).now,
    async advanceTo(iso) {
      await clock({ to: iso });
    },
    async advanceBy(seconds) {
      await clock({ advanceSeconds: seconds });
    },
    async sent(caseId) {
      return (await deps.repository.listOutboxByCase(caseId)).filter((r) => r.status === 'SENT');
    },
    async status(name) {
      try {
        return (await sfn.send(new DescribeExecutionCommand({ executionArn: arnOf(name) }))).status;
      } catch {
        return undefined;
      }
    },
    async history(name) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn: arnOf(name), nextToken, maxResults: 1000 }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return events;
    },
    async close() {
      sfn.destroy();
      await stack.close();
    },
  };
}

export interface Policy {
  readonly acts?: (task: Task) => boolean;
  readonly appointmentOutcome?: (n: number) => AppointmentOutcome;
  readonly breachOutcome?: BreachOutcome;
}

/** Staff act on every open task the policy allows, through the services. */
export async function actOnOpenTasks(s: ScenarioStack, caseId: string, policy: Policy = {}): Promise<number> {
  const now = await s.now();
  let acted = 0;
  for (const task of await s.deps.repository.listOpenTasksByCase(caseId)) {
    if (policy.acts && !policy.acts(task)) continue;
    if (task.type === 'APPOINTMENT_OUTCOME') {
      const n = Number(/appointment-outcome-(\d+)$/.exec(task.taskId)?.[1]);
      await recordAppointmentOutcome(
        s.deps,
        {
          appointmentId: `${caseId}-appt-${String(n).padStart(2, '0')}`,
          actorId: task.assigneeId,
          outcome: policy.appointmentOutcome?.(n) ?? 'ATTENDED_COMPLIED',
        },
        now,
      );
    } else if (task.type === 'BREACH_OUTCOME' || task.type === 'RECALL_REVIEW') {
      if (!policy.breachOutcome) continue;
      await recordBreachOutcome(
        s.deps,
        { caseId, actorId: task.assigneeId, outcome: policy.breachOutcome },
        now,
      );
    } else {
      await completeTask(
        s.deps,
        {
          taskId: task.taskId,
          actorId: task.assigneeId,
          completion:
            task.type === 'PRE_RELEASE_ASSESSMENT' ? { answers: DEFAULT_ASSESSMENT } : { outcome: 'DONE' },
        },
        now,
      );
    }
    acted += 1;
  }
  await s.advanceBy(0);
  return acted;
}

/** Advances the stack's clock to `until` in steps, staff acting after each. */
export async function runWithStaff(
  s: ScenarioStack,
  caseId: string,
  until: string,
  policy: Policy = {},
  stepHours = 3,
) {
  const end = Date.parse(until);
  for (let now = Date.parse(await s.now()); now < end; now = Math.min(end, now + stepHours * 3_600_000)) {
    await actOnOpenTasks(s, caseId, policy);
    await s.advanceTo(new Date(Math.min(end, now + stepHours * 3_600_000)).toISOString());
  }
  await actOnOpenTasks(s, caseId, policy);
}

/**
 * Fault injection in the Lambda invoker (never in the handlers): a share of synchronous invocations, the ones the
 * workflows make, fail with Lambda's transient errors, half before the handler runs and half after (a lost reply).
 */
export function injectFaults(
  s: ScenarioStack,
  rate: number,
  random: () => number,
): { calls: number; failed: number } {
  const runner = s.stack.runner;
  const original = runner.invoke.bind(runner);
  const counts = { calls: 0, failed: 0 };
  const fail = (errorType: string) => ({
    ok: false as const,
    error: { errorType, errorMessage: 'injected transient failure', trace: [] },
  });
  runner.invoke = async (fn, event, options) => {
    counts.calls += 1;
    if (random() < rate / 2) {
      counts.failed += 1;
      return fail('Lambda.TooManyRequestsException');
    }
    const result = await original(fn, event, options);
    if (random() < rate / 2) {
      counts.failed += 1;
      return fail('Lambda.ServiceException');
    }
    return result;
  };
  return counts;
}
