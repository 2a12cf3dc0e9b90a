/**
 * What a staff API route works with: the journey's ports (`JourneyDeps`, the same the Lambdas use), the link key, and
 * the request: method, route, path parameters, query, the authenticated actor and the request time ("now", from the
 * event's `requestContext.timeEpoch`, never the wall clock).
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { Staff } from '#domain/entities.ts';
import type { JourneyDeps } from '#functions/services/deps.ts';
import type { LinkKey } from './links.ts';

export type StaffApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

export interface ApiContext {
  readonly deps: JourneyDeps;
  /** the link-signing key (cached per container) */
  readonly linkKey: () => Promise<LinkKey>;
  /** local only: the key that signs development bearer tokens; `POST /staff` then answers a `devToken` */
  readonly devTokenKey?: LinkKey;
}

/** The authenticated staff member; the role is the stored staff record's, never the token's. */
export type Actor = Staff;

export interface ApiRequest<B = undefined> {
  readonly event: StaffApiEvent;
  /** the route template, e.g. `POST /cases/{caseId}/events` (what audit records carry, never the raw path) */
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** ISO 8601 request time */
  readonly now: string;
  readonly body: B;
}

export interface StaffRequest<B = undefined> extends ApiRequest<B> {
  readonly actor: Actor;
}
