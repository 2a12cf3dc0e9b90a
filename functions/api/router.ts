/**
 * The staff API's router: maps method and path of a payload v2 event to a route, and does the common work for every
 * route in one order: body size (413), identity (401), role (403, audited), content type (415), JSON and schema
 * (400), then the route. Matching uses `rawPath` against the templates, so it works the same behind explicit HTTP API
 * routes, a `$default` proxy, or the local server. Any error becomes a JSON problem (links: an HTML page).
 */
import { authenticate, requireRole } from './auth.ts';
import type { Actor, ApiContext, ApiRequest, StaffApiEvent, StaffRequest } from './context.ts';
import { toHttpError } from './errors.ts';
import { badRequest, HttpError, type HttpResult, json } from './http.ts';
import { openApiDocument } from './openapi.ts';
import { jsonBody, queryOf, rawBody, requestTime } from './request.ts';
import { ANY_STAFF, type Route, routeKey, staffRoute } from './route.ts';
import { caseEventRoutes } from './routes/case-events.ts';
import { caseRoutes } from './routes/cases.ts';
import { linkRoutes } from './routes/links.ts';
import { staffRoutes } from './routes/staff.ts';
import { taskRoutes } from './routes/tasks.ts';

const documentedRoutes: readonly Route[] = [
  ...staffRoutes,
  ...caseRoutes,
  ...caseEventRoutes,
  ...taskRoutes,
  ...linkRoutes,
];

let openApi: Record<string, unknown> | undefined;

const openApiRoute = staffRoute({
  method: 'GET',
  path: '/openapi.json',
  summary: 'This API as an OpenAPI 3.1 document',
  roles: ANY_STAFF,
  action: 'READ_OPENAPI',
  responses: { 200: 'The OpenAPI document' },
  async handle() {
    openApi ??= openApiDocument([...documentedRoutes, openApiRoute]);
    return json(200, openApi);
  },
});

export const ROUTES: readonly Route[] = [...documentedRoutes, openApiRoute];

/** Route keys as API Gateway writes them, e.g. `POST /cases` (for the manifest's `routes`). */
export const ROUTE_KEYS: readonly string[] = ROUTES.map(routeKey);

interface CompiledRoute {
  readonly route: Route;
  readonly key: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** the number of `/` in the template: a path with another number cannot match (a parameter is one segment) */
  readonly slashes: number;
}

function slashesIn(path: string): number {
  let n = 0;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) n++;
  return n;
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]!);
      return '([^/]+)';
    })
    .join('/');
  return {
    route,
    key: routeKey(route),
    pattern: new RegExp(`^${source}$`),
    names,
    slashes: slashesIn(route.path),
  };
});

/** The route for a method and path, with its decoded path parameters; 404 or 405 otherwise. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; key: string; params: Record<string, string> } {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const slashes = slashesIn(normalised);
  const allowed: string[] = [];
  for (const compiled of COMPILED) {
    if (compiled.slashes !== slashes) continue;
    const match = compiled.pattern.exec(normalised);
    if (!match) continue;
    if (compiled.route.method !== method) {
      allowed.push(compiled.route.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [i, name] of compiled.names.entries()) {
      try {
        params[name] = decodeURIComponent(match[i + 1]!);
      } catch {
        throw badRequest([{ field: name, message: 'is not a valid URL path segment' }]);
      }
    }
    return { route: compiled.route, key: compiled.key, params };
  }
  if (allowed.length > 0)
    throw new HttpError(405, 'MethodNotAllowed', `use ${[...new Set(allowed)].join(' or ')} here`);
  throw new HttpError(404, 'NotFound', 'no such route');
}

export interface RoutedResult {
  readonly result: HttpResult;
  /** the route template that answered, for logs and metrics (never the raw path) */
  readonly route?: string;
  /** the error name of a failure, for logs (never its message) */
  readonly errorName?: string;
}

/**
 * The request as a staff route takes it. Written out rather than as `{ ...req, actor, body }`: V8 (Node 20) builds a
 * literal that opens with a spread and then adds properties through a slow path, microseconds each time.
 */
function staffRequest(req: ApiRequest, actor: Actor, body: unknown): StaffRequest<unknown> {
  return {
    event: req.event,
    route: req.route,
    params: req.params,
    query: req.query,
    now: req.now,
    body,
    actor,
  };
}

export async function routeRequest(ctx: ApiContext, event: StaffApiEvent): Promise<RoutedResult> {
  let route: Route | undefined;
  try {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? '';
    const matched = matchRoute(method, event.rawPath ?? '/');
    route = matched.route;
    const req: ApiRequest = {
      event,
      route: matched.key,
      params: matched.params,
      query: queryOf(event),
      now: requestTime(event),
      body: undefined,
    };
    const sized = rawBody(event);
    if (route.auth === 'link') return { result: await route.handle(ctx, req), route: req.route };
    const actor = await authenticate(ctx, req);
    await requireRole(ctx, req, actor, route.roles, route.action);
    const body = route.body ? jsonBody(event, route.body, sized) : undefined;
    const handle = route.handle as (ctx: ApiContext, req: StaffRequest<unknown>) => Promise<HttpResult>;
    return { result: await handle(ctx, staffRequest(req, actor, body)), route: req.route };
  } catch (error) {
    const problem = toHttpError(error);
    return {
      result: problem.toResult(),
      ...(route ? { route: routeKey(route) } : {}),
      errorName: problem.statusCode >= 500 ? ((error as Error)?.name ?? 'Error') : problem.code,
    };
  }
}
