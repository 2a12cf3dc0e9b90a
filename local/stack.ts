/**
 * The local stack, programmatically: one AWS endpoint (Step Functions on the local engine, DynamoDB on dynalite,
 * SES, SMS, EventBridge Scheduler, Lambda Invoke), the project's handlers run in process by the Lambda runner, one
 * clock, and, through an optional hook, the staff API. Used by `npm run local` (local/cli.ts), the e2e tests and
 * the simulator.
 *
 *   const stack = await startStack({ port: 0, clock: 'manual', startTime: '2027-01-04T09:00:00Z' });
 *   // AWS_ENDPOINT_URL=stack.endpoint; POST stack.endpoint/_local/clock { advanceSeconds: 86400 }
 *   await stack.close();
 *
 * With `dataDir`, state survives a restart: dynalite's files, the engine's journal, schedules, the outbox, the link
 * key and the clock's time. Without it, a fresh temporary directory (removed on close).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { Engine, FileStore } from '#engine/index.ts';
import { HANDLERS, type HandlerSpec, WORKFLOWS, type WorkflowSpec } from '#functions/manifest.ts';
import type { Clock, ClockMode } from '#local/clock/clock.ts';
import { createClock } from '#local/clock/runtime-clock.ts';
import { openLocalTable } from '#local/dynamodb/dynalite.ts';
import { controlRoutes } from './control.ts';
import { applyEnvironment, handlerEnvironment, LOCAL_NAME } from './environment.ts';
import { LambdaRunner } from './lambda-runner.ts';
import { Outbox } from './outbox.ts';
import { scheduleDelivery } from './scheduler/delivery.ts';
import { Schedules } from './scheduler/schedules.ts';
import { startEndpoint } from './server.ts';
import { dynamoDbProxy } from './services/dynamodb.ts';
import { lambdaService } from './services/lambda.ts';
import { schedulerService } from './services/scheduler.ts';
import { sesService } from './services/ses.ts';
import { smsService } from './services/sms.ts';
import { stepFunctionsService } from './services/stepfunctions.ts';
import { createStateMachines } from './state-machines.ts';
import { ACCOUNT_ID, REGION } from './wire.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What the staff API hook is given: enough to serve the API against the stack. */
export interface StackContext {
  readonly endpoint: string;
  readonly clock: Clock;
  /** the handler environment, already set on process.env */
  readonly env: Readonly<Record<string, string>>;
  readonly engine: Engine;
  readonly runner: LambdaRunner;
  readonly linkKey: string;
  /** the staff API's port, asked for with --api-port (default 3000; 0: any free port) */
  readonly port: number;
  readonly dataDir: string;
}

export interface StackApi {
  readonly url: string;
  /** a bearer token for an administrator (development tokens exist only locally), or null */
  readonly adminToken: string | null;
  close?(): Promise<void>;
}

export type ApiHook = (context: StackContext) => Promise<StackApi>;

export interface StackOptions {
  /** default 4566; 0 picks a free port */
  readonly port?: number;
  readonly host?: string;
  /** default 'real' */
  readonly clock?: ClockMode;
  /** the clock's initial time; default the time saved in dataDir, else now */
  readonly startTime?: string | number | Date;
  readonly dataDir?: string;
  /** default the manifest's HANDLERS and WORKFLOWS */
  readonly handlers?: readonly HandlerSpec[];
  readonly workflows?: readonly WorkflowSpec[];
  /** where handler entries and workflow files are resolved from; default the repository root */
  readonly root?: string;
  readonly tableName?: string;
  readonly apiPort?: number;
  readonly api?: ApiHook;
  /** handlers' LOG_LEVEL, default WARN */
  readonly logLevel?: string;
}

export interface RunningStack {
  readonly endpoint: string;
  readonly port: number;
  readonly clock: Clock;
  readonly engine: Engine;
  readonly outbox: Outbox;
  readonly schedules: Schedules;
  readonly runner: LambdaRunner;
  readonly env: Readonly<Record<string, string>>;
  readonly dataDir: string;
  /** workflow name → unqualified state machine ARN */
  readonly stateMachines: Readonly<Record<string, string>>;
  readonly api: StackApi | undefined;
  close(): Promise<void>;
}

