/**
 * `POST /staff`: an administrator creates or updates a staff member. The line manager must exist and the chain must
 * not loop back. Locally the answer carries a development bearer token for the member.
 */
import type { Staff } from '#domain/entities.ts';
import { staffSchema } from '#schemas/staff.ts';
import { audit } from '../audit.ts';
import type { ApiContext } from '../context.ts';
import { signDevToken } from '../dev-tokens.ts';
import { badRequest, json } from '../http.ts';
import { type Route, staffRoute } from '../route.ts';

/** How far up a manager chain is followed when checking for a loop. */
const MAX_CHAIN = 20;

async function checkManager(ctx: ApiContext, staffId: string, managerId: string | undefined): Promise<void> {
  if (managerId === undefined) return;
  let current: string | undefined = managerId;
  for (let depth = 0; current !== undefined && depth < MAX_CHAIN; depth++) {
    const manager = await ctx.deps.repository.getStaff(current);
    if (!manager)
      throw badRequest([
        {
          field: 'managerId',
          message: depth === 0 ? 'is not a known staff member' : 'has a broken manager chain',
        },
      ]);
    if (manager.managerId === staffId)
      throw badRequest([{ field: 'managerId', message: 'would make a loop in the manager chain' }]);
    current = manager.managerId;
  }
}

export const staffRoutes: readonly Route[] = [
  staffRoute({
    method: 'POST',
    path: '/staff',
    summary: 'Create or update a staff member (administrators only)',
    roles: ['ADMIN'],
    action: 'PUT_STAFF',
    body: staffSchema,
    responses: {
      200: 'Updated: `{ staffId, devToken? }`',
      201: 'Created: `{ staffId, devToken? }` (devToken only on the local runtime)',
      400: 'Invalid field',
      403: 'Not an administrator',
    },
    async handle(ctx, req) {
      const input = req.body;
      await checkManager(ctx, input.staffId, input.managerId);
      const existing = await ctx.deps.repository.getStaff(input.staffId);
      const staff: Staff = {
        staffId: input.staffId,
        name: input.name,
        email: input.email,
        role: input.role,
        ...(input.mobile ? { mobile: input.mobile } : {}),
        ...(input.managerId ? { managerId: input.managerId } : {}),
      };
      await ctx.deps.repository.putStaff(staff);
      await audit(
        ctx,
        {
          actorId: req.actor.staffId,
          action: existing ? 'UPDATE_STAFF' : 'CREATE_STAFF',
          route: req.route,
          result: 'ALLOWED',
          targetId: staff.staffId,
        },
        req.now,
      );
      return json(existing ? 200 : 201, {
        staffId: staff.staffId,
        ...(ctx.devTokenKey ? { devToken: signDevToken(ctx.devTokenKey, staff.staffId) } : {}),
      });
    },
  }),
];
