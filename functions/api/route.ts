/**
 * How a route is declared: method and path template, who may call it, the zod schema of its body, what it answers
 * (for the OpenAPI document) and its handler. The router does the common work in one order for every route:
 * body size (413), identity (401), role (403, audited), content type (415), JSON and schema (400), then `handle`.
 */
import type { z } from 'zod';
import type { StaffRole } from '#domain/types.ts';
import type { ApiContext, ApiRequest, StaffRequest } from './context.ts';
import type { HttpResult } from './http.ts';

export type Method = 'GET' | 'POST' | 'PUT';

export interface QueryParameterDoc {
  readonly name: string;
  readonly description: string;
  readonly values?: readonly string[];
}

interface RouteBase {
  readonly method: Method;
  /** e.g. `/cases/{caseId}/events` */
  readonly path: string;
  readonly summary: string;
  /** answers this route gives, by status, for the documentation */
  readonly responses: Readonly<Record<number, string>>;
  readonly query?: readonly QueryParameterDoc[];
}

export interface StaffRoute<S extends z.ZodType | undefined = z.ZodType | undefined> extends RouteBase {
  readonly auth: 'staff';
  /** roles that may call it at all (finer checks, e.g. own tasks only, are in the handler or the service) */
  readonly roles: readonly StaffRole[];
  /** the audit action of a refusal by role */
  readonly action: string;
  readonly body?: S;
  readonly handle: (
    ctx: ApiContext,
    req: StaffRequest<S extends z.ZodType ? z.output<S> : undefined>,
  ) => Promise<HttpResult>;
}

export interface LinkRoute extends RouteBase {
  /** the signed link in the path is the authorization (no bearer token) */
  readonly auth: 'link';
  readonly handle: (ctx: ApiContext, req: ApiRequest<undefined>) => Promise<HttpResult>;
}

export type Route = StaffRoute<z.ZodType> | StaffRoute<undefined> | LinkRoute;

/** Declares a staff route, keeping the body type of its schema. */
export function staffRoute<S extends z.ZodType | undefined = undefined>(
  route: Omit<StaffRoute<S>, 'auth'>,
): Route {
  return { ...route, auth: 'staff' } as unknown as Route;
}

export function linkRoute(route: Omit<LinkRoute, 'auth'>): Route {
  return { ...route, auth: 'link' };
}

export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/** Every role. */
export const ANY_STAFF: readonly StaffRole[] = ['COM', 'POM', 'SPO', 'ENFORCEMENT', 'PARTNER', 'ADMIN'];
