/**
 * `POST /cases` registers a case (the journey service arranges its start and release); `GET /cases/{caseId}` shows
 * it. One open journey per CRN: a second registration while one is open is a 409 carrying the open case's id, and
 * nothing is written or scheduled for it.
 */
import type { StaffRole } from '#domain/types.ts';
import { Conflict } from '#functions/services/errors.ts';
import { registerCase } from '#functions/services/register-case.ts';
import { caseRegistrationSchema, checkRegistrationTiming } from '#schemas/case-registration.ts';
import { audit } from '../audit.ts';
import { refuse } from '../auth.ts';
import { caseView } from '../case-view.ts';
import type { ApiContext } from '../context.ts';
import { badRequest, conflict, json, notFound } from '../http.ts';
import { idParam } from '../request.ts';
import { ANY_STAFF, type Route, staffRoute } from '../route.ts';

const OPEN_JOURNEY = 'an open journey already exists for this CRN';

const OFFICER_ROLES = {
  COM: 'a community offender manager (COM)',
  POM: 'a prison offender manager (POM)',
} as const satisfies Partial<Record<StaffRole, string>>;

/** A registration names its officers by staff id: each must be a known staff member of the role (400 otherwise). */
async function requireStaffOfRole(
  ctx: ApiContext,
  field: string,
  staffId: string,
  role: keyof typeof OFFICER_ROLES,
): Promise<void> {
  const staff = await ctx.deps.repository.getStaff(staffId);
  if (!staff) throw badRequest([{ field, message: 'is not a known staff member' }]);
  if (staff.role !== role) throw badRequest([{ field, message: `must be ${OFFICER_ROLES[role]}` }]);
}

export const caseRoutes: readonly Route[] = [
  staffRoute({
    method: 'POST',
    path: '/cases',
    summary:
      'Register a case: the journey starts at R-12 weeks (or now, when later) and release is scheduled',
    roles: ['COM', 'POM', 'SPO', 'ADMIN'],
    action: 'REGISTER_CASE',
    body: caseRegistrationSchema,
    responses: {
      201: 'Registered: `{ caseId }`',
      400: 'Invalid field (e.g. release date in the past, unknown responsible officer)',
      403: 'Role may not register cases',
      409: 'An open journey exists for this CRN: `{ caseId }` of that journey',
    },
    async handle(ctx, req) {
      const input = req.body;
      const { repository } = ctx.deps;
      const timing = checkRegistrationTiming(input, req.now, ctx.deps.config);
      if (timing.length > 0) throw badRequest(timing);
      await requireStaffOfRole(ctx, 'responsibleOfficerId', input.responsibleOfficerId, 'COM');
      if (input.prisonOffenderManagerId !== undefined)
        await requireStaffOfRole(ctx, 'prisonOffenderManagerId', input.prisonOffenderManagerId, 'POM');
      const open = await repository.getCaseByCrn(input.crn);
      if (open) throw conflict(OPEN_JOURNEY, { caseId: open.caseId });
      let result: Awaited<ReturnType<typeof registerCase>>;
      try {
        result = await registerCase(ctx.deps, input, req.now);
      } catch (error) {
        if (error instanceof Conflict && error.existingId)
          throw conflict(OPEN_JOURNEY, { caseId: error.existingId });
        throw error;
      }
      // a registration that raced this one stored the case first: still one journey per CRN
      if (!result.created) throw conflict(OPEN_JOURNEY, { caseId: result.caseId });
      await audit(
        ctx,
        {
          actorId: req.actor.staffId,
          action: 'REGISTER_CASE',
          route: req.route,
          result: 'ALLOWED',
          caseId: result.caseId,
          targetId: result.caseId,
        },
        req.now,
      );
      return json(201, { caseId: result.caseId });
    },
  }),
  staffRoute({
    method: 'GET',
    path: '/cases/{caseId}',
    summary:
      'A case: phase, release date, pathways and needs, tasks, appointments, warnings and breaches, ' +
      'executions (with console links) and notifications sent',
    roles: ANY_STAFF,
    action: 'VIEW_CASE',
    responses: {
      200: 'The case',
      400: 'Malformed case id',
      403: 'A partner worker with no task on this case',
      404: 'No such case',
    },
    async handle(ctx, req) {
      const caseId = idParam(req.params, 'caseId');
      const { repository } = ctx.deps;
      const kase = await repository.getCase(caseId);
      if (!kase) throw notFound('case', 'caseId');
      const target = { caseId, targetId: caseId };
      if (req.actor.role === 'PARTNER') {
        const tasks = await repository.listTasksByCase(caseId);
        if (!tasks.some((t) => t.assigneeId === req.actor.staffId))
          await refuse(ctx, req, req.actor, 'VIEW_CASE', 'partner worker with no task on the case', target);
      }
      const view = await caseView(repository, kase);
      // reads of special category data are audited too (docs: domain.md, data protection)
      await audit(
        ctx,
        { actorId: req.actor.staffId, action: 'VIEW_CASE', route: req.route, result: 'ALLOWED', ...target },
        req.now,
      );
      return json(200, view);
    },
  }),
];