function readOrCreateLinkKey(dataDir: string): string {
  const file = join(dataDir, 'link-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Without a start time, the clock resumes where it stopped (time never goes back across a restart). */
function initialTime(options: StackOptions, mode: ClockMode, clockFile: string): number | undefined {
  if (options.startTime !== undefined) return new Date(options.startTime).getTime();
  if (!existsSync(clockFile)) return undefined;
  const saved = Date.parse((JSON.parse(readFileSync(clockFile, 'utf8')) as { now: string }).now);
  if (!Number.isFinite(saved)) return undefined;
  return mode === 'real' ? Math.max(saved, Date.now()) : saved;
}

export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'resettle-local-'));
  mkdirSync(dataDir, { recursive: true });
  const handlers = options.handlers ?? HANDLERS;
  const workflows = options.workflows ?? WORKFLOWS;
  const root = options.root ?? REPO_ROOT;
  const tableName = options.tableName ?? LOCAL_NAME;
  const mode = options.clock ?? 'real';
  const clockFile = join(dataDir, 'clock.json');
  const start = initialTime(options, mode, clockFile);
  if (start !== undefined && !Number.isFinite(start))
    throw new Error(`Invalid start time: ${options.startTime}`);
  const clock = createClock({ mode, ...(start !== undefined ? { startTime: start } : {}) });
  const saveClock = () =>
    writeFileSync(clockFile, JSON.stringify({ now: new Date(clock.now()).toISOString() }));
  const cleanups: Array<() => Promise<void> | void> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error('local stack: error while closing', error);
      }
    }
    cleanups.length = 0;
  };

  try {
    const linkKey = readOrCreateLinkKey(dataDir);
    const outbox = new Outbox(dataDir);
    const runner = new LambdaRunner({ handlers, root, clock });
    cleanups.push(() => clock.close());

    const table = await openLocalTable(tableName, { path: join(dataDir, 'dynamodb') });
    cleanups.push(() => table.close());
    const dynamo = table.client;

    // The endpoint listens first (its URL goes into the environment); requests wait until the services exist.
    let services: Parameters<typeof startEndpoint>[0]['routes'] | undefined;
    let markReady!: () => void;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const later =
      <K extends keyof NonNullable<typeof services>>(name: K) =>
      async (...args: Parameters<NonNullable<typeof services>[K]>) => {
        await ready;
        // biome-ignore lint/suspicious/noExplicitAny: forwarding the same arguments to the same route
        return (services![name] as (...a: any[]) => Promise<void>)(...args);
      };
    const endpoint = await startEndpoint({
      clock,
      port: options.port ?? 4566,
      ...(options.host ? { host: options.host } : {}),
      routes: {
        stepFunctions: later('stepFunctions'),
        dynamodb: later('dynamodb'),
        sms: later('sms'),
        ses: later('ses'),
        scheduler: later('scheduler'),
        lambda: later('lambda'),
        control: later('control'),
      },
    });
    cleanups.push(() => endpoint.close());

    const apiPort = options.apiPort ?? 3000;
    const env = handlerEnvironment({
      endpoint: endpoint.url,
      handlers,
      workflows,
      tableName,
      linkKey,
      staffPortalUrl: `http://127.0.0.1:${apiPort}`,
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
    cleanups.push(applyEnvironment(env));

    const callDynamoDb = async (action: string, params: Record<string, unknown>) => {
      // biome-ignore lint/suspicious/noExplicitAny: the ASL arguments are the API's request shape
      const input = params as any;
      const command =
        action === 'getItem'
          ? new GetItemCommand(input)
          : action === 'putItem'
            ? new PutItemCommand(input)
            : action === 'updateItem'
              ? new UpdateItemCommand(input)
              : new DeleteItemCommand(input);
      // biome-ignore lint/suspicious/noExplicitAny: one of four commands
      return clock.track(dynamo.send(command as any));
    };
    const engine = new Engine({
      clock,
      invokeLambda: runner.invokeForEngine,
      callDynamoDb,
      store: new FileStore(join(dataDir, 'engine')),
      region: REGION,
      accountId: ACCOUNT_ID,
    });
    cleanups.push(async () => {
      await Promise.race([clock.settle(), new Promise((r) => setTimeout(r, 5_000).unref())]);
      await engine.close();
    });
    await engine.ready();
    const stateMachines = await createStateMachines(engine, { workflows, handlers, root, tableName });

    const schedules = new Schedules(clock, scheduleDelivery(runner, engine), dataDir);
    schedules.ensureGroup(env.SCHEDULE_GROUP ?? LOCAL_NAME);
    cleanups.push(() => schedules.close());
    cleanups.push(saveClock);
    const clockSaver = setInterval(saveClock, 5_000);
    clockSaver.unref();
    cleanups.push(() => clearInterval(clockSaver));

    services = {
      stepFunctions: stepFunctionsService(engine),
      dynamodb: dynamoDbProxy(table.endpoint),
      sms: smsService(outbox, clock),
      ses: sesService(outbox, clock),
      scheduler: schedulerService(schedules),
      lambda: lambdaService(runner),
      control: controlRoutes({ clock, outbox }),
    };
    markReady();

    let api: StackApi | undefined;
    if (options.api) {
      api = await options.api({
        endpoint: endpoint.url,
        clock,
        env,
        engine,
        runner,
        linkKey,
        port: apiPort,
        dataDir,
      });
      if (api.close) cleanups.push(() => api?.close?.());
      process.env.STAFF_PORTAL_URL = api.url;
    }
    if (temporary) cleanups.unshift(() => rmSync(dataDir, { recursive: true, force: true }));

    let closing: Promise<void> | undefined;
    return {
      endpoint: endpoint.url,
      port: endpoint.port,
      clock,
      engine,
      outbox,
      schedules,
      runner,
      env,
      dataDir,
      stateMachines,
      api,
      close() {
        closing ??= cleanup();
        return closing;
      },
    };
  } catch (error) {
    await cleanup();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
