/**
 * The staff HTTP API's Lambda (API Gateway HTTP API, payload v2): middy around the router. Ports come from the
 * environment once per container (`journeyDeps`); the link key from `LINK_KEY` (local) or Secrets Manager (cloud).
 * The local server calls the same handler, built with `createStaffApiHandler({ env })`. Logs carry the route template
 * and status only: never the raw path (links carry tokens), bodies or personal data.
 */
import { LogLevelThreshold } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { ApiContext, StaffApiEvent } from '#functions/api/context.ts';
import { devTokenKey } from '#functions/api/dev-tokens.ts';
import type { HttpResult } from '#functions/api/http.ts';
import { loadLinkKey } from '#functions/api/links.ts';
import { routeRequest } from '#functions/api/router.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import { journeyDeps, logger, logsAt, prepareDeps } from '#handlers/runtime.ts';

export interface StaffApiHandlerOptions {
  /** default `process.env` */
  readonly env?: Record<string, string | undefined>;
  /** default the journey's ports from the environment (or those put in place with `useJourneyDeps`) */
  readonly deps?: () => JourneyDeps;
}

/** Local mode: a local link key and no secret. Only then does `POST /staff` mint development tokens. */
export function isLocal(env: Record<string, string | undefined>): boolean {
  return Boolean(env.LINK_KEY) && !env.LINK_KEY_SECRET_ARN;
}

export function createStaffApiHandler(options: StaffApiHandlerOptions = {}) {
  const env = options.env ?? process.env;
  const depsOf = options.deps ?? journeyDeps;
  const ctx: ApiContext = {
    get deps() {
      return depsOf();
    },
    linkKey: () => loadLinkKey(env),
    ...(isLocal(env) ? { devTokenKey: devTokenKey(env.LINK_KEY!) } : {}),
  };
  return middy(async (event: StaffApiEvent): Promise<HttpResult> => {
    // notices sent while handling this request (e.g. a task completed, the next one prompted) carry signed links
    if (!options.deps) await prepareDeps(env);
    const { result, route, errorName } = await routeRequest(ctx, event);
    const failed = result.statusCode >= 500;
    // the request line is INFO: skipped, fields and all, when the level is higher
    if (!failed && !logsAt(LogLevelThreshold.INFO)) return result;
    const fields = {
      route: route ?? 'unmatched',
      status: result.statusCode,
      ...(errorName ? { errorName } : {}),
    };
    if (failed) logger.error('staff api request failed', fields);
    else logger.info('staff api request', fields);
    return result;
  });
}

export const handler = createStaffApiHandler();
