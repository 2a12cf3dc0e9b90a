/**
 * Who is calling and what they may do. API Gateway's Cognito JWT authorizer (or, locally, the dev-token check of
 * the local server) puts the claims in `requestContext.authorizer.jwt.claims`; the staff id is `custom:staffId`, or
 * `sub`. The stored staff record is authoritative for the role: a claim never grants a role.
 */
import type { StaffRole } from '#domain/types.ts';
import { audit } from './audit.ts';
import type { Actor, ApiContext, ApiRequest, StaffApiEvent } from './context.ts';
import { forbidden, HttpError } from './http.ts';

/** Roles that may act on anyone's tasks and read anyone's lists. */
export const SUPERVISING_ROLES: readonly StaffRole[] = ['SPO', 'ADMIN'];

const STAFF_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The staff id in the authorizer's claims, if any. */
export function claimedStaffId(event: StaffApiEvent): string | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  const id = claims['custom:staffId'] ?? claims.sub;
  return typeof id === 'string' && STAFF_ID.test(id) ? id : undefined;
}

/** The calling staff member: 401 without identity, 403 (audited) when the identity is no staff member. */
export async function authenticate(ctx: ApiContext, req: ApiRequest<unknown>): Promise<Actor> {
  const staffId = claimedStaffId(req.event);
  if (!staffId) throw new HttpError(401, 'Unauthorized', 'a valid staff bearer token is required');
  const staff = await ctx.deps.repository.getStaff(staffId);
  if (!staff) {
    await audit(
      ctx,
      {
        actorId: staffId,
        action: 'AUTHENTICATE',
        route: req.route,
        result: 'REFUSED',
        reason: 'unknown staff id',
      },
      req.now,
    );
    throw forbidden('not a known staff member');
  }
  return staff;
}

/** 403 (audited) unless the actor has one of `roles`. */
export async function requireRole(
  ctx: ApiContext,
  req: ApiRequest<unknown>,
  actor: Actor,
  roles: readonly StaffRole[],
  action: string,
  target?: { caseId?: string; targetId?: string },
): Promise<void> {
  if (roles.includes(actor.role)) return;
  await refuse(ctx, req, actor, action, `role ${actor.role} may not do this`, target);
}

/** Audits a refused attempt and throws 403. `reason` is a fixed phrase (no personal data). */
export async function refuse(
  ctx: ApiContext,
  req: ApiRequest<unknown>,
  actor: Actor,
  action: string,
  reason: string,
  target?: { caseId?: string; targetId?: string },
): Promise<never> {
  await audit(
    ctx,
    { actorId: actor.staffId, action, route: req.route, result: 'REFUSED', reason, ...target },
    req.now,
  );
  throw forbidden(reason);
}
