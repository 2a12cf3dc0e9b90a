/**
 * The local Lambda runner: each handler of the manifest is loaded from its `entry` (the file CDK bundles) with a
 * dynamic `import()` (tsx compiles it: the process runs under tsx or vitest) and called as the Node.js runtime calls
 * it: `handler(event, context)` with a Lambda context object, the result serialised to JSON, a thrown error turned
 * into `{ errorType, errorMessage, trace }`. Every invocation is `clock.track`ed, so virtual time stands still while
 * a handler runs. The environment is the process's own (the stack sets it once: it is the same for every handler).
 *
 * Functions are named `resettle-local-<name>`; `arn:aws:lambda:eu-west-2:000000000000:function:resettle-local-<name>`
 * is accepted unqualified, `:live` or `:$LATEST` (the alias CDK points the workflows at, and the unpublished code).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HandlerSpec } from '#functions/manifest.ts';
import type { Clock } from '#local/clock/clock.ts';
import { ACCOUNT_ID, REGION } from './wire.ts';

export const FUNCTION_PREFIX = 'resettle-local-';
export const LIVE = 'live';
const QUALIFIERS = new Set([LIVE, '$LATEST']);
/** Lambda's asynchronous invocation retries a function error twice, after about one and two minutes. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
}

export type InvocationResult =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly error: FunctionError };

type Handler = (
  event: unknown,
  context: object,
  callback?: (error: unknown, result?: unknown) => void,
) => unknown;

export const functionName = (handlerName: string) => `${FUNCTION_PREFIX}${handlerName}`;
export const functionArn = (handlerName: string, qualifier?: string) =>
  `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName(handlerName)}${qualifier ? `:${qualifier}` : ''}`;

/** A thrown value in the shape the Node.js runtime reports it. */
export function toFunctionError(error: unknown): FunctionError {
  if (error instanceof Error) {
    return {
      errorType: error.name || error.constructor?.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

export class FunctionNotFound extends Error {
  constructor(fn: string) {
    super(`Function not found: ${fn}`);
    this.name = 'ResourceNotFoundException';
  }
}

export class LambdaRunner {
  private readonly byName = new Map<string, HandlerSpec>();
  private readonly modules = new Map<string, Promise<Handler>>();
  private invocations = 0;

  constructor(private readonly options: { handlers: readonly HandlerSpec[]; root: string; clock: Clock }) {
    for (const spec of options.handlers) this.byName.set(functionName(spec.name), spec);
  }

  get handlers(): readonly HandlerSpec[] {
    return this.options.handlers;
  }

  /** How many invocations have run (diagnostics). */
  count(): number {
    return this.invocations;
  }

  /**
   * The handler a function name, ARN or partial ARN (`<account>:function:<name>`) names, and the qualifier; a
   * `qualifier` argument (Invoke's `Qualifier`) wins over one in the name. Undefined when no such function exists.
   */
  resolve(fn: string, qualifier?: string): { spec: HandlerSpec; arn: string } | undefined {
    let name = fn;
    let q: string | undefined;
    const arn =
      /^(?:arn:aws:lambda:([a-z0-9-]+):)?(?:(\d{12}):)?function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9_$-]+))?$/.exec(
        fn,
      );
    if (arn) {
      if ((arn[1] && arn[1] !== REGION) || (arn[2] && arn[2] !== ACCOUNT_ID)) return undefined;
      name = arn[3]!;
      q = arn[4];
    } else {
      const parts = fn.split(':');
      name = parts[0]!;
      q = parts[1];
    }
    q = qualifier ?? q;
    if (q !== undefined && !QUALIFIERS.has(q)) return undefined;
    const spec = this.byName.get(name);
    return spec ? { spec, arn: functionArn(spec.name, q) } : undefined;
  }

  private load(spec: HandlerSpec): Promise<Handler> {
    let loaded = this.modules.get(spec.entry);
    if (!loaded) {
      loaded = import(pathToFileURL(join(this.options.root, spec.entry)).href).then(
        (module: { handler?: unknown }) => {
          if (typeof module.handler !== 'function') {
            const error = new Error(`${spec.entry} does not export a function named handler`);
            error.name = 'Runtime.HandlerNotFound';
            throw error;
          }
          return module.handler as Handler;
        },
        (cause: unknown) => {
          const error = new Error(`Cannot load ${spec.entry}: ${(cause as Error)?.message ?? cause}`);
          error.name = 'Runtime.ImportModuleError';
          throw error;
        },
      );
      this.modules.set(spec.entry, loaded);
      loaded.catch(() => this.modules.delete(spec.entry));
    }
    return loaded;
  }

  /** Invoke synchronously (RequestResponse): the JSON result or the function error. Unknown function: throws. */
  invoke(
    fn: string,
    event: unknown,
    options: { qualifier?: string; requestId?: string; clientContext?: unknown } = {},
  ): Promise<InvocationResult> {
    const target = this.resolve(fn, options.qualifier);
    if (!target) return Promise.reject(new FunctionNotFound(fn));
    return this.options.clock.track(this.run(target.spec, target.arn, event, options));
  }

  /**
   * Invoke asynchronously (`Event`, as EventBridge Scheduler and `X-Amz-Invocation-Type: Event` do): throws at once
   * for an unknown function; a function error is retried twice, one and then two minutes later on the runtime's
   * clock (Lambda's asynchronous retries), then given up with a log line naming the function and request id.
   * `firstAttempt` settles (never rejects) once the first call has.
   */
  invokeAsync(
    fn: string,
    event: unknown,
    options: { qualifier?: string } = {},
  ): { requestId: string; firstAttempt: Promise<void> } {
    if (!this.resolve(fn, options.qualifier)) throw new FunctionNotFound(fn);
    const requestId = randomUUID();
    const attempt = (n: number): Promise<void> =>
      this.invoke(fn, event, { ...options, requestId }).then((result) => {
        if (result.ok) return;
        if (n < ASYNC_RETRY_DELAYS_MS.length + 1) {
          const delay = ASYNC_RETRY_DELAYS_MS[n - 1]!;
          this.options.clock.schedule(this.options.clock.now() + delay, () => attempt(n + 1));
        } else
          console.error(
            `local lambda: ${fn} request ${requestId} failed ${n} times (${result.error.errorType}); event dropped`,
          );
      });
    const firstAttempt = attempt(1).catch((error) =>
      console.error(`local lambda: ${fn} async invoke failed`, error),
    );
    return { requestId, firstAttempt };
  }

  /** The engine's `invokeLambda`: the result, or the function error thrown with its `errorType` as the name. */
  readonly invokeForEngine = async (fn: string, payload: unknown): Promise<unknown> => {
    let result: InvocationResult;
    try {
      result = await this.invoke(fn, payload);
    } catch (error) {
      if (error instanceof FunctionNotFound) error.name = 'Lambda.ResourceNotFoundException';
      throw error;
    }
    if (result.ok) return result.payload;
    const error = new Error(result.error.errorMessage);
    error.name = result.error.errorType;
    error.stack = result.error.trace.join('\n');
    throw error;
  };

  private async run(
    spec: HandlerSpec,
    invokedArn: string,
    event: unknown,
    options: { requestId?: string; clientContext?: unknown },
  ): Promise<InvocationResult> {
    this.invocations++;
    const timeoutMs = (spec.timeoutSeconds ?? 30) * 1000;
    const deadline = performance.now() + timeoutMs;
    const name = functionName(spec.name);
    const requestId = options.requestId ?? randomUUID();
    const today = new Date(this.options.clock.now()).toISOString().slice(0, 10).replaceAll('-', '/');
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: invokedArn,
      memoryLimitInMB: String(spec.memoryMb ?? 512),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: `${today}/[$LATEST]${randomBytes(16).toString('hex')}`,
      ...(options.clientContext !== undefined ? { clientContext: options.clientContext } : {}),
      getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    // the event arrives as JSON, as it does over the wire: the handler never shares objects with its caller
    const input = event === undefined ? null : JSON.parse(JSON.stringify(event));
    let timer: NodeJS.Timeout | undefined;
    try {
      const handler = await this.load(spec);
      const result = await Promise.race([
        new Promise<unknown>((resolve, reject) => {
          const returned = handler(input, context, (error, value) =>
            error ? reject(error) : resolve(value),
          );
          if (returned && typeof (returned as Promise<unknown>).then === 'function')
            (returned as Promise<unknown>).then(resolve, reject);
          else if (handler.length < 3) resolve(returned);
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const error = new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
            error.name = 'Sandbox.Timedout';
            error.stack = '';
            reject(error);
          }, timeoutMs);
        }),
      ]);
      const json = JSON.stringify(result ?? null);
      return { ok: true, payload: JSON.parse(json) };
    } catch (error) {
      return { ok: false, error: toFunctionError(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
