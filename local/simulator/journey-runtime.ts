/**
 * The whole journey in one process, for the simulator: the real workflows/*.asl.json on the local engine with the
 * manifest's substitutions, the real handlers called through the engine's Lambda invoker, in-memory ports (no SDK
 * calls on the hot path) and one manual clock that also fires the one-time schedules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { jsonCopy } from '#local/json-copy.ts';

const ROOT = join(import.meta.dirname, '../..');
const REGION = 'eu-west-2';
const ACCOUNT = '000000000000';

type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;
/** How the engine and the scheduler call a function: by ARN, with the event. */
export type Invoke = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface JourneyRuntimeOptions {
  readonly startTime: string;
  readonly repository?: ResettleRepository;
  /** resource name prefix, e.g. `resettle-sim-` */
  readonly prefix?: string;
  /** wraps every Lambda call, e.g. to inject faults in tests (never inside the handlers) */
  readonly wrapInvoke?: (invoke: Invoke) => Invoke;
  readonly newId?: () => string;
  /** the notifier (default a MemoryNotifier that keeps every message) */
  readonly notifier?: MemoryNotifier;
}

export interface JourneyRuntime {
  readonly clock: RuntimeClock;
  readonly engine: Engine;
  readonly repository: ResettleRepository;
  readonly notifier: MemoryNotifier;
  readonly scheduler: ClockScheduler;
  readonly deps: JourneyDeps;
  readonly stateMachineArns: readonly string[];
  functionArn(name: string): string;
  machineArn(name: string): string;
  /** calls a function as Lambda would (through the wrapper, counted) */
  readonly invoke: Invoke;
  /** Lambda invocations by function name */
  readonly invocations: Map<string, number>;
  scheduleInvocations(): number;
  now(): string;
  close(): Promise<void>;
}

/**
 * A handler module by its manifest entry. Entries under `functions/handlers/` are imported through a template
 * literal, which bundlers resolve to every handler there (the simulator benchmark bundles its worker with esbuild).
 */
async function importHandler(entry: string): Promise<{ handler: LambdaHandler }> {
  const dir = /^functions\/handlers\/([\w-]+)\/index\.ts$/.exec(entry)?.[1];
  if (dir !== undefined) return import(`../../functions/handlers/${dir}/index.ts`);
  return import(pathToFileURL(join(ROOT, entry)).href);
}

export async function startJourneyRuntime(options: JourneyRuntimeOptions): Promise<JourneyRuntime> {
  const prefix = options.prefix ?? 'resettle-sim-';
  const functionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${prefix}${name}`;
  const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${prefix}${name}`;
  const clock = createClock({ mode: 'manual', startTime: options.startTime });
  const repository = options.repository ?? new MemoryRepository();
  const notifier = options.notifier ?? new MemoryNotifier();
  const invocations = new Map<string, number>();
  // each function by its ARN and by its `live` alias ARN (what the workflows call)
  const functions = new Map<string, { readonly name: string; readonly handler: LambdaHandler }>();
  for (const spec of HANDLERS.filter((h) => !h.api)) {
    const fn = { name: spec.name, handler: (await importHandler(spec.entry)).handler };
    functions.set(functionArn(spec.name), fn);
    functions.set(`${functionArn(spec.name)}:live`, fn);
  }
  let requests = 0;
  // not an async function: the handler's own promise is the answer, without another around it
  const direct: Invoke = (arn, payload) => {
    const fn = functions.get(arn);
    if (!fn)
      return Promise.reject(
        Object.assign(new Error(`no function ${arn}`), { name: 'Lambda.ResourceNotFoundException' }),
      );
    invocations.set(fn.name, (invocations.get(fn.name) ?? 0) + 1);
    // as on the wire: the handler gets its own copy of the JSON payload, as the round trip through JSON would give
    // it, built without the string (the journeys make tens of thousands of invocations)
    const event = jsonCopy(payload);
    return fn.handler(event, { functionName: fn.name, awsRequestId: `req-${++requests}` });
  };
  const invoke = options.wrapInvoke ? options.wrapInvoke(direct) : direct;
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
    newId: options.newId ?? (() => `case${String(++seq).padStart(5, '0')}`),
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
      name: `${prefix}${w.name}`,
      definition,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${prefix}workflows`,
    });
    stateMachineArns.push(created.stateMachineArn!);
  }
  return {
    clock,
    engine,
    repository,
    notifier,
    scheduler,
    deps,
    stateMachineArns,
    functionArn,
    machineArn,
    invoke,
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
