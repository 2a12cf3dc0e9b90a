/**
 * The whole journey in one process, for the simulator: the real workflows/*.asl.json on the local engine with the
 * manifest's substitutions, the real handlers called through the engine's Lambda invoker, in-memory ports (no SDK
 * calls on the hot path) and one manual clock that also fires the one-time schedules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClockScheduler } from '#adapters/clock-scheduler.ts';
import { MemoryRepository } from '#adapters/memory-repository.ts';
import { MemoryNotifier } from '#adapters/notifier.ts';
import { MemoryReleaseWaits } from '#adapters/release-waits.ts';
import type { ResettleRepository } from '#adapters/repository.ts';
import { SfnWorkflows } from '#adapters/workflows.ts';
import { DEFAULT_CONFIG } from '#domain/config.ts';
import { Engine } from '#engine/index.ts';
import { HANDLERS, WORKFLOWS } from '#functions/manifest.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { useJourneyDeps } from '#handlers/runtime.ts';
import { createClock, type RuntimeClock } from '#local/clock/runtime-clock.ts';

const ROOT = join(import.meta.dirname, '../..');
const REGION = 'eu-west-2';
const ACCOUNT = '000000000000';
const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:resettle-sim-${name}`;
const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:resettle-sim-${name}`;

type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export interface JourneyRuntime {
  readonly clock: RuntimeClock;
  readonly engine: Engine;
  readonly repository: ResettleRepository;
  readonly notifier: MemoryNotifier;
  readonly deps: JourneyDeps;
  readonly stateMachineArns: readonly string[];
  /** Lambda invocations by function name */
  readonly invocations: Map<string, number>;
  scheduleInvocations(): number;
  now(): string;
  close(): Promise<void>;
}

export async function startJourneyRuntime(options: {
  startTime: string;
  repository?: ResettleRepository;
}): Promise<JourneyRuntime> {
  const clock = createClock({ mode: 'manual', startTime: options.startTime });
  const repository = options.repository ?? new MemoryRepository();
  const notifier = new MemoryNotifier();
  const invocations = new Map<string, number>();
  const handlers = new Map<string, LambdaHandler>();
  for (const spec of HANDLERS.filter((h) => !h.api)) {
    const module = (await import(join(ROOT, spec.entry))) as { handler: LambdaHandler };
    handlers.set(functionArn(spec.name), module.handler);
  }
  let requests = 0;
  const invoke = async (arn: string, payload: unknown): Promise<unknown> => {
    const bare = arn.replace(/:live$/, '');
    const handler = handlers.get(bare);
    if (!handler)
      throw Object.assign(new Error(`no function ${arn}`), { name: 'Lambda.ResourceNotFoundException' });
    const name = bare.slice(bare.lastIndexOf('resettle-sim-') + 'resettle-sim-'.length);
    invocations.set(name, (invocations.get(name) ?? 0) + 1);
    return handler(structuredClone(payload), { functionName: name, awsRequestId: `sim-${++requests}` });
  };
  let scheduled = 0;
  const engine = new Engine({ clock, invokeLambda: (arn, payload) => invoke(arn, payload) });
  const scheduler = new ClockScheduler(clock, (arn, payload) => {
    scheduled++;
    return invoke(arn, payload);
  });
  let seq = 0;
  const deps: JourneyDeps = {
    repository,
    notifier,
    scheduler,
    workflows: new SfnWorkflows(engine),
    releaseWaits: new MemoryReleaseWaits(),
    config: DEFAULT_CONFIG,
    settings: {
      staffPortalUrl: 'https://portal.resettle.example',
      custodyStateMachineArn: machineArn('Custody'),
      communityStateMachineArn: machineArn('Community'),
      staffTaskStateMachineArn: machineArn('StaffTask'),
      releaseTriggerFunctionArn: functionArn('releaseTrigger'),
      journeyStartFunctionArn: functionArn('journeyStart'),
    },
    newId: () => `case${String(++seq).padStart(5, '0')}`,
  };
  useJourneyDeps(deps);
  const substitutions: Record<string, string> = {};
  for (const h of HANDLERS) if (h.substitution) substitutions[h.substitution] = functionArn(h.name);
  for (const w of WORKFLOWS) substitutions[w.substitution] = machineArn(w.name);
  const stateMachineArns: string[] = [];
  for (const w of WORKFLOWS) {
    const definition = readFileSync(join(ROOT, w.file), 'utf8').replace(
      /\$\{(\w+)\}/g,
      (m, key: string) => substitutions[key] ?? m,
    );
    const created = await engine.createStateMachine({
      name: `resettle-sim-${w.name}`,
      definition,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/resettle-sim-workflows`,
    });
    stateMachineArns.push(created.stateMachineArn!);
  }
  return {
    clock,
    engine,
    repository,
    notifier,
    deps,
    stateMachineArns,
    invocations,
    scheduleInvocations: () => scheduled,
    now: () => new Date(clock.now()).toISOString(),
    async close() {
      useJourneyDeps(undefined);
      await engine.close();
      clock.close();
    },
  };
}
