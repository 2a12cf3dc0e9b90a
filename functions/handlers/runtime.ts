/**
 * What every journey Lambda shares: its ports, built from the environment once per container (docs/engineering.md
 * names the variables), and `journeyHandler`, which wraps a service call in middy: the payload is validated with zod
 * (a bad payload is a typed `InvalidInput` error and nothing is written), the log carries the case id and execution
 * name only, and errors leave with a stable name a workflow can `Retry` or `Catch` (AWS throttling and lost races
 * become `TransientError`). Tests and the local simulator may put in-memory ports in place with `useJourneyDeps`.
 */
import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { z } from 'zod';
import { type LinkKey, loadLinkKey } from '#functions/api/links.ts';
import type { JourneyDeps, JourneyLog } from '#functions/services/deps.ts';
import { InvalidInput, isTransient, TransientError } from '#functions/services/errors.ts';
import { parseInput } from '#schemas/common.ts';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'resettle' });

/**
 * The container's log level, read once: it comes from the environment when the logger is made and nothing here
 * changes it (no debug sampling), while reading `logger.level` costs an environment lookup on every call.
 */
const logLevel = logger.level;

/** Whether a line at `threshold` (`LogLevelThreshold.INFO`, …) prints: callers skip building lines that would not. */
export const logsAt = (threshold: number): boolean => logLevel <= threshold;

/** The journey's log: ids only, at INFO and WARN, skipped when the level would not print them. */
export const journeyLog: JourneyLog = {
  info: (message, ids) => {
    if (logsAt(LogLevelThreshold.INFO)) logger.info(message, { ...ids });
  },
  warn: (message, ids) => {
    if (logsAt(LogLevelThreshold.WARN)) logger.warn(message, { ...ids });
  },
};

/**
 * The link-signing key, loaded once per container before the first event (`LINK_KEY` locally, Secrets Manager in
 * the cloud), so that notices carry signed, expiring, single-use action links rather than a bare task address.
 */
let linkKey: LinkKey | undefined;
/** What the cached ports were built from: a new local stack in the same process (tests) means new ports. */
let builtFor: string | undefined;
const environmentKey = (env: NodeJS.ProcessEnv) =>
  [env.AWS_ENDPOINT_URL, env.TABLE_NAME, env.LINK_KEY].join('|');

type AwsPorts = typeof import('./aws-deps.ts');
/**
 * The module that builds the ports against AWS, and with it the SDK clients: in Lambda it starts loading with the
 * container (its init phase); elsewhere only when `prepareDeps` is first called, so that tests and the simulator,
 * which put their own ports in place, never load the SDK (about 0.3 s of a process's start).
 */
let awsPorts: Promise<AwsPorts> | undefined = process.env.AWS_LAMBDA_FUNCTION_NAME
  ? import('./aws-deps.ts')
  : undefined;
let awsPortsLoaded: AwsPorts | undefined;

/** Loads what the environment's ports need, once per container: the AWS adapters and the link key. */
export async function prepareDeps(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (builtFor !== environmentKey(env)) {
    linkKey = undefined;
    deps = undefined;
    builtFor = environmentKey(env);
  }
  awsPorts ??= import('./aws-deps.ts');
  awsPortsLoaded ??= await awsPorts;
  if (linkKey === undefined && (env.LINK_KEY || env.LINK_KEY_SECRET_ARN)) linkKey = await loadLinkKey(env);
}

let deps: JourneyDeps | undefined;
let override: JourneyDeps | undefined;

/** Put ports in place of the environment's (tests, the simulator); `undefined` goes back to the environment. */
export function useJourneyDeps(replacement: JourneyDeps | undefined): void {
  override = replacement;
}

let depsLinkKey: LinkKey | undefined;

/** The ports in place (`useJourneyDeps`), or the environment's once `prepareDeps` has loaded what they need. */
export function journeyDeps(): JourneyDeps {
  if (override) return override;
  if (!awsPortsLoaded) throw new Error('journeyDeps() before prepareDeps(): the AWS ports are not loaded');
  // built once per container, and once more when the link key arrives after an early use (no signed links before)
  if (!deps || depsLinkKey !== linkKey) {
    deps = awsPortsLoaded.journeyDepsFromEnv(process.env, linkKey);
    depsLinkKey = linkKey;
  }
  return deps;
}

/** A payload failed its schema: its name is what workflows and callers see. */
export function parsePayload<S extends z.ZodType>(schema: S, event: unknown): z.output<S> {
  const parsed = parseInput(schema, event);
  if (!parsed.ok) throw new InvalidInput(parsed.errors);
  return parsed.value;
}

/**
 * Whether a parsed payload has an optional field: the payload itself is narrowed, so it goes on to the domain as
 * parsed rather than taken apart and built again with the field (a copy of every field, each invocation).
 */
export function hasField<P extends object, K extends keyof P>(
  payload: P,
  key: K,
): payload is P & { readonly [F in K]-?: Exclude<P[F], undefined> } {
  return payload[key] !== undefined;
}

/** Errors leave with a stable name; transient AWS errors become `TransientError`. Messages carry no personal data. */
export function normaliseError(error: unknown): Error {
  if (error instanceof TransientError) return error;
  if (isTransient(error)) return new TransientError(`${(error as Error).name}: transient failure`);
  if (error instanceof Error) return error;
  return new Error(String(error));
}

/** The ids of a validated payload that go on the invocation's log lines: case, execution and task. */
function logKeys(payload: unknown): Record<string, string> {
  const ids = payload as {
    caseId?: unknown;
    executionName?: unknown;
    taskId?: unknown;
    task?: { taskId?: unknown };
  };
  const taskId = ids.taskId ?? ids.task?.taskId;
  return {
    ...(typeof ids.caseId === 'string' ? { caseId: ids.caseId } : {}),
    ...(typeof ids.executionName === 'string' ? { executionName: ids.executionName } : {}),
    ...(typeof taskId === 'string' ? { taskId } : {}),
  };
}

/**
 * A journey Lambda: `run(deps, payload)` with the payload validated by `schema`. The payload carries `now` (the state
 * entered time, the schedule's time or the request time); the handler never reads the clock.
 */
export function journeyHandler<S extends z.ZodType, R>(
  schema: S,
  run: (deps: JourneyDeps, payload: z.output<S>) => Promise<R>,
) {
  return middy(async (event: unknown): Promise<R> => {
    // A journey step logs at INFO and WARN only: when neither can print (e.g. LOG_LEVEL=ERROR), the logger's keys
    // are left alone, saving the attribute store's work (and its environment reads) on every invocation.
    const keyed = logsAt(LogLevelThreshold.WARN);
    if (keyed) logger.resetKeys();
    try {
      const payload = parsePayload(schema, event);
      // ids only, and only once validated: nothing from a malformed payload reaches the log
      if (keyed) logger.appendKeys(logKeys(payload));
      if (!override) await prepareDeps();
      return await run(journeyDeps(), payload);
    } catch (error) {
      const normalised = normaliseError(error);
      logger.warn('journey step failed', {
        error: normalised.name,
        ...(normalised === error ? {} : { cause: (error as Error)?.name }),
      });
      throw normalised;
    }
  });
}
